using System.Net;
using System.Net.Sockets;

namespace IcedServerless.Testing;

/// <summary>Loopback ports for tests that need a service, or the absence of one, at a known address.</summary>
public static class LoopbackPorts
{
    /// <summary>A port nothing listens on: bound, read, and released (free until something else takes it).</summary>
    /// <returns>The port.</returns>
    public static int Unused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
