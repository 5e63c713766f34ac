using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>
/// Creates, lists, edits and deletes the SMS webhooks of a sandbox, regenerates signing secrets (stored only as
/// SHA-256) of the vendors that use them, and reads what the webhooks received for the administration lists. What
/// differs by vendor is asked of its <see cref="VendorWebhooks"/>.
/// </summary>
public sealed partial class WebhookService(
    SmsDbContext db,
    AuditLog audit,
    TimeProvider time,
    IValidator<WebhookInput> validator,
    CredentialVendors vendors,
    ILogger<WebhookService> logger,
    IEnumerable<IWebhookCache> caches)
{
    public const string AuditObjectType = "Webhook";
    public const string SecretRegeneratedAction = "SecretRegenerated";
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxCredentialOptions = 500;
    public const int MaxEventsShown = 100;

    /// <summary>The refusal to regenerate the secret of a webhook whose vendor signs with its own key and says nothing more.</summary>
    public const string NoSigningSecretMessage = "This webhook has no signing secret.";

    /// <summary>A new path token or signing secret: 32 random bytes, base64url without padding (43 characters).</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>What is stored of a signing secret: SHA-256 of its UTF-8 bytes, lower-case hex.</summary>
    public static string HashSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    public static string NormalizeName(string name) => ApiCredential.NormalizeName(name);

    /// <summary>One page of the sandbox's webhooks by name, optionally those whose name starts with <paramref name="search"/>.</summary>
    public async Task<Page<WebhookListItem>> ListAsync(int sandboxId, string? search, string? cursor, int pageSize,
        CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.Webhooks.AsNoTracking().Where(w => w.SandboxId == sandboxId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var prefix = NormalizeName(search);
            var upper = ActivityPaging.PrefixEnd(prefix);
            query = query.Where(w => w.NormalizedName.CompareTo(prefix) >= 0 && w.NormalizedName.CompareTo(upper) < 0);
        }

        var (direction, key) = KeysetCursor.Decode(cursor);
        query = direction switch
        {
            KeysetDirection.Before => query.Where(w => w.NormalizedName.CompareTo(key) < 0).OrderByDescending(w => w.NormalizedName),
            KeysetDirection.After => query.Where(w => w.NormalizedName.CompareTo(key) > 0).OrderBy(w => w.NormalizedName),
            _ => query.OrderBy(w => w.NormalizedName),
        };
        var rows = await Project(query.Take(pageSize + 1)).ToListAsync(cancellationToken);
        return KeysetCursor.ToPage(rows, pageSize, direction, w => NormalizeName(w.Name));
    }

    private static IQueryable<WebhookListItem> Project(IQueryable<Webhook> query) =>
        query.Select(w => new WebhookListItem(w.Id, w.Name, w.Vendor, w.Type, w.SenderNumber, w.ApiCredential!.Name, w.PathToken,
            w.ModifiedBy, w.ModifiedAtUtc));

    /// <summary>The webhook, without tracking; null when it does not exist in this sandbox.</summary>
    public Task<Webhook?> FindAsync(int sandboxId, int id, CancellationToken cancellationToken) =>
        db.Webhooks.AsNoTracking().Include(w => w.ApiCredential)
            .FirstOrDefaultAsync(w => w.Id == id && w.SandboxId == sandboxId, cancellationToken);

    /// <summary>The sandbox's API credentials the form offers (every vendor's; the page shows those of the chosen one).</summary>
    public async Task<IReadOnlyList<WebhookCredentialOption>> CredentialOptionsAsync(int sandboxId, CancellationToken cancellationToken) =>
        await db.ApiCredentials.AsNoTracking().Where(c => c.SandboxId == sandboxId).OrderBy(c => c.NormalizedName)
            .Take(MaxCredentialOptions)
            .Select(c => new WebhookCredentialOption(c.Id, c.Name, c.Vendor, c.Address))
            .ToListAsync(cancellationToken);

    /// <summary>The form of a stored webhook.</summary>
    public static WebhookInput ToInput(Webhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return new WebhookInput
        {
            Name = webhook.Name,
            Vendor = webhook.Vendor,
            Type = webhook.Type,
            ApiCredentialId = webhook.ApiCredentialId,
            SenderNumber = webhook.SenderNumber,
            Keywords = KeywordsInput.FromSettings(InboundKeywordSettings.FromJson(webhook.KeywordSettingsJson)),
            Mapping = PayloadMappingInput.FromMapping(PayloadMapping.FromJson(webhook.PayloadMappingJson)),
        };
    }

    /// <summary>
    /// Creates a webhook with a new unguessable path token; one of a vendor that uses signing secrets also gets a new
    /// signing secret, returned once in the result and stored only as its SHA-256.
    /// </summary>
    public async Task<WebhookResult> CreateAsync(int sandboxId, WebhookInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var refusal = await CheckAsync(sandboxId, null, input, input.Vendor, input.Type, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var name = input.Name!.Trim();
        var secret = vendors[input.Vendor].Webhooks!.UsesSigningSecret ? NewToken() : null;
        var webhook = new Webhook
        {
            SandboxId = sandboxId,
            Name = name,
            NormalizedName = NormalizeName(name),
            Vendor = input.Vendor,
            Type = input.Type,
            ApiCredentialId = input.ApiCredentialId!.Value,
            SenderNumber = PhoneNumberRules.TryNormalizeNumberOrShortCode(input.SenderNumber)!,
            PathToken = NewToken(),
            SigningSecretHash = secret is null ? null : HashSecret(secret),
            SigningSecretHint = secret?[^Webhook.SecretHintLength..],
            KeywordSettingsJson = KeywordsJson(input, input.Type),
            PayloadMappingJson = MappingJson(input, input.Vendor, input.Type),
            CreatedAtUtc = now,
            CreatedBy = actor.UserName,
            ModifiedAtUtc = now,
            ModifiedBy = actor.UserName,
            Version = 1,
        };
        db.Webhooks.Add(webhook);

        var failed = await SaveAsync(async ct =>
        {
            // The audit entry needs the new id: both rows commit in one transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            audit.Record(actor, sandboxId, AuditObjectType, Invariant(webhook.Id), webhook.Name, AuditLog.Actions.Created,
                AuditLog.Diff(new Dictionary<string, string?>(), Snapshot(webhook)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        if (failed is not null)
        {
            return await ExplainNameAsync(sandboxId, null, name, cancellationToken) ?? failed;
        }

        LogCreated(logger, webhook.Id, sandboxId, webhook.Vendor, webhook.Type);
        return new WebhookResult(WebhookOutcome.Created, webhook.Id, null, secret);
    }

    /// <summary>Saves an edit made on the version <paramref name="expectedVersion"/>. Vendor and type never change.</summary>
    public async Task<WebhookResult> UpdateAsync(int sandboxId, int id, int expectedVersion, WebhookInput input, Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var webhook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id && w.SandboxId == sandboxId, cancellationToken);
        if (webhook is null)
        {
            return WebhookResult.Fail(WebhookOutcome.NotFound);
        }

        if (webhook.Version != expectedVersion)
        {
            return ConcurrencyConflict(id);
        }

        var refusal = await CheckAsync(sandboxId, id, input, webhook.Vendor, webhook.Type, cancellationToken);
        if (refusal is not null)
        {
            return refusal with { Id = id };
        }

        var before = Snapshot(webhook);
        webhook.Name = input.Name!.Trim();
        webhook.NormalizedName = NormalizeName(webhook.Name);
        webhook.ApiCredentialId = input.ApiCredentialId!.Value;
        webhook.SenderNumber = PhoneNumberRules.TryNormalizeNumberOrShortCode(input.SenderNumber)!;
        webhook.KeywordSettingsJson = KeywordsJson(input, webhook.Type);
        webhook.PayloadMappingJson = MappingJson(input, webhook.Vendor, webhook.Type);
        var changes = AuditLog.Diff(before, Snapshot(webhook));
        if (changes.Count == 0)
        {
            db.ChangeTracker.Clear();
            return new WebhookResult(WebhookOutcome.Updated, id);
        }

        webhook.ModifiedAtUtc = time.GetUtcNow().UtcDateTime;
        webhook.ModifiedBy = actor.UserName;
        webhook.Version = expectedVersion + 1;
        db.Entry(webhook).Property(w => w.Version).OriginalValue = expectedVersion;
        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id), webhook.Name, AuditLog.Actions.Updated, changes);
        var failed = await SaveAsync(ct => db.SaveChangesAsync(ct), cancellationToken);
        if (failed is not null)
        {
            return failed.Outcome == WebhookOutcome.ConcurrencyConflict
                ? failed with { Id = id }
                : await ExplainNameAsync(sandboxId, id, webhook.Name, cancellationToken) ?? failed with { Id = id };
        }

        Invalidate(webhook.PathToken);
        LogUpdated(logger, id, sandboxId);
        return new WebhookResult(WebhookOutcome.Updated, id);
    }

    /// <summary>
    /// Replaces the signing secret of a webhook (of a vendor that uses them): the old one stops working at once; the new one is returned
    /// once. Not a form edit, so it needs no version, but it bumps it (an open edit form must reload).
    /// </summary>
    public async Task<WebhookResult> RegenerateSecretAsync(int sandboxId, int id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var webhook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id && w.SandboxId == sandboxId, cancellationToken);
        if (webhook is null)
        {
            return WebhookResult.Fail(WebhookOutcome.NotFound);
        }

        var webhooks = vendors.Find(webhook.Vendor)?.Webhooks;
        if (webhooks is not { UsesSigningSecret: true })
        {
            return new WebhookResult(WebhookOutcome.Invalid, id, [new FieldError(FieldError.FormLevel,
                webhooks?.AuthenticationNote ?? NoSigningSecretMessage)]);
        }

        var secret = NewToken();
        webhook.SigningSecretHash = HashSecret(secret);
        webhook.SigningSecretHint = secret[^Webhook.SecretHintLength..];
        webhook.ModifiedAtUtc = time.GetUtcNow().UtcDateTime;
        webhook.ModifiedBy = actor.UserName;
        webhook.Version++;
        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id), webhook.Name, SecretRegeneratedAction,
            [new AuditChange("SigningSecret", null, null, Secret: true)]);
        var failed = await SaveAsync(ct => db.SaveChangesAsync(ct), cancellationToken);
        if (failed is not null)
        {
            return failed with { Id = id };
        }

        Invalidate(webhook.PathToken);
        LogSecretRegenerated(logger, id, sandboxId);
        return new WebhookResult(WebhookOutcome.SecretRegenerated, id, null, secret);
    }

    public Task<WebhookResult> DeleteAsync(int sandboxId, int id, Actor actor, CancellationToken cancellationToken) =>
        DeleteAsync(sandboxId, id, actor, expectedVersion: null, cancellationToken);

    /// <summary>
    /// Deletes the webhook if it is still at <paramref name="expectedVersion"/> (when given; the REST API's
    /// <c>If-Match</c>): the version is part of the DELETE's condition, so a change committed in between is a
    /// <see cref="WebhookOutcome.ConcurrencyConflict"/>.
    /// </summary>
    public async Task<WebhookResult> DeleteAsync(int sandboxId, int id, Actor actor, int? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var webhook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id && w.SandboxId == sandboxId, cancellationToken);
        if (webhook is null)
        {
            return WebhookResult.Fail(WebhookOutcome.NotFound);
        }

        // Version is a concurrency token: the DELETE's condition holds the version read here, so an edit committed after
        // this check fails the save instead of being deleted unseen.
        if (expectedVersion is { } expected && webhook.Version != expected)
        {
            return WebhookResult.Fail(WebhookOutcome.ConcurrencyConflict) with { Id = id };
        }

        // What it received stays, as history (the inbound STOP that proves an opt-out): the database sets the webhook of
        // its messages, receipts and statuses to null (ON DELETE SET NULL), and consent records let go of it here. The
        // retention period removes them later.
        db.Webhooks.Remove(webhook);
        audit.Record(actor, sandboxId, AuditObjectType, Invariant(id), webhook.Name, AuditLog.Actions.Deleted);
        var failed = await SaveAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.ConsentRecords.Where(c => c.WebhookId == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.WebhookId, (int?)null), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        if (failed is not null)
        {
            // Without an expected version a concurrency failure means the row is gone: someone deleted it first.
            return failed.Outcome == WebhookOutcome.ConcurrencyConflict && expectedVersion is null
                ? WebhookResult.Fail(WebhookOutcome.NotFound)
                : failed;
        }

        Invalidate(webhook.PathToken);
        LogDeleted(logger, id, sandboxId);
        return new WebhookResult(WebhookOutcome.Deleted, id);
    }

    /// <summary>The ingestion path's cached copy of this webhook is dropped: the change applies to the next request.</summary>
    private void Invalidate(string pathToken)
    {
        foreach (var cache in caches)
        {
            cache.Invalidate(pathToken);
        }
    }

    /// <summary>The messages the sandbox's inbound webhooks received, newest first, optionally from numbers starting with <paramref name="search"/>.</summary>
    public Task<Page<InboundMessageItem>> InboundMessagesAsync(int sandboxId, string? search, string? cursor, int pageSize,
        CancellationToken cancellationToken)
    {
        var query = db.InboundMessages.AsNoTracking().Where(m => m.SandboxId == sandboxId);
        if (ActivityPaging.NumberPrefix(search) is { } prefix)
        {
            var end = ActivityPaging.PrefixEnd(prefix);
            query = query.Where(m => m.ProfileNumber.CompareTo(prefix) >= 0 && m.ProfileNumber.CompareTo(end) < 0);
        }

        return ActivityPaging.PageAsync(query,
            (q, t, id) => q.Where(m => m.ReceivedAtUtc < t || (m.ReceivedAtUtc == t && m.Id < id)),
            (q, t, id) => q.Where(m => m.ReceivedAtUtc > t || (m.ReceivedAtUtc == t && m.Id > id)),
            q => q.OrderByDescending(m => m.ReceivedAtUtc).ThenByDescending(m => m.Id),
            q => q.OrderBy(m => m.ReceivedAtUtc).ThenBy(m => m.Id),
            q => q.Select(m => new InboundMessageItem(m.Id,
                db.Webhooks.Where(w => w.Id == m.WebhookId).Select(w => w.Name).FirstOrDefault(),
                m.ProfileNumber, m.InboundNumber, m.Body, m.Category, m.Keyword, m.FuzzyMatch, m.ReplyMessage, m.ReceivedAtUtc)),
            m => (m.ReceivedAtUtc, m.Id), cursor, pageSize, cancellationToken);
    }

    /// <summary>The current delivery status of each message, newest change first, optionally by message id prefix.</summary>
    public Task<Page<DeliveryStatusItem>> DeliveryStatusesAsync(int sandboxId, string? search, string? cursor, int pageSize,
        CancellationToken cancellationToken)
    {
        var query = db.MessageDeliveryStatuses.AsNoTracking().Where(s => s.SandboxId == sandboxId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var prefix = search.Trim();
            prefix = prefix.Length > DeliveryFeedback.ClientReferenceMaxLength ? prefix[..DeliveryFeedback.ClientReferenceMaxLength] : prefix;
            var end = ActivityPaging.PrefixEnd(prefix);
            query = query.Where(s => s.ClientReference.CompareTo(prefix) >= 0 && s.ClientReference.CompareTo(end) < 0);
        }

        return ActivityPaging.PageAsync(query,
            (q, t, id) => q.Where(s => s.UpdatedAtUtc < t || (s.UpdatedAtUtc == t && s.Id < id)),
            (q, t, id) => q.Where(s => s.UpdatedAtUtc > t || (s.UpdatedAtUtc == t && s.Id > id)),
            q => q.OrderByDescending(s => s.UpdatedAtUtc).ThenByDescending(s => s.Id),
            q => q.OrderBy(s => s.UpdatedAtUtc).ThenBy(s => s.Id),
            q => q.Select(s => new DeliveryStatusItem(s.Id,
                db.Webhooks.Where(w => w.Id == s.WebhookId).Select(w => w.Name).FirstOrDefault(),
                s.ClientReference, s.Status, s.Code, s.UpdatedAtUtc)),
            s => (s.UpdatedAtUtc, s.Id), cursor, pageSize, cancellationToken);
    }

    /// <summary>The delivery receipts of one message in the order received (at most <see cref="MaxEventsShown"/>).</summary>
    public async Task<IReadOnlyList<DeliveryFeedback>> FeedbackEventsAsync(int sandboxId, string clientReference,
        CancellationToken cancellationToken) =>
        await FeedbackEventsQuery(db, sandboxId, clientReference).ToListAsync(cancellationToken);

    /// <summary>A seek on the (SandboxId, ClientReference) index (pinned by a query-plan test).</summary>
    internal static IQueryable<DeliveryFeedback> FeedbackEventsQuery(SmsDbContext db, int sandboxId, string clientReference) =>
        db.DeliveryFeedback.AsNoTracking()
            .Where(f => f.SandboxId == sandboxId && f.ClientReference == clientReference)
            .OrderBy(f => f.Id).Take(MaxEventsShown);

    /// <summary>The validator's rules, then those that need the database: the credential, the name.</summary>
    private async Task<WebhookResult?> CheckAsync(int sandboxId, int? id, WebhookInput input, SmsVendor vendor, WebhookType type,
        CancellationToken cancellationToken)
    {
        // Edits are checked as the stored vendor and type, whatever the form sent.
        var effective = new WebhookInput
        {
            Name = input.Name,
            Vendor = vendor,
            Type = type,
            ApiCredentialId = input.ApiCredentialId,
            SenderNumber = input.SenderNumber,
            Keywords = input.Keywords ?? new KeywordsInput(),
            Mapping = input.Mapping ?? new PayloadMappingInput(),
        };
        input.Keywords = effective.Keywords;
        input.Mapping = effective.Mapping;
        var errors = (await validator.ValidateAsync(effective, cancellationToken)).Errors
            .Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList();
        if (errors.Count > 0)
        {
            return new WebhookResult(WebhookOutcome.Invalid, null, errors);
        }

        var credential = await db.ApiCredentials.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == input.ApiCredentialId && c.SandboxId == sandboxId, cancellationToken);
        if (credential is null)
        {
            return WebhookResult.Fail(WebhookOutcome.Invalid, new FieldError(nameof(WebhookInput.ApiCredentialId),
                "Choose API credentials of this sandbox."));
        }

        if (credential.Vendor != vendor)
        {
            return WebhookResult.Fail(WebhookOutcome.Invalid, new FieldError(nameof(WebhookInput.ApiCredentialId),
                "Choose API credentials of the webhook's SMS vendor."));
        }

        if (vendors[vendor].Webhooks!.CredentialProblem(credential) is { } problem)
        {
            return WebhookResult.Fail(WebhookOutcome.Invalid, problem with { Field = nameof(WebhookInput.ApiCredentialId) });
        }

        if (KeywordsJson(input, type) is { Length: > Webhook.KeywordSettingsMaxLength })
        {
            return WebhookResult.Fail(WebhookOutcome.Invalid, new FieldError(FieldError.FormLevel,
                "The keywords and replies are too long together. Shorten the replies."));
        }

        return await NameTakenAsync(sandboxId, id, input.Name!, cancellationToken) ? NameTaken() : null;
    }

    private static string? KeywordsJson(WebhookInput input, WebhookType type) =>
        type == WebhookType.Inbound ? input.Keywords.ToSettings().ToJson() : null;

    private string? MappingJson(WebhookInput input, SmsVendor vendor, WebhookType type) =>
        vendors[vendor].Webhooks!.UsesPayloadMapping ? input.Mapping.ToMapping(type).ToJson() : null;

    private Task<bool> NameTakenAsync(int sandboxId, int? id, string name, CancellationToken cancellationToken)
    {
        var normalized = NormalizeName(name);
        return db.Webhooks.AnyAsync(w => w.SandboxId == sandboxId && w.NormalizedName == normalized && w.Id != id, cancellationToken);
    }

    private static WebhookResult NameTaken() => WebhookResult.Fail(WebhookOutcome.NameTaken,
        new FieldError(nameof(WebhookInput.Name), "An SMS webhook with this name already exists in this sandbox."));

    private async Task<WebhookResult?> ExplainNameAsync(int sandboxId, int? id, string name, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await NameTakenAsync(sandboxId, id, name, cancellationToken) ? NameTaken() : null;
    }

    private static WebhookResult ConcurrencyConflict(int? id = null) => new(WebhookOutcome.ConcurrencyConflict, id,
        [new FieldError(FieldError.FormLevel,
            "Someone else changed this SMS webhook after you opened it. Reload the page to see their changes, then make yours again.")]);

    private static Dictionary<string, string?> Snapshot(Webhook w) => new(StringComparer.Ordinal)
    {
        [nameof(Webhook.Name)] = w.Name,
        [nameof(Webhook.Vendor)] = w.Vendor.ToString(),
        [nameof(Webhook.Type)] = w.Type.ToString(),
        [nameof(Webhook.ApiCredentialId)] = Invariant(w.ApiCredentialId),
        [nameof(Webhook.SenderNumber)] = w.SenderNumber,
        ["Keywords"] = w.KeywordSettingsJson,
        ["PayloadMapping"] = w.PayloadMappingJson,
    };

    private async Task<WebhookResult?> SaveAsync(Func<CancellationToken, Task> save, CancellationToken cancellationToken) =>
        await db.TrySaveAsync(save, logger, AuditObjectType, cancellationToken) switch
        {
            SaveOutcome.Saved => null,
            SaveOutcome.ConcurrencyConflict => ConcurrencyConflict(),
            _ => WebhookResult.Fail(WebhookOutcome.Invalid,
                new FieldError(FieldError.FormLevel, "The SMS webhook could not be saved. Check the fields and try again.")),
        };

    private static string Invariant(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS webhook {WebhookId} ({Vendor} {Type}) created in sandbox {SandboxId}")]
    private static partial void LogCreated(ILogger logger, int webhookId, int sandboxId, SmsVendor vendor, WebhookType type);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS webhook {WebhookId} updated in sandbox {SandboxId}")]
    private static partial void LogUpdated(ILogger logger, int webhookId, int sandboxId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing secret of SMS webhook {WebhookId} regenerated in sandbox {SandboxId}")]
    private static partial void LogSecretRegenerated(ILogger logger, int webhookId, int sandboxId);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS webhook {WebhookId} deleted in sandbox {SandboxId}")]
    private static partial void LogDeleted(ILogger logger, int webhookId, int sandboxId);
}
