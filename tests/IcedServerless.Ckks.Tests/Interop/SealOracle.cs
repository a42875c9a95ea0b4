using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using IcedServerless.Ckks.Tests.Infrastructure;

namespace IcedServerless.Ckks.Tests.Interop;

/// <summary>
/// Real Microsoft SEAL 4.1 (npm node-seal 6.0.3) running as a long-lived Node process
/// (<c>tests/oracle/seal-oracle.mjs</c>) that the interop tests drive over newline-delimited JSON. This file
/// owns the process and the protocol; the typed operations are in <c>SealOracle.Operations.cs</c>.
/// </summary>
/// <remarks>
/// Requests are serialized (one in flight at a time, as the Node side is single-threaded anyway) and each
/// response is matched to its request by id. Binary objects travel as temp files under a per-instance
/// directory that disposal deletes.
/// </remarks>
public sealed partial class SealOracle : IAsyncDisposable, IDisposable
{
    /// <summary>How long one request may take before the oracle is considered hung and stopped.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromMinutes(2);

    private const int StderrLinesKept = 200;
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly StreamWriter _stdin;
    private readonly Task _reader;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly Queue<string> _stderr = new();
    private readonly string _tempDirectory;
    private long _nextId;
    private long _nextFile;
    private volatile string? _fault;
    private int _disposed;

    private SealOracle(Process process, TimeSpan requestTimeout)
    {
        _process = process;
        RequestTimeout = requestTimeout;
        _stdin = process.StandardInput;
        _stdin.AutoFlush = false;
        _tempDirectory = Directory.CreateTempSubdirectory("iced-seal-oracle-").FullName;
        process.ErrorDataReceived += (_, e) => RecordStderr(e.Data);
        process.BeginErrorReadLine();
        _reader = Task.Run(ReadResponsesAsync);
    }

    /// <summary>The per-instance directory holding the temp files that carry objects to and from the oracle.</summary>
    internal string TempDirectory => _tempDirectory;

    /// <summary>The per-request timeout of this instance.</summary>
    public TimeSpan RequestTimeout { get; }

