namespace Attune.Web.Features.Audit;

/// <summary>The actions the audit log records, as stored. Data writes are <c>{kind}.created|updated|deleted</c>.</summary>
public static class AuditActions
{
    public const string SignInSucceeded = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SignOut = "signout";
    public const string AccountCreated = "account.created";
    public const string AccountDeleted = "account.deleted";
    public const string AccountErased = "account.erased";
    public const string EmailConfirmed = "email.confirmed";
    public const string EmailChanged = "email.changed";
    public const string PasswordChanged = "password.changed";
    public const string TwoFactorEnabled = "twofactor.enabled";
    public const string TwoFactorDisabled = "twofactor.disabled";
    public const string PasskeyAdded = "passkey.added";
    public const string PasskeyRemoved = "passkey.removed";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string GrantCreated = "grant.created";
    public const string GrantAccepted = "grant.accepted";
    public const string GrantChanged = "grant.changed";
    public const string GrantEnded = "grant.ended";
    public const string RegistrationRefused = "registration.refused";
    public const string InvitationCreated = "invitation.created";
    public const string InvitationUsed = "invitation.used";
    public const string InvitationRevoked = "invitation.revoked";
    public const string AdminGranted = "admin.granted";
    public const string AdminConfirmedEmail = "admin.confirmed-email";
    public const string SignInLinkCreated = "signin-link.created";
    public const string SignInLinkUsed = "signin-link.used";
    public const string TherapistGranted = "therapist.granted";
    public const string TherapistRemoved = "therapist.removed";

    /// <summary>Someone read another person's data (one item, or a list when there is no id).</summary>
    public const string Read = "read";

    public static string Created(string kind) => kind + ".created";

    public static string Updated(string kind) => kind + ".updated";

    public static string Deleted(string kind) => kind + ".deleted";

    /// <summary>Plain words for the security log pages.</summary>
    public static string Describe(string action, string? kind) => action switch
    {
        SignInSucceeded => "Signed in",
        SignInFailed => "A sign-in attempt failed",
        SignOut => "Signed out",
        AccountCreated => "Account created",
        AccountDeleted => "Account deleted",
        AccountErased => "Account and everything in it erased",
        EmailConfirmed => "Email address confirmed",
        EmailChanged => "Email address changed",
        PasswordChanged => "Password changed",
        TwoFactorEnabled => "Two-factor sign-in turned on",
        TwoFactorDisabled => "Two-factor sign-in turned off",
        PasskeyAdded => "Passkey added",
        PasskeyRemoved => "Passkey removed",
        TokenCreated => "Access token created",
        TokenRevoked => "Access token revoked",
        GrantCreated => "Sharing invitation sent",
        GrantAccepted => "Sharing invitation accepted",
        GrantChanged => "What a grant covers changed",
        GrantEnded => "Sharing ended",
        RegistrationRefused => "Registration refused",
        InvitationCreated => "Invitation created",
        InvitationUsed => "Invitation used to register",
        InvitationRevoked => "Invitation revoked",
        AdminGranted => "Made an administrator",
        AdminConfirmedEmail => "Email address confirmed by an administrator",
        SignInLinkCreated => "One-time sign-in link made on the server",
        SignInLinkUsed => "Signed in with a one-time link",
        TherapistGranted => "Made a therapist by the administrator",
        TherapistRemoved => "No longer a therapist here",
        Read => "Someone you share with looked at your " + (kind ?? "data"),
        _ when action.EndsWith(".created", StringComparison.Ordinal) => $"Added a {kind}",
        _ when action.EndsWith(".updated", StringComparison.Ordinal) => $"Changed a {kind}",
        _ when action.EndsWith(".deleted", StringComparison.Ordinal) => $"Deleted a {kind}",
        _ => action,
    };
}
