using System.Globalization;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Core.Sandboxes;

/// <summary>
/// Copies API credentials, SMS webhooks and channel configurations from one sandbox to another (a development
/// sandbox's setup to production). A channel configuration brings its API credential and that credential's webhooks
/// (they receive its replies and delivery reports); a webhook brings its credential. Nothing secret travels: copied
/// credentials arrive Not verified without their secrets (the vendor clears them, <see cref="ICredentialVendor.PrepareCopy"/>),
/// copied webhooks get new URLs and no signing secret, copied channel configurations arrive as drafts. Everything is
/// created in one transaction and audited in both sandboxes; the caller checks Manage in both.
/// </summary>
public sealed partial class SandboxCopyService(
    SmsDbContext db,
    CredentialVendors vendors,
    AuditLog audit,
    TimeProvider time,
    ILogger<SandboxCopyService> logger)
{
    public const string CopiedFromAction = "CopiedFrom";
    public const string CopiedToAction = "CopiedTo";

    /// <summary>At most this many items per kind in one copy (the picker's lists are as long).</summary>
    public const int MaxItemsPerKind = 500;

    /// <summary>What the picker offers: the sandbox's credentials, webhooks and channel configurations by name.</summary>
    public async Task<CopyCandidates> CandidatesAsync(int sandboxId, CancellationToken cancellationToken) => new(
        await db.ApiCredentials.AsNoTracking().Where(c => c.SandboxId == sandboxId).OrderBy(c => c.NormalizedName).Take(MaxItemsPerKind)
            .Select(c => new CopyCandidate(c.Id, c.Name, c.Vendor, c.Address)).ToListAsync(cancellationToken),
        await db.Webhooks.AsNoTracking().Where(w => w.SandboxId == sandboxId).OrderBy(w => w.NormalizedName).Take(MaxItemsPerKind)
            .Select(w => new CopyCandidate(w.Id, w.Name, w.Vendor, w.ApiCredential!.Name)).ToListAsync(cancellationToken),
        await db.Set<ChannelConfiguration>().AsNoTracking().Where(c => c.SandboxId == sandboxId).OrderBy(c => c.NormalizedName)
            .Take(MaxItemsPerKind)
            .Select(c => new CopyCandidate(c.Id, c.Name, c.ApiCredential == null ? default : c.ApiCredential.Vendor,
                c.ApiCredential == null ? "" : c.ApiCredential.Name))
            .ToListAsync(cancellationToken));

    /// <summary>
    /// What copying <paramref name="selection"/> from <paramref name="source"/> to <paramref name="target"/> would
    /// create with <paramref name="choices"/> (by <see cref="CopyPlanItem.Key"/>), and what clashes there. Ids that are
    /// not in the source sandbox are ignored.
    /// </summary>
    public async Task<CopyPlan> PlanAsync(SandboxRef source, SandboxRef target, CopySelection selection,
        IReadOnlyDictionary<string, CopyChoice> choices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(choices);
        var channelIds = selection.ChannelConfigurationIds.Take(MaxItemsPerKind).ToList();
        var channels = await db.Set<ChannelConfiguration>().AsNoTracking()
            .Where(c => c.SandboxId == source.Id && channelIds.Contains(c.Id)).OrderBy(c => c.NormalizedName)
            .ToListAsync(cancellationToken);

        // A channel configuration brings its credential and the credential's webhooks; a webhook its credential.
        var broughtCredentialIds = channels.Where(c => c.ApiCredentialId is not null).Select(c => c.ApiCredentialId!.Value).ToHashSet();
        var webhookIds = selection.WebhookIds.Take(MaxItemsPerKind).ToList();
        var webhooks = await db.Webhooks.AsNoTracking()
            .Where(w => w.SandboxId == source.Id && (webhookIds.Contains(w.Id) || broughtCredentialIds.Contains(w.ApiCredentialId)))
            .OrderBy(w => w.NormalizedName).ToListAsync(cancellationToken);
        var pickedWebhooks = webhookIds.ToHashSet();
        broughtCredentialIds.UnionWith(webhooks.Where(w => pickedWebhooks.Contains(w.Id)).Select(w => w.ApiCredentialId));
        var pickedCredentials = selection.CredentialIds.Take(MaxItemsPerKind).ToHashSet();
        var credentialIds = pickedCredentials.Union(broughtCredentialIds).ToList();
        var credentials = await db.ApiCredentials.AsNoTracking()
            .Where(c => c.SandboxId == source.Id && credentialIds.Contains(c.Id)).OrderBy(c => c.NormalizedName)
            .ToListAsync(cancellationToken);

        var names = new PlannedNames(choices);
        var items = new List<CopyPlanItem>();
        var drafts = new Dictionary<int, ApiCredential>();
        var takenCredentials = await TakenAsync(db.ApiCredentials.Where(c => c.SandboxId == target.Id).Select(c => c.NormalizedName),
            names.All(CopyItemKind.ApiCredential, credentials.Select(c => (c.Id, c.Name))), cancellationToken);
        foreach (var credential in credentials)
        {
            var key = CopyPlanItem.KeyOf(CopyItemKind.ApiCredential, credential.Id);
            var plugin = vendors[credential.Vendor];
            var name = names.NameOf(key, credential.Name);
            var errors = new List<FieldError>();
            IReadOnlyList<string> secretsToEnter = [];
            var fields = (choices.GetValueOrDefault(key)?.Fields ?? new Dictionary<string, string>())
                .Where(f => IsChangeable(plugin, f.Key)).ToDictionary(StringComparer.Ordinal);
            names.Check(key, name, takenCredentials, SandboxCopyMessages.CredentialNameTaken, errors);
            if (plugin.MissingSecrets(credential).Count > 0)
            {
                errors.Add(new FieldError(FieldError.FormLevel, SandboxCopyMessages.SourceIncomplete));
            }
            else
            {
                var draft = plugin.PrepareCopy(credential, fields);
                if (!draft.Succeeded)
                {
                    errors.AddRange(draft.Errors);
                }
                else
                {
                    var copy = draft.Credential!;
                    copy.SandboxId = target.Id;
                    copy.Name = name;
                    copy.NormalizedName = ApiCredential.NormalizeName(name);
                    if (await plugin.FindConflictAsync(db, copy, cancellationToken) is { } conflict)
                    {
                        errors.Add(conflict);
                        fields.TryAdd(conflict.Field, FieldValue(plugin, credential, conflict.Field));
                    }

                    drafts[credential.Id] = copy;
                    secretsToEnter = plugin.MissingSecrets(copy);
                }
            }

            items.Add(new CopyPlanItem(CopyItemKind.ApiCredential, credential.Id, credential.Name, name, credential.Vendor,
                credential.Address, pickedCredentials.Contains(credential.Id), errors, fields, secretsToEnter));
        }

        var credentialNames = credentials.ToDictionary(c => c.Id, c => c.Name);
        var takenWebhooks = await TakenAsync(db.Webhooks.Where(w => w.SandboxId == target.Id).Select(w => w.NormalizedName),
            names.All(CopyItemKind.Webhook, webhooks.Select(w => (w.Id, w.Name))), cancellationToken);
        foreach (var webhook in webhooks)
        {
            var key = CopyPlanItem.KeyOf(CopyItemKind.Webhook, webhook.Id);
            var name = names.NameOf(key, webhook.Name);
            var errors = new List<FieldError>();
            names.Check(key, name, takenWebhooks, SandboxCopyMessages.WebhookNameTaken, errors);
            items.Add(new CopyPlanItem(CopyItemKind.Webhook, webhook.Id, webhook.Name, name, webhook.Vendor,
                credentialNames.GetValueOrDefault(webhook.ApiCredentialId, ""), pickedWebhooks.Contains(webhook.Id),
                errors, new Dictionary<string, string>(), [], webhook.Type));
        }

        var takenChannels = await TakenAsync(db.Set<ChannelConfiguration>().Where(c => c.SandboxId == target.Id).Select(c => c.NormalizedName),
            names.All(CopyItemKind.ChannelConfiguration, channels.Select(c => (c.Id, c.Name))), cancellationToken);
        foreach (var channel in channels)
        {
            var key = CopyPlanItem.KeyOf(CopyItemKind.ChannelConfiguration, channel.Id);
            var name = names.NameOf(key, channel.Name);
            var errors = new List<FieldError>();
            names.Check(key, name, takenChannels, SandboxCopyMessages.ChannelNameTaken, errors);
            var credential = channel.ApiCredentialId is { } id ? credentials.FirstOrDefault(c => c.Id == id) : null;
            items.Add(new CopyPlanItem(CopyItemKind.ChannelConfiguration, channel.Id, channel.Name, name,
                credential?.Vendor ?? default, channel.Channel.ToString().ToUpperInvariant() + (credential is null ? "" : " · " + credential.Name),
                Picked: true, errors, new Dictionary<string, string>(), []));
        }

        return new CopyPlan(source, target, items) { CredentialDrafts = drafts };
    }

    /// <summary>
    /// Plans the copy again and, when nothing clashes, creates every item in <paramref name="target"/> in one
    /// transaction, with an audit entry for each in both sandboxes. A name taken meanwhile (another administrator)
    /// answers <see cref="CopyOutcome.Clashes"/> with the new plan; nothing is half-copied.
    /// </summary>
    public async Task<CopyResult> CopyAsync(SandboxRef source, SandboxRef target, CopySelection selection,
        IReadOnlyDictionary<string, CopyChoice> choices, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(selection);
        if (source.Id == target.Id)
        {
            return new CopyResult(CopyOutcome.InvalidTarget, null, new Dictionary<string, int>());
        }

        if (selection.IsEmpty)
        {
            return new CopyResult(CopyOutcome.NothingSelected, null, new Dictionary<string, int>());
        }

        var plan = await PlanAsync(source, target, selection, choices, cancellationToken);
        if (!plan.CanCopy)
        {
            return new CopyResult(CopyOutcome.Clashes, plan, new Dictionary<string, int>());
        }

        var created = new Dictionary<string, int>(StringComparer.Ordinal);
        var saved = await db.TrySaveAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = time.GetUtcNow().UtcDateTime;
            var credentials = AddCredentials(plan, actor, now);
            await db.SaveChangesAsync(ct);
            var webhooks = await AddWebhooksAsync(plan, credentials, actor, now, ct);
            var channels = await AddChannelsAsync(plan, credentials, actor, now, ct);
            await db.SaveChangesAsync(ct);
            foreach (var item in plan.Items)
            {
                var (objectType, id) = item.Kind switch
                {
                    CopyItemKind.ApiCredential => (ApiCredentialService.AuditObjectType, credentials[item.SourceId].Id),
                    CopyItemKind.Webhook => (WebhookService.AuditObjectType, webhooks[item.SourceId].Id),
                    _ => (ChannelConfigurationCommands.AuditObjectType, channels[item.SourceId].Id),
                };
                created[item.Key] = id;
                audit.Record(actor, target.Id, objectType, Invariant(id), item.Name, CopiedFromAction,
                    [new AuditChange("FromSandbox", null, source.Name), new AuditChange("Source", null, item.SourceName)]);
                audit.Record(actor, source.Id, objectType, Invariant(item.SourceId), item.SourceName, CopiedToAction,
                    [new AuditChange("ToSandbox", null, target.Name), new AuditChange("Copy", null, item.Name)]);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, logger, "SandboxCopy", cancellationToken);
        if (saved != SaveOutcome.Saved)
        {
            db.ChangeTracker.Clear();
            var again = await PlanAsync(source, target, selection, choices, cancellationToken);
            return new CopyResult(CopyOutcome.Clashes, again, new Dictionary<string, int>());
        }

        LogCopied(logger, plan.Items.Count, source.Id, target.Id);
        return new CopyResult(CopyOutcome.Copied, plan, created);
    }

    /// <summary>The vendor's draft with the common columns of a new credential: Not verified (why: no secrets), never checked.</summary>
    private Dictionary<int, ApiCredential> AddCredentials(CopyPlan plan, Actor actor, DateTime now)
    {
        var added = new Dictionary<int, ApiCredential>();
        foreach (var (sourceId, copy) in plan.CredentialDrafts)
        {
            copy.VerificationStatus = VerificationStatus.NotVerified;
            copy.LastVerifiedAtUtc = null;
            // Says on the list why it is not verified; the save that gives it its secrets clears it.
            copy.LastVerificationError = SandboxCopyMessages.CopiedWithoutSecrets;
            copy.AccountType = null;
            copy.NextCheckAtUtc = null;
            copy.CreatedAtUtc = now;
            copy.CreatedBy = actor.UserName;
            copy.ModifiedAtUtc = now;
            copy.ModifiedBy = actor.UserName;
            copy.Version = 1;
            db.ApiCredentials.Add(copy);
            added[sourceId] = copy;
        }

        return added;
    }

    /// <summary>New URL tokens; no signing secret (it is shown only once, so the copy's owner regenerates it).</summary>
    private async Task<Dictionary<int, Webhook>> AddWebhooksAsync(CopyPlan plan, Dictionary<int, ApiCredential> credentials, Actor actor,
        DateTime now, CancellationToken cancellationToken)
    {
        var ids = plan.Items.Where(i => i.Kind == CopyItemKind.Webhook).ToDictionary(i => i.SourceId, i => i.Name);
        var sources = await db.Webhooks.AsNoTracking().Where(w => ids.Keys.Contains(w.Id)).ToListAsync(cancellationToken);
        var added = new Dictionary<int, Webhook>();
        foreach (var source in sources)
        {
            var copy = new Webhook
            {
                SandboxId = plan.Target.Id,
                Name = ids[source.Id],
                NormalizedName = WebhookService.NormalizeName(ids[source.Id]),
                Vendor = source.Vendor,
                Type = source.Type,
                ApiCredentialId = credentials[source.ApiCredentialId].Id,
                SenderNumber = source.SenderNumber,
                PathToken = WebhookService.NewToken(),
                KeywordSettingsJson = source.KeywordSettingsJson,
                PayloadMappingJson = source.PayloadMappingJson,
                CreatedAtUtc = now,
                CreatedBy = actor.UserName,
                ModifiedAtUtc = now,
                ModifiedBy = actor.UserName,
                Version = 1,
            };
            db.Webhooks.Add(copy);
            added[source.Id] = copy;
        }

        return added;
    }

    /// <summary>Drafts of the active version (a pending change is not copied), on the copied credential.</summary>
    private async Task<Dictionary<int, ChannelConfiguration>> AddChannelsAsync(CopyPlan plan, Dictionary<int, ApiCredential> credentials,
        Actor actor, DateTime now, CancellationToken cancellationToken)
    {
        var ids = plan.Items.Where(i => i.Kind == CopyItemKind.ChannelConfiguration).ToDictionary(i => i.SourceId, i => i.Name);
        var sources = await db.Set<ChannelConfiguration>().AsNoTracking().Where(c => ids.Keys.Contains(c.Id)).ToListAsync(cancellationToken);
        var added = new Dictionary<int, ChannelConfiguration>();
        foreach (var source in sources)
        {
            var copy = new ChannelConfiguration
            {
                SandboxId = plan.Target.Id,
                Name = ids[source.Id],
                NormalizedName = ChannelConfiguration.NormalizeName(ids[source.Id]),
                Channel = source.Channel,
                Status = ChannelConfigurationStatus.Draft,
                Description = source.Description,
                SmsType = source.SmsType,
                ApiCredential = source.ApiCredentialId is { } id ? credentials[id] : null,
                SenderNumber = source.SenderNumber,
                Subdomain = source.Subdomain,
                ExecutionField = source.ExecutionField,
                CreatedAtUtc = now,
                CreatedBy = actor.UserName,
                ModifiedAtUtc = now,
                ModifiedBy = actor.UserName,
                Version = 1,
            };
            db.Set<ChannelConfiguration>().Add(copy);
            added[source.Id] = copy;
        }

        return added;
    }

    /// <summary>Which of <paramref name="normalizedNames"/> the target already has.</summary>
    private static async Task<HashSet<string>> TakenAsync(IQueryable<string> targetNames, IReadOnlyCollection<string> normalizedNames,
        CancellationToken cancellationToken)
    {
        var wanted = normalizedNames.ToList();
        return wanted.Count == 0
            ? []
            : (await targetNames.Where(n => wanted.Contains(n)).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>What the preview may offer to change: a text field of the vendor's input that is not a secret.</summary>
    private static bool IsChangeable(ICredentialVendor plugin, string field) =>
        plugin.InputType.GetProperty(field) is { CanWrite: true } property && property.PropertyType == typeof(string)
        && !plugin.SecretFields.Contains(field);

    /// <summary>The current value of a vendor's input field on a stored credential (what the preview shows to change).</summary>
    private static string FieldValue(ICredentialVendor plugin, ApiCredential credential, string field) =>
        plugin.InputType.GetProperty(field)?.GetValue(plugin.ToInput(credential)) as string ?? "";

    private static string Invariant(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The names the items get (the source's unless chosen), and their clashes with the target and each other.</summary>
    private sealed class PlannedNames(IReadOnlyDictionary<string, CopyChoice> choices)
    {
        private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

        public string NameOf(string key, string sourceName) =>
            choices.GetValueOrDefault(key)?.Name is { } chosen ? chosen.Trim() : sourceName;

        public IReadOnlyCollection<string> All(CopyItemKind kind, IEnumerable<(int Id, string Name)> items) =>
            [.. items.Select(i => ApiCredential.NormalizeName(NameOf(CopyPlanItem.KeyOf(kind, i.Id), i.Name))).Distinct()];

        public void Check(string key, string name, HashSet<string> taken, string takenMessage, List<FieldError> errors)
        {
            if (name.Length == 0)
            {
                errors.Add(new FieldError("Name", SandboxCopyMessages.NameRequired));
                return;
            }

            if (name.Length > ApiCredential.NameMaxLength)
            {
                errors.Add(new FieldError("Name", SandboxCopyMessages.NameTooLong));
                return;
            }

            var normalized = ApiCredential.NormalizeName(name);
            var kind = key[..key.IndexOf('-', StringComparison.Ordinal)];
            if (taken.Contains(normalized))
            {
                errors.Add(new FieldError("Name", takenMessage));
            }
            else if (!_owners.TryAdd(kind + ":" + normalized, key))
            {
                errors.Add(new FieldError("Name", SandboxCopyMessages.NameTwice));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Count} items from sandbox {SourceId} to sandbox {TargetId}")]
    private static partial void LogCopied(ILogger logger, int count, int sourceId, int targetId);
}
