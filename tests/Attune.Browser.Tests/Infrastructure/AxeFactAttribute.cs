using Attune.Web.Tests.Infrastructure;

namespace Attune.Browser.Tests.Infrastructure;

/// <summary>
/// A fact about the accessibility scanner itself: skipped while axe-core is not installed, except on CI
/// where it runs and fails, so the scan cannot silently stop running.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AxeFactAttribute : FactAttribute
{
    public AxeFactAttribute()
    {
        if (!Accessibility.AxeAvailable && !TestEnvironment.IsCi)
        {
            Skip = $"axe-core not installed at {Accessibility.AxeScriptPath} (npm ci in src/Attune.Web/client).";
        }
    }
}
