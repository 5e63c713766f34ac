using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>Thrown inside the HTTP stack when a target address is refused; the client turns it into <see cref="CustomSendFailure.RefusedTarget"/>.</summary>
internal sealed class RefusedTargetException(string host) : Exception($"The address of '{host}' is not allowed for Custom providers.");

/// <summary>
/// The SSRF guard: the <see cref="SocketsHttpHandler.ConnectCallback"/> of every Custom provider connection. It
/// resolves the host itself, refuses the connection when ANY resolved address is not public (unless
/// <see cref="CustomProvidersOptions.AllowPrivateNetworks"/>), and then connects only to the addresses it checked, so
/// a DNS answer that changes between a check and the connection (DNS rebinding) cannot slip through. Every new
/// connection is checked, including those of redirects and of the OAuth token request.
/// </summary>
internal sealed class SsrfGuard(IOptions<CustomProvidersOptions> options, CustomProviderTestHooks? hooks = null)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var addresses = await ResolveAllowedAsync(endpoint.Host, endpoint.Port, cancellationToken);

        SocketException? lastError = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastError = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastError ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>The addresses of <paramref name="host"/>, all of them allowed; throws <see cref="RefusedTargetException"/> otherwise.</summary>
    public async Task<IPAddress[]> ResolveAllowedAsync(string host, int port, CancellationToken cancellationToken)
    {
        var name = host.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(name, out var literal))
        {
            addresses = [literal];
        }
        else if (NetworkAddressPolicy.IsLocalHostName(name) && !options.Value.AllowPrivateNetworks)
        {
            throw new RefusedTargetException(host);
        }
        else
        {
            addresses = hooks?.ResolveHost is { } resolve
                ? await resolve(name, cancellationToken)
                : await Dns.GetHostAddressesAsync(name, cancellationToken);
        }

        if (!options.Value.AllowPrivateNetworks && addresses.Any(a => !IsAllowed(a, port)))
        {
            throw new RefusedTargetException(host);
        }

        return addresses;
    }

    private bool IsAllowed(IPAddress address, int port) =>
        NetworkAddressPolicy.IsPublic(address)
        || (hooks is not null && hooks.AllowedEndpoints.Contains(new IPEndPoint(address, port)));
}
