using System.Net;
using System.Net.Sockets;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// Which IP addresses a Custom provider may be reached at when private networks are not allowed: public unicast
/// only. Refused: unspecified, loopback, RFC 1918, CGNAT (100.64/10), link-local (169.254/16 with the cloud metadata
/// address 169.254.169.254, fe80::/10), unique-local (fc00::/7), site-local, multicast, broadcast, reserved and
/// documentation ranges, and IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) when the
/// embedded address is refused.
/// </summary>
public static class NetworkAddressPolicy
{
    /// <summary>True when <paramref name="address"/> is a public unicast address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicIPv4(address),
            AddressFamily.InterNetworkV6 => IsPublicIPv6(address),
            _ => false,
        };
    }

    /// <summary>True for host names that always mean this machine (<c>localhost</c>, <c>*.localhost</c>).</summary>
    public static bool IsLocalHostName(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsPublicIPv4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return IsPublicIPv4(b[0], b[1], b[2], b[3]);
    }

    private static bool IsPublicIPv4(byte a, byte b, byte c, byte d) => !(
        a == 0                                   // 0.0.0.0/8 "this network", incl. unspecified
        || a == 10                               // 10/8 private
        || (a == 100 && (b & 0xC0) == 64)        // 100.64/10 CGNAT
        || a == 127                              // 127/8 loopback
        || (a == 169 && b == 254)                // 169.254/16 link-local, incl. 169.254.169.254 metadata
        || (a == 172 && (b & 0xF0) == 16)        // 172.16/12 private
        || (a == 192 && b == 0 && c == 0)        // 192.0.0/24 IETF protocol assignments
        || (a == 192 && b == 0 && c == 2)        // 192.0.2/24 documentation
        || (a == 192 && b == 88 && c == 99)      // 192.88.99/24 6to4 relay anycast (deprecated)
        || (a == 192 && b == 168)                // 192.168/16 private
        || (a == 198 && (b & 0xFE) == 18)        // 198.18/15 benchmarking
        || (a == 198 && b == 51 && c == 100)     // 198.51.100/24 documentation
        || (a == 203 && b == 0 && c == 113)      // 203.0.113/24 documentation
        || a >= 224                              // 224/4 multicast, 240/4 reserved, 255.255.255.255 broadcast
        || (a == 255 && b == 255 && c == 255 && d == 255));

    private static bool IsPublicIPv6(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicIPv4(address.MapToIPv4());   // ::ffff:a.b.c.d
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);

        // 64:ff9b::/96 NAT64 well-known prefix: judged by the IPv4 address it embeds.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicIPv4(b[12], b[13], b[14], b[15]);
        }

        // Only global unicast 2000::/3 beyond this point; this refuses ::, ::1, IPv4-compatible ::a.b.c.d,
        // 64:ff9b:1::/48, 100::/64 discard, fc00::/7 unique-local, fe80::/10 link-local, fec0::/10 site-local
        // and ff00::/8 multicast.
        if ((b[0] & 0xE0) != 0x20)
        {
            return false;
        }

        // 2001::/23 IETF protocol assignments (Teredo 2001::/32, benchmarking, ORCHID) and 2001:db8::/32 documentation.
        if (b[0] == 0x20 && b[1] == 0x01 && (b[2] < 0x02 || (b[2] == 0x0d && b[3] == 0xb8)))
        {
            return false;
        }

        // 2002::/16 6to4: judged by the IPv4 address it embeds.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicIPv4(b[2], b[3], b[4], b[5]);
        }

        // 3fff::/20 documentation (RFC 9637).
        return !(b[0] == 0x3f && b[1] == 0xff && (b[2] & 0xF0) == 0);
    }
}
