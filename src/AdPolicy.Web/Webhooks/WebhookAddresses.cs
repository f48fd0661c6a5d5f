using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Webhooks;

/// <summary>
/// Keeps webhooks on the public internet (no server-side request forgery): an endpoint whose host is, or resolves to,
/// this machine, a private or link-local network (the cloud metadata address 169.254.169.254 among them), carrier-grade
/// NAT, an unspecified, multicast or reserved address is refused when it is saved and again when a delivery connects.
/// The connect-time check is the one that counts: it looks at the address the socket is about to open, after DNS, so a
/// name that resolved to a public address when it was saved and to an internal one later (DNS rebinding) is still refused.
/// <c>Webhooks:AllowHttpLoopback</c> (Development and Testing only) lets loopback receivers through.
/// </summary>
public sealed class WebhookAddresses(IOptions<WebhookOptions> options)
{
    /// <summary>How long saving an endpoint waits for its name to resolve; an unresolved name is checked again at each connection.</summary>
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    /// <summary>What kind of non-public address this is, as words for a sentence; null when it is a public address.</summary>
    public static string? NonPublicKind(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 => "an unspecified address",
                10 => "a private network address",
                100 when b[1] is >= 64 and <= 127 => "a carrier-grade NAT address",
                127 => "this machine (loopback)",
                169 when b[1] == 254 => "a link-local address (such as the cloud metadata service)",
                172 when b[1] is >= 16 and <= 31 => "a private network address",
                192 when b[1] == 168 => "a private network address",
                >= 224 and <= 239 => "a multicast address",
                >= 240 => "a reserved or broadcast address",
                _ => null,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address switch
            {
                _ when address.Equals(IPAddress.IPv6Any) => "an unspecified address",
                _ when address.Equals(IPAddress.IPv6Loopback) => "this machine (loopback)",
                _ when address.IsIPv6Multicast => "a multicast address",
                _ when address.IsIPv6LinkLocal => "a link-local address",
                _ when address.IsIPv6SiteLocal || (b[0] & 0xFE) == 0xFC => "a private network address",
                _ => null,
            };
        }

        return "an address that is not on the internet";
    }

    /// <summary>Why a delivery may not connect to <paramref name="address"/>, as a sentence; null when it may.</summary>
    public string? Refusal(string host, IPAddress address)
    {
        if (IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address) && options.Value.AllowHttpLoopback)
        {
            return null;
        }

        if (NonPublicKind(address) is not { } kind)
        {
            return null;
        }

        var what = IPAddress.TryParse(host.Trim('[', ']'), out _) ? $"{address} is" : $"{host} points to {address},";
        return $"{what} {kind}: webhooks are only sent to addresses on the public internet.";
    }

    /// <summary>
    /// The save-time check of an endpoint's host: an address literal is checked as it is; a name is resolved and every
    /// address it gives is checked. A name that does not resolve (yet) is accepted: each connection checks it again.
    /// </summary>
    public async Task<string?> RefusalAsync(Uri uri, CancellationToken cancellationToken)
    {
        var host = uri.IdnHost.Trim('[', ']');
        if (IPAddress.TryParse(host, out var literal))
        {
            return Refusal(host, literal);
        }

        IPAddress[] addresses;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LookupTimeout);
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return addresses.Select(a => Refusal(host, a)).FirstOrDefault(r => r is not null);
    }

    /// <summary>
    /// The webhook client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host once, refuses if any of
    /// its addresses is not public, and opens the socket to the very address it checked.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new WebhookAddressRefusedException($"{host} has no address.");
        }

        if (addresses.Select(a => Refusal(host, a)).FirstOrDefault(r => r is not null) is { } refusal)
        {
            throw new WebhookAddressRefusedException(refusal);
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}

/// <summary>A delivery was not sent because its endpoint's address is not on the public internet; the message says why.</summary>
public sealed class WebhookAddressRefusedException(string message) : IOException(message);
