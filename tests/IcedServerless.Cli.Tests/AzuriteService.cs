using IcedServerless.Cli.Hosting;
using IcedServerless.Functions;
using IcedServerless.Storage;
using IcedServerless.Testing;
using Microsoft.AspNetCore.Builder;

namespace IcedServerless.Cli.Tests;

/// <summary>
/// One real Azurite and the real Functions app (local mode, queue listener on) on it, listening on a free loopback
/// port and requiring a function key, as a deployed Function App would; plus one key set made by <c>iced keys create</c>.
/// Shared by a test class so Azurite, the model compilation and key generation happen once.
/// </summary>
public sealed class AzuriteService : IAsyncLifetime
{
    /// <summary>The model every Azurite test scores with.</summary>
    public const string Model = "pneumoniamnist-28/latency";

    /// <summary>The key the app requires of callers.</summary>
    public const string FunctionKey = "azurite-k3y";

    private readonly TempDirectory _root = new();
    private AzuriteProcess? _azurite;
    private WebApplication? _app;

    /// <summary>The app's base URL, as passed to <c>--endpoint</c>.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>The Azurite, e.g. to read its blobs directly.</summary>
    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite is not started.");

    /// <summary>A key set for <see cref="Model"/>, created once through the CLI.</summary>
    public string KeyDirectory => Path.Combine(_root.Path, "keys");

    /// <summary>The environment a caller of the app needs: the function key, as ICED_FUNCTION_KEY.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; } = new Dictionary<string, string?> { [GlobalOptions.FunctionKeyVariable] = FunctionKey };

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        // A SharedKey connection string naming Azurite's ports, as local.settings.json would for `func start`.
        var account = StorageConnection.DevelopmentAccountName;
        var connection = $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={StorageConnection.DevelopmentAccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{_azurite.BlobPort}/{account};QueueEndpoint=http://127.0.0.1:{_azurite.QueuePort}/{account};";
        _app = EmbeddedService.Build("http://127.0.0.1:0", Path.Combine(_root.Path, "unused-store"), connection, queueListener: true, FunctionKey);
        await _app.StartAsync();
        Endpoint = FunctionsApp.ListeningUri(_app.Services).AbsoluteUri;

        var created = await RunAsync(_root.Path, "keys", "create", "--model", Model, "--keys", KeyDirectory);
        if (created.ExitCode != 0)
        {
            throw new InvalidOperationException($"keys create failed: {created.All}");
        }
    }

    /// <summary>Runs <c>iced --endpoint {app} …</c> with the function key in the environment and ICED_HOME = <paramref name="home"/>.</summary>
    internal Task<CliResult> RunAsync(string home, params string[] args) =>
        CliRunner.RunInAsync(home, Environment, CancellationToken.None, [.. args, "--endpoint", Endpoint]);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        _root.Dispose();
    }
}
