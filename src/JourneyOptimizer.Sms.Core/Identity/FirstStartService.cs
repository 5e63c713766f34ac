using System.Security.Cryptography;
using System.Text;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Identity;

public enum FirstStartState
{
    /// <summary>Users exist: nothing to do.</summary>
    Done,

    /// <summary>The administrator from configuration was created.</summary>
    AdministratorCreated,

    /// <summary>No user yet: a one-time setup token was issued.</summary>
    SetupTokenIssued,
}

public sealed record FirstStartResult(FirstStartState State, string? SetupToken = null, IReadOnlyList<string>? Errors = null);

/// <summary>
/// Creates the first System administrator: from <see cref="BootstrapOptions"/> when set, otherwise through a one-time
/// setup link whose token is stored only as a hash (so any instance can accept it, and nobody can read it back).
/// </summary>
public sealed partial class FirstStartService(
    SmsDbContext db,
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    AuditLog audit,
    TimeProvider time,
    IOptions<BootstrapOptions> options,
    ILogger<FirstStartService> logger)
{
    public Task<bool> HasUsersAsync(CancellationToken cancellationToken) => db.Users.AnyAsync(cancellationToken);

    public async Task<FirstStartResult> EnsureAsync(CancellationToken cancellationToken)
    {
        await EnsureRolesAsync();
        if (await HasUsersAsync(cancellationToken))
        {
            return new FirstStartResult(FirstStartState.Done);
        }

        var bootstrap = options.Value;
        if (!string.IsNullOrWhiteSpace(bootstrap.AdminEmail) && !string.IsNullOrEmpty(bootstrap.AdminPassword))
        {
            var errors = await CreateAdministratorAsync(bootstrap.AdminEmail.Trim(), bootstrap.AdminPassword);
            if (errors.Count == 0)
            {
                LogBootstrapAdmin(logger);
                return new FirstStartResult(FirstStartState.AdministratorCreated);
            }

            LogBootstrapFailed(logger, string.Join(" ", errors));
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await db.SetupTokens.Where(t => t.UsedAtUtc == null).ExecuteDeleteAsync(cancellationToken);
        db.SetupTokens.Add(new SetupToken { TokenHash = Hash(token), CreatedAtUtc = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return new FirstStartResult(FirstStartState.SetupTokenIssued, token);
    }

    /// <summary>True when the token is a valid, unused setup token and no user exists yet.</summary>
    public async Task<bool> IsValidTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || await HasUsersAsync(cancellationToken))
        {
            return false;
        }

        var hash = Hash(token);
        return await db.SetupTokens.AnyAsync(t => t.TokenHash == hash && t.UsedAtUtc == null, cancellationToken);
    }

    /// <summary>
    /// Creates the first administrator with the setup token; the errors are Identity's (English keys). The token is
    /// claimed by one conditional UPDATE inside the transaction that creates the user: of requests racing with the same
    /// link, one claims it and the others find it used (the database serialises the writes), so the link makes one
    /// administrator. A refused user (a password rule) rolls the claim back, and the link can be used again.
    /// </summary>
    public async Task<IReadOnlyList<string>> CompleteAsync(string token, string email, string password, CancellationToken cancellationToken)
    {
        if (!await IsValidTokenAsync(token, cancellationToken))
        {
            return ["This setup link is no longer valid."];
        }

        var hash = Hash(token);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.SetupTokens.Where(t => t.TokenHash == hash && t.UsedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAtUtc, time.GetUtcNow().UtcDateTime), cancellationToken);
        if (claimed == 0 || await HasUsersAsync(cancellationToken))
        {
            return ["This setup link is no longer valid."];
        }

        var errors = await CreateAdministratorAsync(email.Trim(), password);
        if (errors.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return errors;
        }

        await transaction.CommitAsync(cancellationToken);
        return errors;
    }

    private async Task EnsureRolesAsync()
    {
        if (!await roles.RoleExistsAsync(PortalRoles.SystemAdministrator))
        {
            await roles.CreateAsync(new IdentityRole(PortalRoles.SystemAdministrator));
        }
    }

    private async Task<List<string>> CreateAdministratorAsync(string email, string password)
    {
        await EnsureRolesAsync();
        var user = PortalUser.ForEmail(email, time.GetUtcNow().UtcDateTime);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created.Errors.Select(e => e.Description).ToList();
        }

        await users.AddToRoleAsync(user, PortalRoles.SystemAdministrator);
        audit.Record(new Actor(user.Id, email), null, "User", user.Id, email, AuditLog.Actions.Created,
            [new AuditChange("Role", null, PortalRoles.SystemAdministrator)]);
        await db.SaveChangesAsync();
        return [];
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    [LoggerMessage(Level = LogLevel.Information, Message = "The first System administrator was created from the Bootstrap configuration")]
    private static partial void LogBootstrapAdmin(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Bootstrap administrator could not be created: {Reasons}")]
    private static partial void LogBootstrapFailed(ILogger logger, string reasons);
}
