using System.Diagnostics;
using System.Globalization;
using FluentValidation;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.Performance.Seeder;

/// <summary>
/// Fills a portal database with Twilio credentials whose rows are what <see cref="ApiCredentialService.CreateAsync"/>
/// writes: the input passes the real validator, is normalised with the same helpers, the Auth Token is protected by
/// the portal's <see cref="ISecretProtector"/>, and each credential gets its "Created" audit entry from the real
/// <see cref="AuditLog"/>. Only the per-row uniqueness checks are skipped (the generated names and numbers are unique
/// by construction, and the unique indexes still hold), and the rows are written by prepared commands built from the
/// EF model (<see cref="ModelInserter"/>) in batches, one transaction each, instead of one EF SaveChanges per row.
/// </summary>
public sealed class CredentialSeeder(IServiceProvider services, TimeProvider time, int randomSeed = 42)
{
    /// <summary>Names are "{word} {index:D6}": ten words, so a name search such as "growth" matches a tenth of a sandbox.</summary>
    public static readonly IReadOnlyList<string> NameWords =
        ["Alerts", "Billing", "Campaigns", "Delivery", "Engagement", "Fraud", "Growth", "Helpdesk", "Invoices", "Journeys"];

    /// <summary>How many credentials share one Twilio account (each with its own inbound number).</summary>
    public const int CredentialsPerAccount = 1000;

    private static readonly IReadOnlySet<string> SecretFields = new HashSet<string>(StringComparer.Ordinal) { nameof(TwilioCredentialInput.AuthToken) };

    public static string NameOf(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{NameWords[index % NameWords.Count]} {index:D6}");

    /// <summary>What the portal does at start-up before anything else: migrations, WAL, the <c>prod</c> sandbox.</summary>
    public async Task PrepareDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await scope.ServiceProvider.GetRequiredService<SandboxService>().EnsureDefaultAsync(cancellationToken);
    }

    /// <summary>The sandbox, created through <see cref="SandboxService"/> (with its audit entry) when missing.</summary>
    public async Task<SandboxRef> EnsureSandboxAsync(string name, Actor actor, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var sandboxes = scope.ServiceProvider.GetRequiredService<SandboxService>();
        if (await sandboxes.FindByNameAsync(name, cancellationToken) is { } existing)
        {
            return existing;
        }

        var result = await sandboxes.CreateAsync(new SandboxInput { Name = name, Title = name }, actor, cancellationToken);
        if (result.Outcome != SandboxOutcome.Created)
        {
            throw new InvalidOperationException(
                $"Sandbox '{name}': {result.Outcome} {string.Join("; ", result.FieldErrors.Select(e => e.Message))}");
        }

        return (await sandboxes.FindByNameAsync(name, cancellationToken))!;
    }

    /// <summary>Adds <paramref name="count"/> Twilio credentials to an empty sandbox; returns how long it took.</summary>
    public async Task<TimeSpan> SeedTwilioAsync(SandboxRef sandbox, int count, Actor actor, int batchSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var stopwatch = Stopwatch.StartNew();
        var protector = services.GetRequiredService<ISecretProtector>();
        var validator = services.GetRequiredService<IValidator<TwilioCredentialInput>>();

        // Creates the Data Protection key (stored by its own DbContext) before a batch transaction holds the write lock.
        _ = protector.Protect("key ring");

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        if (await db.ApiCredentials.AnyAsync(c => c.SandboxId == sandbox.Id, cancellationToken))
        {
            throw new InvalidOperationException($"Sandbox '{sandbox.Name}' already has credentials: seed a new database.");
        }

        // Inbound numbers are unique across the database: continue after the numbers of the credentials already there.
        var numberIndex = await db.Set<TwilioCredential>().CountAsync(cancellationToken);
        var random = new Random(HashCode.Combine(randomSeed, sandbox.Name.Length, sandbox.Id));
        var accountSid = "";
        var batch = new List<TwilioCredential>(batchSize);
        for (var i = 0; i < count; i++)
        {
            if (i % CredentialsPerAccount == 0)
            {
                accountSid = "AC" + Hex32(random);
            }

            TwilioCredentialInput input;
            while (true)
            {
                input = new TwilioCredentialInput
                {
                    Name = NameOf(i),
                    AccountSid = accountSid,
                    AuthToken = Hex32(random),
                    MessagingServiceSid = "MG" + Hex32(random),
                    InboundNumber = NumberOf(numberIndex++),
                };
                var validation = validator.Validate(input);
                if (validation.IsValid)
                {
                    break;
                }

                if (validation.Errors.Any(e => e.PropertyName != nameof(TwilioCredentialInput.InboundNumber)))
                {
                    throw new InvalidOperationException(
                        $"Generated input refused: {string.Join("; ", validation.Errors.Select(e => e.ErrorMessage))}");
                }

                // Not a valid number for libphonenumber (an N11 exchange, for example): take the next one.
            }

            batch.Add(CreateEntity(sandbox.Id, input, protector, actor));
            if (batch.Count == batchSize || i == count - 1)
            {
                await SaveBatchAsync(db, audit, batch, sandbox.Id, actor, cancellationToken);
                batch.Clear();
            }
        }

        return stopwatch.Elapsed;
    }

