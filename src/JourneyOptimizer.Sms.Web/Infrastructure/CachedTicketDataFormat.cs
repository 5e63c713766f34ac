using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// The sign-in cookie's ticket, decrypted once per cookie value and kept for <see cref="Lifetime"/> (docs/performance.md,
/// twelfth round). Every signed-in request sends the same cookie until it is renewed; reading it meant decoding it,
/// deriving the key, decrypting it with Data Protection and deserializing the claims, on every page. Each caller gets
/// its own copy of the ticket (the cookie handler and the security-stamp check may change its principal and properties),
/// so a kept ticket is never changed.
/// </summary>
/// <remarks>
/// What a request can do with a cookie is unchanged: the handler still checks the ticket's expiry and runs the
/// security-stamp check on every request, and a cookie that does not decrypt is not kept (each try decrypts again). A
/// cookie is an encrypted bearer token with no server-side state either way; the one difference is that a Data
/// Protection key revoked while the portal runs stops opening cookies after at most <see cref="Lifetime"/>, instead of
/// at once. At most <see cref="Capacity"/> cookies are kept: past it the expired ones go, then all of them.
/// </remarks>
public sealed class CachedTicketDataFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider time) : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>How long a decrypted ticket is kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>How many cookies are kept at most.</summary>
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, Entry> tickets = new(StringComparer.Ordinal);

    /// <summary>How many cookies are kept now (for tests).</summary>
    internal int Count => tickets.Count;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null)
        {
            return null;
        }

        if (purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = time.GetUtcNow();
        if (tickets.TryGetValue(protectedText, out var kept) && kept.Until > now)
        {
            return kept.Ticket.Clone();
        }

        var ticket = inner.Unprotect(protectedText, null);
        if (ticket is null)
        {
            return null;
        }

        if (tickets.Count >= Capacity)
        {
            MakeRoom(now);
        }

        tickets[protectedText] = new Entry(ticket.Clone(), now + Lifetime);
        return ticket;
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (key, entry) in tickets)
        {
            if (entry.Until <= now)
            {
                tickets.TryRemove(key, out _);
            }
        }

        if (tickets.Count >= Capacity)
        {
            tickets.Clear();
        }
    }

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset Until);
}

/// <summary>Wraps the sign-in cookie's ticket format (set by the cookie handler's own post-configuration) in <see cref="CachedTicketDataFormat"/>.</summary>
internal sealed class CachedTicketDataFormatSetup(TimeProvider time) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name == IdentityConstants.ApplicationScheme && options.TicketDataFormat is not CachedTicketDataFormat)
        {
            options.TicketDataFormat = new CachedTicketDataFormat(options.TicketDataFormat, time);
        }
    }
}
