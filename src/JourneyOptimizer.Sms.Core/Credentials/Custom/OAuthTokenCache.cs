using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// OAuth access tokens of this process, by token endpoint and OAuth body (hashed: the body holds the client secret),
/// until shortly before their <c>expires_in</c> runs out. A cache only: another instance fetches its own token.
/// </summary>
internal sealed class OAuthTokenCache(TimeProvider time)
{
    /// <summary>How long a token is used when the token answer has no <c>expires_in</c>.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    /// <summary>A token is renewed this long before it expires (at most a tenth of its lifetime).</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset RenewAt)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public static string KeyOf(string tokenUrl, string oauthBody) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(tokenUrl + "\n" + oauthBody)));

    public string? Find(string key) =>
        _tokens.TryGetValue(key, out var entry) && time.GetUtcNow() < entry.RenewAt ? entry.Token : null;

    public void Store(string key, string token, TimeSpan? expiresIn)
    {
        var lifetime = expiresIn ?? DefaultLifetime;
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var margin = TimeSpan.FromTicks(Math.Min(RenewBefore.Ticks, lifetime.Ticks / 10));
        _tokens[key] = (token, time.GetUtcNow() + lifetime - margin);
    }

    /// <summary>Forgets <paramref name="token"/> (refused by the provider) unless another request already replaced it.</summary>
    public void Forget(string key, string token)
    {
        if (_tokens.TryGetValue(key, out var entry) && entry.Token == token)
        {
            _tokens.TryRemove(new KeyValuePair<string, (string, DateTimeOffset)>(key, entry));
        }
    }

    /// <summary>One token request at a time per key, so that concurrent sends share one fresh token.</summary>
    public SemaphoreSlim LockFor(string key) => _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
}
