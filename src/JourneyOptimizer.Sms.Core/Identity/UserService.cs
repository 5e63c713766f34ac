using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Identity;

/// <summary>
/// Users and permissions (System administrators only): list, create (with a one-time set-password link or an
/// initial password), disable/enable, reset lockout, the System administrator role and the access per sandbox.
/// Every change is audited (object type <see cref="AuditObjectType"/>) in the same transaction as the change.
/// </summary>
public sealed class UserService(
    SmsDbContext db,
    UserManager<PortalUser> users,
    AuditLog audit,
    TimeProvider time,
    IValidator<CreateUserInput> createValidator)
{
    public const string AuditObjectType = "User";

    public static class Actions
    {
        public const string SetPasswordLinkIssued = "SetPasswordLinkIssued";
        public const string PasswordSet = "PasswordSet";
        public const string LockoutReset = "LockoutReset";
        public const string SignedOutEverywhere = "SignedOutEverywhere";
    }

    public const string EmailField = nameof(CreateUserInput.Email);
    public const string PasswordField = nameof(CreateUserInput.Password);

    /// <summary>One page of users ordered by email; <paramref name="search"/> matches any part of the email.</summary>
    public async Task<Page<UserListItem>> ListAsync(string? search, string? after, string? before, int pageSize,
        CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(term));
        }

        List<PortalUser> rows;
        bool hasMoreInDirection;
        if (!string.IsNullOrEmpty(before))
        {
            rows = await query.Where(u => u.NormalizedEmail!.CompareTo(before) < 0)
                .OrderByDescending(u => u.NormalizedEmail).Take(pageSize + 1).ToListAsync(cancellationToken);
            hasMoreInDirection = rows.Count > pageSize;
            rows = rows.Take(pageSize).Reverse().ToList();
        }
        else
        {
            if (!string.IsNullOrEmpty(after))
            {
                query = query.Where(u => u.NormalizedEmail!.CompareTo(after) > 0);
            }

            rows = await query.OrderBy(u => u.NormalizedEmail).Take(pageSize + 1).ToListAsync(cancellationToken);
            hasMoreInDirection = rows.Count > pageSize;
            rows = rows.Take(pageSize).ToList();
        }

        var ids = rows.Select(u => u.Id).ToList();
        var adminRoleId = await AdministratorRoleIdAsync(cancellationToken);
        var admins = await db.UserRoles.AsNoTracking().Where(r => r.RoleId == adminRoleId && ids.Contains(r.UserId))
            .Select(r => r.UserId).ToListAsync(cancellationToken);
        var permissions = await db.SandboxPermissions.AsNoTracking().Where(p => ids.Contains(p.UserId) && p.Access != SandboxAccess.None)
            .Select(p => new { p.UserId, p.Sandbox!.Name, p.Access }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var items = rows.Select(u => new UserListItem(u.Id, u.Email ?? u.UserName ?? u.Id, u.IsDisabled,
                u.LockoutEnd is { } end && end > now,
                admins.Contains(u.Id),
                permissions.Where(p => p.UserId == u.Id).OrderBy(p => p.Name, StringComparer.Ordinal)
                    .Select(p => new SandboxPermissionSummary(p.Name, p.Access)).ToList()))
            .ToList();

        var first = rows.FirstOrDefault()?.NormalizedEmail;
        var last = rows.LastOrDefault()?.NormalizedEmail;
        string? next;
        string? previous;
        if (!string.IsNullOrEmpty(before))
        {
            next = last;
            previous = hasMoreInDirection ? first : null;
        }
        else
        {
            next = hasMoreInDirection ? last : null;
            previous = string.IsNullOrEmpty(after) ? null : first;
        }

        return new Page<UserListItem>(items, next, previous);
    }

    public async Task<UserDetails?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var adminRoleId = await AdministratorRoleIdAsync(cancellationToken);
        var isAdmin = await db.UserRoles.AnyAsync(r => r.UserId == id && r.RoleId == adminRoleId, cancellationToken);
        var granted = await db.SandboxPermissions.AsNoTracking().Where(p => p.UserId == id)
            .ToDictionaryAsync(p => p.SandboxId, p => p.Access, cancellationToken);
        var sandboxes = await db.Sandboxes.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Title }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return new UserDetails(user.Id, user.Email ?? user.UserName ?? user.Id, user.IsDisabled,
            user.LockoutEnd is { } end && end > now ? end.UtcDateTime : null, isAdmin, user.ConcurrencyStamp ?? "",
            user.CreatedAtUtc, user.PasswordHash is not null,
            sandboxes.Select(s => new UserSandboxAccess(s.Id, s.Name, s.Title, granted.GetValueOrDefault(s.Id))).ToList());
    }

    /// <summary>Creates a user; with <see cref="PasswordSetupMode.Link"/>, the result carries the link's token (shown once).</summary>
    public async Task<UserResult> CreateAsync(CreateUserInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var validation = createValidator.Validate(input);
        if (!validation.IsValid)
        {
            return new UserResult(UserOutcome.Invalid, Errors: validation.Errors
                .Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList());
        }

        var email = input.Email!.Trim();
        var user = PortalUser.ForEmail(email, time.GetUtcNow().UtcDateTime);
        if (await users.FindByEmailAsync(email) is not null || await users.FindByNameAsync(email) is not null)
        {
            return EmailTaken();
        }

        if (input.Mode == PasswordSetupMode.Password)
        {
            var passwordErrors = new List<FieldError>();
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, user, input.Password!);
                passwordErrors.AddRange(check.Errors.Select(e => new FieldError(PasswordField, e.Description)));
            }

            if (passwordErrors.Count > 0)
            {
                return new UserResult(UserOutcome.Invalid, Errors: passwordErrors);
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = input.Mode == PasswordSetupMode.Password
            ? await users.CreateAsync(user, input.Password!)
            : await users.CreateAsync(user);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            if (result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
            {
                return EmailTaken();
            }

            return new UserResult(UserOutcome.Invalid, Errors: result.Errors
                .Select(e => new FieldError(e.Code.Contains("Password", StringComparison.Ordinal) ? PasswordField : EmailField, e.Description))
                .ToList());
        }

        string? token = null;
        if (input.Mode == PasswordSetupMode.Link)
        {
            token = IssueToken(user.Id);
        }

        List<AuditChange> created = [new AuditChange("Email", null, email)];
        if (input.Mode == PasswordSetupMode.Password)
        {
            created.Add(new AuditChange("Password", null, null, Secret: true));
        }

        audit.Record(actor, null, AuditObjectType, user.Id, email, AuditLog.Actions.Created, created);
        if (token is not null)
        {
            audit.Record(actor, null, AuditObjectType, user.Id, email, Actions.SetPasswordLinkIssued);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UserResult(UserOutcome.Created, user.Id, SetPasswordToken: token);
    }

    /// <summary>A new set-password link for a user (earlier unused links die).</summary>
    public async Task<UserResult> IssueSetPasswordLinkAsync(string id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return new UserResult(UserOutcome.NotFound);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.PasswordSetupTokens.Where(t => t.UserId == id && t.UsedAtUtc == null).ExecuteDeleteAsync(cancellationToken);
        var token = IssueToken(id);
        audit.Record(actor, null, AuditObjectType, id, user.Email ?? id, Actions.SetPasswordLinkIssued);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UserResult(UserOutcome.Updated, id, SetPasswordToken: token);
    }

    /// <summary>The email of the user a valid (unused, unexpired) set-password token belongs to, or null.</summary>
    public async Task<string?> FindSetPasswordUserAsync(string? token, CancellationToken cancellationToken)
    {
        var row = await FindTokenAsync(token, cancellationToken);
        if (row is null)
        {
            return null;
        }

        return await db.Users.Where(u => u.Id == row.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Sets the password with a one-time link. The errors are field errors of <see cref="PasswordField"/> (English keys).</summary>
    public async Task<UserResult> SetPasswordAsync(string? token, string password, CancellationToken cancellationToken)
    {
        var row = await FindTokenAsync(token, cancellationToken);
        var user = row is null ? null : await users.FindByIdAsync(row.UserId);
        if (row is null || user is null)
        {
            return new UserResult(UserOutcome.NotFound);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (user.PasswordHash is not null)
        {
            await users.RemovePasswordAsync(user);
        }

        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new UserResult(UserOutcome.Invalid, Errors: added.Errors.Select(e => new FieldError(PasswordField, e.Description)).ToList());
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.PasswordSetupTokens.Where(t => t.Id == row.Id && t.UsedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAtUtc, now), cancellationToken);
        audit.Record(new Actor(user.Id, user.Email ?? user.Id), null, AuditObjectType, user.Id, user.Email ?? user.Id,
            Actions.PasswordSet, [new AuditChange("Password", null, null, Secret: true)]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UserResult(UserOutcome.Updated, user.Id);
    }

    /// <summary>
    /// Saves role, status and sandbox access. A System administrator cannot disable themselves or revoke their own role,
    /// and the last enabled System administrator stays one. Disabling or a role change renews the security stamp, so
    /// the user's existing sessions are re-checked (and end, when disabled) at the next validation.
    /// </summary>
    public async Task<UserResult> UpdateAsync(string id, UpdateUserInput input, string? concurrencyStamp, Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return new UserResult(UserOutcome.NotFound);
        }

        if (!string.Equals(user.ConcurrencyStamp, concurrencyStamp, StringComparison.Ordinal))
        {
            return Conflict();
        }

        var adminRoleId = await AdministratorRoleIdAsync(cancellationToken);
        var wasAdmin = await db.UserRoles.AnyAsync(r => r.UserId == id && r.RoleId == adminRoleId, cancellationToken);
        var isSelf = string.Equals(actor.UserId, id, StringComparison.Ordinal);
        if (isSelf && (input.IsDisabled || (wasAdmin && !input.IsSystemAdministrator)))
        {
            return new UserResult(UserOutcome.CannotChangeYourself, Errors:
                [new FieldError(FieldError.FormLevel, "You cannot disable yourself or revoke your own System administrator role.")]);
        }

        var stopsBeingActiveAdmin = wasAdmin && !user.IsDisabled && (!input.IsSystemAdministrator || input.IsDisabled);
        if (stopsBeingActiveAdmin)
        {
            var otherActiveAdmins = await db.UserRoles.Where(r => r.RoleId == adminRoleId && r.UserId != id)
                .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => u)
                .CountAsync(u => !u.IsDisabled, cancellationToken);
            if (otherActiveAdmins == 0)
            {
                return new UserResult(UserOutcome.LastAdministrator, Errors:
                    [new FieldError(FieldError.FormLevel, "This is the last System administrator: make another user a System administrator first.")]);
            }
        }

        var sandboxes = await db.Sandboxes.AsNoTracking().Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var existing = await db.SandboxPermissions.Where(p => p.UserId == id).ToListAsync(cancellationToken);
        var changes = new List<AuditChange>();
        if (wasAdmin != input.IsSystemAdministrator)
        {
            changes.Add(new AuditChange(PortalRoles.SystemAdministrator, YesNo(wasAdmin), YesNo(input.IsSystemAdministrator)));
            if (input.IsSystemAdministrator)
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = adminRoleId });
            }
            else
            {
                db.UserRoles.Remove(await db.UserRoles.FirstAsync(r => r.UserId == id && r.RoleId == adminRoleId, cancellationToken));
            }
        }

        if (user.IsDisabled != input.IsDisabled)
        {
            changes.Add(new AuditChange("Status", Status(user.IsDisabled), Status(input.IsDisabled)));
            user.IsDisabled = input.IsDisabled;
        }

        foreach (var (sandboxId, access) in input.Permissions)
        {
            if (!sandboxes.TryGetValue(sandboxId, out var sandboxName) || !Enum.IsDefined(access))
            {
                continue;
            }

            var current = existing.FirstOrDefault(p => p.SandboxId == sandboxId);
            var before = current?.Access ?? SandboxAccess.None;
            if (before == access)
            {
                continue;
            }

            changes.Add(new AuditChange("Sandbox " + sandboxName, AccessName(before), AccessName(access)));
            if (access == SandboxAccess.None)
            {
                db.SandboxPermissions.Remove(current!);
            }
            else if (current is null)
            {
                db.SandboxPermissions.Add(new SandboxPermission { UserId = id, SandboxId = sandboxId, Access = access });
            }
            else
            {
                current.Access = access;
            }
        }

        if (changes.Count == 0)
        {
            return new UserResult(UserOutcome.Updated, id);
        }

        if (wasAdmin != input.IsSystemAdministrator || input.IsDisabled)
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        audit.Record(actor, null, AuditObjectType, id, user.Email ?? id, AuditLog.Actions.Updated, changes);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict();
        }

        return new UserResult(UserOutcome.Updated, id);
    }

    /// <summary>Ends a lockout after too many failed sign-ins.</summary>
    public async Task<UserResult> ResetLockoutAsync(string id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return new UserResult(UserOutcome.NotFound);
        }

        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        audit.Record(actor, null, AuditObjectType, id, user.Email ?? id, Actions.LockoutReset);
        await db.SaveChangesAsync(cancellationToken);
        return new UserResult(UserOutcome.Updated, id);
    }

    /// <summary>
    /// Ends every session of the user: a new security stamp, which each session compares with its own at its next
    /// request. Audited.
    /// </summary>
    public async Task<UserResult> SignOutEverywhereAsync(string id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return new UserResult(UserOutcome.NotFound);
        }

        user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        audit.Record(actor, null, AuditObjectType, id, user.Email ?? id, Actions.SignedOutEverywhere);
        await db.SaveChangesAsync(cancellationToken);
        return new UserResult(UserOutcome.Updated, id);
    }

    public static string AccessName(SandboxAccess access) => access switch
    {
        SandboxAccess.Manage => "Manage messages presets",
        SandboxAccess.View => "View messages presets",
        _ => "None",
    };

    private static string YesNo(bool value) => value ? "Yes" : "No";

    private static string Status(bool disabled) => disabled ? "Disabled" : "Enabled";

    private static UserResult EmailTaken() => new(UserOutcome.EmailTaken, Errors:
        [new FieldError(EmailField, "A user with this email already exists.")]);

    private static UserResult Conflict() => new(UserOutcome.ConcurrencyConflict, Errors:
        [new FieldError(FieldError.FormLevel, "Someone else changed this user after you opened it. Reload the page to see their changes, then try again.")]);

    private async Task<string> AdministratorRoleIdAsync(CancellationToken cancellationToken)
    {
        var normalized = PortalRoles.SystemAdministrator.ToUpperInvariant();
        return await db.Roles.Where(r => r.NormalizedName == normalized).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken)
               ?? throw new InvalidOperationException("The System administrator role does not exist (it is created at start).");
    }

    private string IssueToken(string userId)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow().UtcDateTime;
        db.PasswordSetupTokens.Add(new PasswordSetupToken
        {
            UserId = userId,
            TokenHash = Hash(token),
            CreatedAtUtc = now,
            ExpiresAtUtc = now + PasswordSetupToken.Lifetime,
        });
        return token;
    }

    private async Task<PasswordSetupToken?> FindTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.PasswordSetupTokens.AsNoTracking()
            .FirstOrDefaultAsync(t => t.TokenHash == hash && t.UsedAtUtc == null && t.ExpiresAtUtc > now, cancellationToken);
    }

    private static string Hash(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}
