namespace Attune.Web.Infrastructure;

public static class DataProtectionSetup
{
    /// <summary>
    /// The framework's hosted service that loads the Data Protection key ring at start-up only to warm it.
    /// Program.cs removes it; a test checks the type still exists, so a rename cannot make that a silent no-op.
    /// </summary>
    public const string WarmUpService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";
}
