using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IcedServerless.Testing;

/// <summary>
/// A real Azurite (npm, pinned) on free loopback ports, with in-memory persistence or, given a workspace
/// directory, on disk (so data survives a restart). Started and stopped by process id; can be restarted on the
/// same ports to test recovery.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);
    private readonly string[] _extraArguments;
    private readonly string? _location;
    private readonly StringBuilder _stderr = new();
    private Process? _process;

    private AzuriteProcess(string[] extraArguments, bool https, string? location)
    {
        _extraArguments = extraArguments;
        _location = location;
        Https = https;
        (BlobPort, QueuePort, TablePort) = FreePorts();
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public bool Https { get; }

    /// <summary>Starts Azurite over HTTP (SharedKey and SAS).</summary>
    public static Task<AzuriteProcess> StartAsync() => StartAsync([], https: false);

    /// <summary>Starts Azurite with extra arguments (e.g. --cert/--key/--oauth basic).</summary>
    public static async Task<AzuriteProcess> StartAsync(string[] extraArguments, bool https)
    {
        // Free ports are only free when asked; if another process takes one first, try fresh ports.
        for (var attempt = 1; ; attempt++)
        {
            var azurite = new AzuriteProcess(extraArguments, https, location: null);
            try
            {
                await azurite.StartAgainAsync();
                return azurite;
            }
            catch (AzuriteStartException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Starts Azurite over HTTP persisting to <paramref name="location"/>: a restart keeps every blob and message.</summary>
    public static async Task<AzuriteProcess> StartPersistentAsync(string location)
    {
        var azurite = new AzuriteProcess([], https: false, location);
        await azurite.StartAgainAsync();
        return azurite;
    }

    /// <summary>(Re)starts the process on the same ports and waits until both services accept connections.</summary>
    public async Task StartAgainAsync()
    {
        if (!File.Exists(RepoPaths.Azurite))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({RepoPaths.Azurite} is missing). Run `npm ci` in the repository root first.");
        }

        var info = new ProcessStartInfo(RepoPaths.Azurite)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };

        // Azurite refuses --inMemoryPersistence together with --location.
        string[] persistence = _location is null ? ["--inMemoryPersistence"] : ["--location", _location];
        string[] arguments =
        [
            .. persistence,
            "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
            .. _extraArguments,
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        _stderr.Clear();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        process.ErrorDataReceived += (_, e) => { lock (_stderr) { _stderr.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + s_startTimeout;
        while (!(await AcceptsAsync(BlobPort) && await AcceptsAsync(QueuePort)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                string errors;
                lock (_stderr)
                {
                    errors = _stderr.ToString();
                }

                await StopAsync();
                throw new AzuriteStartException($"Azurite did not become ready on ports {BlobPort}/{QueuePort}: {errors}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process (by its id, with its children) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>
    /// Stops the process as a service manager would (SIGTERM), so a disk-backed Azurite flushes its metadata
    /// (it saves its database periodically; a SIGKILL loses the last seconds of writes). Killed if it lingers.
    /// </summary>
    public async Task StopGracefullyAsync()
    {
        if (_process is { HasExited: false } process && SignalTerminate(process.Id) == 0)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                // Did not stop in time: fall through to the kill below.
            }
        }

        await StopAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static int SignalTerminate(int pid) => OperatingSystem.IsWindows() ? -1 : Kill(pid, 15);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (int, int, int) FreePorts()
    {
        // Hold all three listeners at once so the OS hands out three distinct ports.
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var l in listeners)
        {
            l.Start();
        }

        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var l in listeners)
        {
            l.Stop();
        }

        return (ports[0], ports[1], ports[2]);
    }
}

/// <summary>Azurite was installed but did not come up (e.g. a port was taken meanwhile).</summary>
internal sealed class AzuriteStartException(string message) : Exception(message);