    /// <summary>The last lines the Node process wrote to stderr (its diagnostics), oldest first.</summary>
    public string StandardErrorTail
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    /// <summary>
    /// Starts <c>node tests/oracle/seal-oracle.mjs</c> at the repository root and waits until SEAL is loaded.
    /// </summary>
    /// <exception cref="InvalidOperationException">Node.js is not on PATH or <c>npm ci</c> has not been run.</exception>
    public static async Task<SealOracle> StartAsync(TimeSpan? requestTimeout = null, CancellationToken cancellationToken = default)
    {
        var root = RepoPaths.Root;
        var script = CheckPrerequisites(root);
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(script);

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"The SEAL oracle needs Node.js 20 ('node' on PATH), which could not be started ({e.Message}). " +
                $"Install Node.js 20, then run `npm ci` in {root}.", e);
        }

        var oracle = new SealOracle(process, requestTimeout ?? DefaultRequestTimeout);
        try
        {
            var hello = await oracle.SendAsync(new JsonObject { ["op"] = "hello" }, cancellationToken).ConfigureAwait(false);
            oracle.SealVersion = (string?)hello["sealVersion"] ?? "";
            oracle.NodeSealVersion = (string?)hello["nodeSealVersion"] ?? "";
            return oracle;
        }
        catch
        {
            await oracle.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The SEAL serialization version the oracle writes, e.g. "4.1".</summary>
    public string SealVersion { get; private set; } = "";

    /// <summary>The node-seal package version, e.g. "6.0.3".</summary>
    public string NodeSealVersion { get; private set; } = "";

    /// <summary>
    /// Checks that the oracle can run from <paramref name="root"/> and returns the script's path.
    /// </summary>
    /// <exception cref="InvalidOperationException">The script or node_modules/node-seal is missing.</exception>
    internal static string CheckPrerequisites(string root)
    {
        var script = Path.Combine(root, "tests", "oracle", "seal-oracle.mjs");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"The SEAL oracle script is missing: {script}.");
        }

        if (!File.Exists(Path.Combine(root, "node_modules", "node-seal", "package.json")))
        {
            throw new InvalidOperationException(
                $"node-seal (real Microsoft SEAL, the interop oracle) is not installed: run `npm ci` in {root} " +
                "(needs Node.js 20 and npm), then run the tests again.");
        }

        return script;
    }

    /// <summary>
    /// Sends one request (an <c>"op"</c> and its fields; the id is assigned here) and returns the response.
    /// </summary>
    /// <exception cref="SealOracleException">The oracle answered <c>ok:false</c> (SEAL's message, or a bad request).</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="RequestTimeout"/>; the oracle is stopped.</exception>
    /// <exception cref="InvalidOperationException">The oracle process has stopped.</exception>
    public async Task<JsonObject> SendAsync(JsonObject request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var op = (string?)request["op"] ?? "";
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfFaulted();
            var id = ++_nextId;
            request["id"] = id;
            var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[id] = answer;
            try
            {
                // Not cancellable: a half-written line would corrupt the protocol for every later request.
                await _stdin.WriteLineAsync(request.ToJsonString()).ConfigureAwait(false);
                await _stdin.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                var response = await answer.Task.WaitAsync(RequestTimeout, cancellationToken).ConfigureAwait(false);
                if ((bool?)response["ok"] != true)
                {
                    throw new SealOracleException(op, (string?)response["error"] ?? "(no message)", (string?)response["errorKind"] ?? "unknown");
                }

                return response;
            }
            catch (TimeoutException)
            {
                // A hung oracle would make every later test wait out its timeout too: stop it so they fail fast.
                Stop($"request {id} ({op}) got no answer within {RequestTimeout}");
                throw new TimeoutException($"The SEAL oracle did not answer '{op}' within {RequestTimeout}; it has been stopped. " + StderrSuffix());
            }
            catch (IOException e)
            {
                throw new InvalidOperationException($"The SEAL oracle process is gone ({e.Message}). " + StderrSuffix(), e);
            }
            finally
            {
                _pending.TryRemove(id, out _);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReadResponsesAsync()
    {
        var output = _process.StandardOutput;
        try
        {
            while (await output.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                JsonObject? response;
                try
                {
                    response = JsonNode.Parse(line) as JsonObject;
                }
                catch (System.Text.Json.JsonException)
                {
                    response = null;
                }

                if (response?["id"] is JsonValue idValue && idValue.TryGetValue(out long id) && _pending.TryGetValue(id, out var answer))
                {
                    answer.TrySetResult(response);
                }
                else
                {
                    // Not an answer to a waiting request (e.g. one whose caller gave up): keep it for diagnostics.
                    RecordStderr("[unmatched stdout] " + (line.Length > 300 ? line[..300] + "..." : line));
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe closed under us: handled below like a normal end of output.
        }

        var reason = "the node process ended" + (_process.HasExited ? $" with exit code {_process.ExitCode}" : "");
        _fault ??= reason;
        foreach (var answer in _pending.Values)
        {
            answer.TrySetException(new InvalidOperationException($"The SEAL oracle stopped: {_fault}. " + StderrSuffix()));
        }
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw new InvalidOperationException($"The SEAL oracle has stopped: {fault}. " + StderrSuffix());
        }
    }

    private void Stop(string reason)
    {
        _fault ??= reason;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited between the check and the kill.
        }
    }

    private void RecordStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderr)
        {
            _stderr.Enqueue(line);
            while (_stderr.Count > StderrLinesKept)
            {
                _stderr.Dequeue();
            }
        }
    }

    private string StderrSuffix()
    {
        var tail = StandardErrorTail;
        return tail.Length == 0 ? "(the oracle wrote nothing to stderr)" : "Oracle stderr:\n" + tail;
    }

    private string NewTempPath(string label) =>
        Path.Combine(_tempDirectory, $"{Interlocked.Increment(ref _nextFile)}-{label}.bin");

    /// <summary>Ends the Node process (closing its stdin first so it exits cleanly) and deletes the temp files.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!BeginShutdown())
        {
            return;
        }

        using (var wait = new CancellationTokenSource(ExitGrace))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Stop("it did not exit after stdin closed");
            }
        }

        await _reader.ConfigureAwait(false);
        CleanUp();
    }

    /// <summary>Synchronous form of <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        if (!BeginShutdown())
        {
            return;
        }

        if (!_process.WaitForExit(ExitGrace))
        {
            Stop("it did not exit after stdin closed");
        }

        _reader.GetAwaiter().GetResult();
        CleanUp();
    }

    // Marks the instance disposed and closes stdin, which makes the oracle exit; false if already disposed.
    private bool BeginShutdown()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return false;
        }

        _fault ??= "the oracle was disposed";
        try
        {
            _stdin.Close();
        }
        catch (IOException)
        {
            // The process already closed its end.
        }

        return true;
    }

    private void CleanUp()
    {
        _process.Dispose();
        _gate.Dispose();
        try
        {
            Directory.Delete(_tempDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was left to delete.
        }
    }
}