    /// <summary>The entity <see cref="ApiCredentialService.CreateAsync"/> builds from a valid input.</summary>
    private TwilioCredential CreateEntity(int sandboxId, TwilioCredentialInput input, ISecretProtector protector, Actor actor)
    {
        var name = input.Name!.Trim();
        var inboundNumber = PhoneNumberRules.TryNormalizeNumberOrShortCode(input.InboundNumber)!;
        var token = input.AuthToken!.Trim();
        var now = time.GetUtcNow().UtcDateTime;
        return new TwilioCredential
        {
            SandboxId = sandboxId,
            Name = name,
            NormalizedName = ApiCredential.NormalizeName(name),
            AccountSid = Sid.Normalize(input.AccountSid!),
            AuthMethod = TwilioAuthMethod.AuthToken,
            AuthTokenProtected = protector.Protect(token),
            AuthTokenHint = ISecretProtector.Hint(token),
            MessagingServiceSid = Sid.Normalize(input.MessagingServiceSid!),
            InboundNumber = inboundNumber,
            Address = inboundNumber,
            VerificationStatus = VerificationStatus.NotVerified,
            CreatedAtUtc = now,
            CreatedBy = actor.UserName,
            ModifiedAtUtc = now,
            ModifiedBy = actor.UserName,
            Version = 1,
        };
    }

    private static async Task SaveBatchAsync(SmsDbContext db, AuditLog audit, List<TwilioCredential> batch, int sandboxId,
        Actor actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using (var credentials = new ModelInserter(db, typeof(TwilioCredential)))
        {
            foreach (var credential in batch)
            {
                credential.Id = checked((int)await credentials.InsertAsync(credential, cancellationToken));

                // The same entry the service records: the new values, then the Auth Token only as a secret change.
                var snapshot = new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    [nameof(TwilioCredentialInput.Name)] = credential.Name,
                    [nameof(TwilioCredentialInput.AccountSid)] = credential.AccountSid,
                    [nameof(TwilioCredentialInput.AuthMethod)] = nameof(TwilioAuthMethod.AuthToken),
                    [nameof(TwilioCredentialInput.MessagingServiceSid)] = credential.MessagingServiceSid,
                    [nameof(TwilioCredentialInput.InboundNumber)] = credential.InboundNumber,
                    [nameof(TwilioCredentialInput.AuthToken)] = "set",
                };
                audit.Record(actor, sandboxId, ApiCredentialService.AuditObjectType,
                    credential.Id.ToString(CultureInfo.InvariantCulture), credential.Name, AuditLog.Actions.Created,
                    AuditLog.Diff(new Dictionary<string, string?>(), snapshot, SecretFields));
            }
        }

        // AuditLog.Record adds its entries to the context: write those very entities, then forget them.
        using (var entries = new ModelInserter(db, typeof(AuditEntry)))
        {
            foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Select(e => e.Entity))
            {
                entry.Id = await entries.InsertAsync(entry, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The n-th San Francisco number: +1 415 NXX XXXX with exchanges 200 to 999 (8 million numbers). Numbers that
    /// libphonenumber refuses are skipped by the caller.
    /// </summary>
    public static string NumberOf(int n) =>
        string.Create(CultureInfo.InvariantCulture, $"+1415{200 + (n / 10_000):000}{n % 10_000:0000}");

    private static string Hex32(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
