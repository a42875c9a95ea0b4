using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace IcedServerless.Functions.Tests.HostProtocol;

/// <summary>
/// The built executable that host.json launches, started as the Functions host starts it (environment variable
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>) and as a developer starts it (no host: local mode).
/// </summary>
public sealed class ExecutableTests : IDisposable
{
    private readonly TempDirectory _workingDirectory = new();

    public void Dispose() => _workingDirectory.Dispose();

    [Fact]
    public async Task UnderTheHost_ServesReadinessAndInvocationsOnThePortItIsGiven_AndNoPublicRoutes()
    {
        var port = FreePort();
        using var process = Start(new Dictionary<string, string> { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString() });
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilReadyAsync(http, process);

            var payload = """{"Data":{"req":{"Url":"https://iced.example.net/api/models","Method":"GET","Query":"{}","Headers":{},"Params":{}}},"Metadata":{}}""";
            using var invocation = await http.PostAsync("ListModels", new StringContent(payload, Encoding.UTF8, "application/json"));
            using var result = JsonDocument.Parse(await invocation.Content.ReadAsStringAsync());
            using var direct = await http.GetAsync("api/models");

            Assert.Equal(HttpStatusCode.OK, invocation.StatusCode);
            Assert.Equal("200", result.RootElement.GetProperty("Outputs").GetProperty("res").GetProperty("statusCode").GetString());
            Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
        }
        finally
        {
            Stop(process);
        }
    }

    [Fact]
    public async Task WithoutTheHost_ServesThePublicApiOnTheGivenUrl()
    {
        var port = FreePort();
        using var process = Start(new Dictionary<string, string>(), "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilReadyAsync(http, process);

            using var models = await http.GetAsync("api/models");

            Assert.Equal(HttpStatusCode.OK, models.StatusCode);
            // The released models ship next to the executable, each in both packings.
            using var body = System.Text.Json.JsonDocument.Parse(await models.Content.ReadAsStringAsync());
            var ids = body.RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("modelId").GetString() ?? string.Empty).ToArray();
            Assert.Equal(new[] { "covid-cxr-28/latency", "covid-cxr-28/throughput", "pneumoniamnist-28/latency", "pneumoniamnist-28/throughput" }, ids.Order().ToArray());
        }
        finally
        {
            Stop(process);
        }
    }

    private Process Start(Dictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "IcedServerless.Functions"))
        {
            WorkingDirectory = _workingDirectory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Remove("FUNCTIONS_CUSTOMHANDLER_PORT");
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment["Iced__EmbeddedStoreRoot"] = Path.Combine(_workingDirectory.Path, "store");
        info.Environment["Iced__Local__AppRoot"] = AppContext.BaseDirectory;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>As the host does: GET / until any answer arrives (refused connections mean "not yet").</summary>
    private static async Task WaitUntilReadyAsync(HttpClient http, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
