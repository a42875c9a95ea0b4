using System.Diagnostics;
using System.Net;
using System.Text.Json;
using IcedServerless.Testing;

namespace IcedServerless.Cli.Tests;

/// <summary>
/// <c>iced serve</c> as a real process: containers and service managers stop it with SIGTERM, not Ctrl-C, and it must
/// then stop serving and exit 0 rather than hang.
/// </summary>
public sealed class ServeProcessTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Serve_stops_and_exits_0_on_SIGTERM()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "iced.dll"), "serve", "--port", "0", "--json" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ICED_HOME"] = _home.Path, ["ICED_ENDPOINT"] = null, ["ICED_FUNCTION_KEY"] = null },
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            // With --json the one stdout document is printed once the service listens.
            var document = await ReadJsonDocumentAsync(process.StandardOutput).WaitAsync(TimeSpan.FromMinutes(2));
            var endpoint = new Uri(document.RootElement.GetProperty("endpoint").GetString()!);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(endpoint, "api/models"))).StatusCode);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await errors}");
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(endpoint, "api/models")));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    // The document is indented over several lines; it is complete when it parses.
    private static async Task<JsonDocument> ReadJsonDocumentAsync(StreamReader output)
    {
        var text = new System.Text.StringBuilder();
        while (await output.ReadLineAsync() is { } line)
        {
            text.AppendLine(line);
            try
            {
                return JsonDocument.Parse(text.ToString());
            }
            catch (JsonException)
            {
            }
        }

        throw new EndOfStreamException($"iced serve ended its output without a JSON document: {text}");
    }
}
