using System.Text.Json.Nodes;
using IcedServerless.Cli.Hosting;
using IcedServerless.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace IcedServerless.Cli.Tests;

/// <summary>A service older than the published preprocessing: its model plans do not say how to preprocess images.</summary>
public sealed class OldServiceTests : CliTestFolders
{
    private const string Model = "pneumoniamnist-28/latency";

    [Fact]
    public async Task Score_and_encrypt_against_plans_without_preprocessing_are_usage_errors_that_say_to_upgrade_the_service()
    {
        await using var old = await OldServiceAsync();
        var endpoint = FunctionsApp.ListeningUri(old.Services).AbsoluteUri;
        var npy = Path.Combine(Work, "stack.npy");
        await File.WriteAllBytesAsync(npy, TestNumpy.Stack(1, 28));
        var noVariables = new Dictionary<string, string?>();

        var score = await CliRunner.RunInAsync(Home, noVariables, CancellationToken.None, "score", npy, "--model", Model, "--endpoint", endpoint);
        Assert.Equal(ExitCodes.UsageError, score.ExitCode);
        Assert.Contains("does not say how to preprocess images; upgrade the service", score.Error, StringComparison.Ordinal);
        // Refused before anything was made: no keys generated, no job recorded.
        Assert.False(Directory.Exists(Path.Combine(Home, "keys")));
        Assert.False(Directory.Exists(Path.Combine(Home, "jobs")));

        var encrypt = await CliRunner.RunInAsync(Home, noVariables, CancellationToken.None, "encrypt", npy, "--model", Model, "--endpoint", endpoint,
            "--out", Path.Combine(Work, "enc"));
        Assert.Equal(ExitCodes.UsageError, encrypt.ExitCode);
        Assert.Contains("upgrade the service", encrypt.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A loopback HTTP service answering <c>GET /api/models</c> with the real service's plans minus their
    /// <c>preprocessing</c>, which is what the older service published.
    /// </summary>
    private async Task<WebApplication> OldServiceAsync()
    {
        string models;
        var current = EmbeddedService.Build("http://127.0.0.1:0", Path.Combine(Home, "store"), null, queueListener: false);
        await current.StartAsync();
        try
        {
            using var http = new HttpClient();
            models = await http.GetStringAsync(new Uri(FunctionsApp.ListeningUri(current.Services), "api/models"));
        }
        finally
        {
            await current.StopAsync();
            await current.DisposeAsync();
        }

        var list = JsonNode.Parse(models)!.AsObject();
        var plans = list.First(p => p.Key.Equals("models", StringComparison.OrdinalIgnoreCase)).Value!.AsArray();
        foreach (var plan in plans.Select(p => p!.AsObject()))
        {
            Assert.True(plan.Remove(plan.First(p => p.Key.Equals("preprocessing", StringComparison.OrdinalIgnoreCase)).Key));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var old = builder.Build();
        var body = list.ToJsonString();
        old.MapGet("/api/models", () => Results.Text(body, "application/json"));
        await old.StartAsync();
        return old;
    }
}
