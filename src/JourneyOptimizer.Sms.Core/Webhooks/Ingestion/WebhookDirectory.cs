using System.Collections.Concurrent;
using System.Security.Cryptography;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

/// <summary>What a webhook request needs to know about its webhook, read once and kept for a few seconds.</summary>
public sealed class ResolvedWebhook
{
    public required int Id { get; init; }

    public required int SandboxId { get; init; }

    public required WebhookType Type { get; init; }

    public required SmsVendor Vendor { get; init; }

    public required string SenderNumber { get; init; }

    /// <summary>Custom: the SHA-256 of the signing secret (32 bytes); null when none is set (every request is refused).</summary>
    public byte[]? SigningSecretHash { get; init; }

    public PayloadMapping Mapping { get; init; } = new();

    public InboundKeywordSettings Keywords { get; init; } = new();

    /// <summary>
    /// The vendor's reader of this webhook's requests, with what it needs of the credential (a signing key, unprotected:
    /// kept in memory only for <see cref="WebhookIngestionOptions.CacheSeconds"/>).
    /// </summary>
    public required IWebhookRequestReader Reader { get; init; }

    /// <summary>An inbound message's keyword reply goes through the outbox (else it travels in the answer).</summary>
    public bool ReplyThroughOutbox { get; init; }

    public override string ToString() => $"Webhook {Id} ({Vendor} {Type})";
}

/// <summary>
/// Finds the webhook of a path token. Each answer (also "no such webhook") is cached in process memory for
/// <see cref="WebhookIngestionOptions.CacheSeconds"/>: the hot path then costs no database read and no Data
/// Protection unprotect. The price is staleness: an edit, a deletion or a new token takes effect within that time on
/// every instance (the admin side may call <see cref="Invalidate"/> to make it immediate on its own instance).
/// </summary>
public sealed partial class WebhookDirectory(
    IServiceScopeFactory scopes,
    CredentialVendors vendors,
    IOptions<WebhookIngestionOptions> options,
    TimeProvider time,
    ILogger<WebhookDirectory> logger) : IWebhookCache
{
    /// <summary>Past this many cached tokens (a flood of random ones) the cache starts over: memory stays bounded.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>Whether a path segment can be a token at all (base64url, at most 64 characters), before any lookup.</summary>
    public static bool IsWellFormed(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > Webhook.PathTokenMaxLength)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The webhook of <paramref name="token"/>, or null when there is none. Database errors propagate.</summary>
    public async ValueTask<ResolvedWebhook?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(token))
        {
            return null;
        }

        var seconds = options.Value.CacheSeconds;
        if (seconds <= 0)
        {
            using (IngestionLogScope.Begin(logger))
            {
                return await LoadAsync(token, cancellationToken);
            }
        }

        var now = time.GetTimestamp();
        if (_cache.TryGetValue(token, out var cached) && now < cached.ExpiresAt)
        {
            return await cached.Load.WaitAsync(cancellationToken);
        }

        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }

        // One load per token and period, shared by the requests that arrive meanwhile (not cancelled by any of them).
        Task<ResolvedWebhook?> load;
        using (ExecutionContext.SuppressFlow())
        {
            // Shared by several requests: it must not carry the first one's log scope (whose RequestPath holds the token).
            load = Task.Run(() => LoadAsync(token, CancellationToken.None), CancellationToken.None);
        }

        var entry = new Entry(load, now + (long)(seconds * (double)time.TimestampFrequency));
        _cache[token] = entry;
        try
        {
            return await entry.Load.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _cache.TryRemove(new KeyValuePair<string, Entry>(token, entry));
            throw;
        }
    }

    /// <summary>Forgets the cached answer for a token on this instance.</summary>
    public void Invalidate(string pathToken) => _cache.TryRemove(pathToken, out _);

    private async Task<ResolvedWebhook?> LoadAsync(string token, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        var row = await db.Webhooks.AsNoTracking()
            .Where(w => w.PathToken == token)
            .Select(w => new { Webhook = w, Credential = w.ApiCredential })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var w = row.Webhook;
        if (row.Credential is null || row.Credential.Vendor != w.Vendor || row.Credential.SandboxId != w.SandboxId)
        {
            LogMisconfigured(logger, w.Id);
            return null;
        }

        var webhooks = vendors.Find(w.Vendor)?.Webhooks;
        if (webhooks is null)
        {
            LogMisconfigured(logger, w.Id);
            return null;
        }

        IWebhookRequestReader reader;
        try
        {
            reader = webhooks.CreateReader(row.Credential);
        }
        catch (CryptographicException)
        {
            // The key ring lost the key: no request can be authenticated (each is refused with 403).
            LogUnprotectFailed(logger, w.Id);
            reader = UnavailableReader.Instance;
        }

        return new ResolvedWebhook
        {
            Id = w.Id,
            SandboxId = w.SandboxId,
            Type = w.Type,
            Vendor = w.Vendor,
            SenderNumber = w.SenderNumber,
            SigningSecretHash = DecodeHash(w.SigningSecretHash),
            Mapping = SafeMapping(w.PayloadMappingJson),
            Keywords = webhooks.KeywordSettings(row.Credential, SafeKeywords(w.KeywordSettingsJson)),
            Reader = reader,
            ReplyThroughOutbox = !webhooks.RepliesInAnswer,
        };
    }

    private static byte[]? DecodeHash(string? hex)
    {
        if (hex is null || hex.Length != SHA256.HashSizeInBytes * 2)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static PayloadMapping SafeMapping(string? json)
    {
        try
        {
            return PayloadMapping.FromJson(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return new();
        }
    }

    private static InboundKeywordSettings SafeKeywords(string? json)
    {
        try
        {
            return InboundKeywordSettings.FromJson(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return new();
        }
    }

    private sealed record Entry(Task<ResolvedWebhook?> Load, long ExpiresAt);

    /// <summary>The reader of a webhook whose credential's secrets cannot be unprotected: it refuses everything.</summary>
    private sealed class UnavailableReader : IWebhookRequestReader
    {
        public static readonly UnavailableReader Instance = new();

        public WebhookRead Read(ResolvedWebhook webhook, WebhookRequest request, string publicUrl) =>
            WebhookRead.Refuse(403, "The credential's secrets are unavailable.");

        public WebhookResponse Answer(ResolvedWebhook webhook, string? reply) => new(204, WebhookResponse.TextPlain, "");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {WebhookId} is bound to a credential of another vendor or sandbox, or its vendor receives no webhooks; its requests are refused")]
    private static partial void LogMisconfigured(ILogger logger, int webhookId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The secrets of the credential of webhook {WebhookId} could not be unprotected (Data Protection key missing); its requests are refused")]
    private static partial void LogUnprotectFailed(ILogger logger, int webhookId);
}
