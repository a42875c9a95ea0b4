using System.Net;
using IcedServerless.Testing;

namespace IcedServerless.Cli.Tests;

/// <summary><c>iced serve</c>: the service in the foreground, for other clients, until cancelled.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Serve_answers_the_api_until_cancelled_then_stops_cleanly()
    {
        var port = LoopbackPorts.Unused();
        using var stop = new CancellationTokenSource();
        var serving = CliRunner.RunInAsync(_home.Path, new Dictionary<string, string?>(), stop.Token, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var models = await GetWhenUpAsync(http, new Uri($"http://127.0.0.1:{port}/api/models"), serving);
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Contains("pneumoniamnist-28/throughput", await models.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await stop.CancelAsync();
        var result = await serving.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"export ICED_ENDPOINT=http://127.0.0.1:{port}/", result.Out, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{port}/api/models")));
    }

    [Fact]
    public async Task A_service_that_wants_a_function_key_refuses_without_it_with_exit_code_3_and_a_hint()
    {
        var port = LoopbackPorts.Unused();
        using var stop = new CancellationTokenSource();
        var noVariables = new Dictionary<string, string?>();
        var serving = CliRunner.RunInAsync(_home.Path, noVariables, stop.Token,
            "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--function-key", "k3y");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await GetWhenUpAsync(http, new Uri($"http://127.0.0.1:{port}/api/models"), serving);
        var endpoint = $"http://127.0.0.1:{port}";
        try
        {
            var refused = await CliRunner.RunInAsync(_home.Path, noVariables, CancellationToken.None, "models", "--endpoint", endpoint);
            Assert.Equal(ExitCodes.ServiceError, refused.ExitCode);
            Assert.Contains("--function-key", refused.Error, StringComparison.Ordinal);

            var withKey = await CliRunner.RunInAsync(_home.Path, new Dictionary<string, string?> { ["ICED_FUNCTION_KEY"] = "k3y" }, CancellationToken.None,
                "models", "--endpoint", endpoint, "--json");
            Assert.True(withKey.ExitCode == 0, withKey.All);
            Assert.DoesNotContain("k3y", withKey.All, StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            await serving.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task A_malformed_storage_connection_string_is_a_usage_error()
    {
        var result = await CliRunner.RunInAsync(_home.Path, new Dictionary<string, string?>(), CancellationToken.None,
            "serve", "--port", "0", "--storage", "NotAConnectionString");
        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("--storage", result.Error, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetWhenUpAsync(HttpClient http, Uri uri, Task<CliResult> serving)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (serving.IsCompleted)
            {
                var ended = await serving;
                Assert.Fail($"serve ended early with {ended.ExitCode}: {ended.All}");
            }

            try
            {
                return await http.GetAsync(uri);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet (or still compiling the models under load).
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("serve did not start listening");
    }
}
