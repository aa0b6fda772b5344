using System.Net;
using System.Net.Sockets;

namespace WebPortal.Sandbox;

/// <summary>Free loopback ports, for servers whose address must be known before they start.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
