using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// How many failed sign-ins one source may make: <c>SignIn:MaxFailuresPerSource</c> (10) within
/// <c>SignIn:FailureWindow</c> (15 minutes), counted from the first failure.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string SectionName = "SignIn";

    public int MaxFailuresPerSource { get; set; } = 10;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Guessing passwords is limited per source, not per account: Identity's account lockout let anyone lock the
/// administrator out by typing the administrator's email with wrong passwords. A source is the client's IP address as
/// ASP.NET Core sees it (behind a reverse proxy, configure the forwarded headers), IPv6 addresses by their /64 network
/// (one host usually owns a whole /64). Once a source has failed <see cref="SignInThrottleOptions.MaxFailuresPerSource"/>
/// times in the window, it may not try again (any account) until the window ends; the owner, signing in from elsewhere,
/// is not affected. Counted in this instance's memory: several instances each allow that many.
/// </summary>
public sealed class SignInThrottle(IMemoryCache cache, IOptions<SignInThrottleOptions> options)
{
    private sealed class Failures
    {
        public int Count;
    }

    public TimeSpan Window => options.Value.FailureWindow;

    public bool IsBlocked(IPAddress? source) =>
        cache.TryGetValue(Key(source), out Failures? failures) && Volatile.Read(ref failures!.Count) >= options.Value.MaxFailuresPerSource;

    public void RecordFailure(IPAddress? source)
    {
        var failures = cache.GetOrCreate(Key(source), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = options.Value.FailureWindow;
            entry.Size = 1;
            return new Failures();
        })!;
        Interlocked.Increment(ref failures.Count);
    }

    /// <summary>The source's key: an IPv4 address, or an IPv6 address's /64 network.</summary>
    internal static string Key(IPAddress? source)
    {
        if (source is null)
        {
            return "sign-in:unknown";
        }

        if (source.IsIPv4MappedToIPv6)
        {
            source = source.MapToIPv4();
        }

        if (source.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = source.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            source = new IPAddress(bytes);
        }

        return "sign-in:" + source;
    }
}
