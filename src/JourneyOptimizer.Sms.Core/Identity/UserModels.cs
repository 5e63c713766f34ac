namespace JourneyOptimizer.Sms.Core.Identity;

public enum UserOutcome
{
    Created,
    Updated,
    NotFound,
    Invalid,
    EmailTaken,
    ConcurrencyConflict,
    LastAdministrator,
    CannotChangeYourself,
}

/// <summary>How a new user gets a password.</summary>
public enum PasswordSetupMode
{
    /// <summary>A one-time set-password link, shown to the administrator once.</summary>
    Link,

    /// <summary>An initial password typed by the administrator.</summary>
    Password,
}

public sealed record UserResult(UserOutcome Outcome, string? Id = null, IReadOnlyList<Common.FieldError>? Errors = null,
    string? SetPasswordToken = null)
{
    public IReadOnlyList<Common.FieldError> FieldErrors => Errors ?? [];
}

public sealed class CreateUserInput
{
    public string? Email { get; set; }

    public PasswordSetupMode Mode { get; set; } = PasswordSetupMode.Link;

    public string? Password { get; set; }
}

/// <summary>What a System administrator edits on a user: role, status and the access per sandbox (by sandbox id).</summary>
public sealed class UpdateUserInput
{
    public bool IsSystemAdministrator { get; set; }

    public bool IsDisabled { get; set; }

    public IDictionary<int, SandboxAccess> Permissions { get; init; } = new Dictionary<int, SandboxAccess>();
}

public sealed record SandboxPermissionSummary(string SandboxName, SandboxAccess Access);

public sealed record UserListItem(string Id, string Email, bool IsDisabled, bool IsLockedOut, bool IsSystemAdministrator,
    IReadOnlyList<SandboxPermissionSummary> Permissions);

public sealed record UserSandboxAccess(int SandboxId, string SandboxName, string SandboxTitle, SandboxAccess Access);

public sealed record UserDetails(string Id, string Email, bool IsDisabled, DateTime? LockedOutUntilUtc, bool IsSystemAdministrator,
    string ConcurrencyStamp, DateTime CreatedAtUtc, bool HasPassword, IReadOnlyList<UserSandboxAccess> Sandboxes);
