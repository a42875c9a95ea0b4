using IcedServerless.Inference;
using IcedServerless.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Functions.Tests.Infrastructure;

/// <summary>
/// The real app, built by <see cref="FunctionsApp"/> and listening on a free loopback port in this process (local
/// mode: API, blob endpoint and queue listeners), against the embedded store or an Azurite.
/// </summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    private ServiceHost(WebApplication app, CapturedLogs logs)
    {
        App = app;
        Logs = logs;
        BaseUri = FunctionsApp.ListeningUri(app.Services);
        Http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromMinutes(2) };
        Client = new PipelineClient(Http);
    }

    public WebApplication App { get; }

    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    public PipelineClient Client { get; }

    public CapturedLogs Logs { get; }

    /// <summary>Settings for the embedded store under <paramref name="root"/>.</summary>
    public static Dictionary<string, string?> Embedded(string root) => new() { ["Iced:EmbeddedStoreRoot"] = root };

    /// <summary>Settings for an Azurite (SharedKey connection string, as in local.settings.json).</summary>
    public static Dictionary<string, string?> Azurite(int blobPort, int queuePort) => new()
    {
        ["IcedStorage"] = $"DefaultEndpointsProtocol=http;AccountName={StorageConnection.DevelopmentAccountName};"
            + $"AccountKey={StorageConnection.DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{blobPort}/{StorageConnection.DevelopmentAccountName};"
            + $"QueueEndpoint=http://127.0.0.1:{queuePort}/{StorageConnection.DevelopmentAccountName};",
    };

    public static async Task<ServiceHost> StartAsync(IEncryptedModel model, IDictionary<string, string?> settings)
    {
        var logs = new CapturedLogs();
        var all = new Dictionary<string, string?>(settings)
        {
            // Short leases so a stopped worker's message comes back within seconds (the host uses 10 minutes).
            ["Iced:Local:LeaseVisibility"] = settings.TryGetValue("Iced:Local:LeaseVisibility", out var lease) ? lease : "00:00:03",
        };
        var app = FunctionsApp.Build(new FunctionsAppOptions
        {
            ModelCatalog = _ => new ModelCatalog([model]),
            Settings = all,
            Url = "http://127.0.0.1:0",
            ConfigureLogging = b =>
            {
                b.ClearProviders();
                b.AddProvider(logs);
            },
        });
        await app.StartAsync();
        return new ServiceHost(app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}
