using IcedServerless.Functions.Api;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Functions.Jobs;
using IcedServerless.Functions.Keys;
using IcedServerless.Functions.Local;
using IcedServerless.Functions.Scoring;
using IcedServerless.Inference;
using IcedServerless.Model.Serialization;
using IcedServerless.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Functions;

/// <summary>
/// Builds the scoring service. Under the Functions host (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set) it is a custom
/// handler: readiness on <c>GET /</c> and invocations on <c>POST /{FunctionName}</c>. Without the host (local
/// mode) the same executable also serves the API on <c>/api/…</c>, the embedded store's blobs on
/// <c>/local-blobs/…</c>, and runs queue listeners with the host's trigger semantics, so it is the whole service
/// in one process — started from the command line, from tests, or in-process by the CLI.
/// </summary>
public static class FunctionsApp
{
    /// <summary>The environment variable through which the Functions host passes the handler's port.</summary>
    public const string HostPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The environment variable naming the Functions app root (host.json) under the host.</summary>
    public const string AppRootVariable = "FUNCTIONS_APP_ROOT_PATH";

    /// <summary>The default local-mode address.</summary>
    public const string DefaultLocalUrl = "http://127.0.0.1:7071";

    /// <summary>Builds the app; call <c>StartAsync</c> or <c>Run</c> on it.</summary>
    /// <param name="options">Models, settings and address.</param>
    /// <returns>The app.</returns>
    /// <exception cref="FormatException">A storage or host.json setting is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A pipeline setting is out of range.</exception>
    public static WebApplication Build(FunctionsAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. options.Args], ContentRootPath = AppContext.BaseDirectory });
        var configuration = builder.Configuration;
        var hostPort = configuration[HostPortVariable];
        var hosted = !string.IsNullOrEmpty(hostPort);
        if (!hosted)
        {
            // What Core Tools would do: local.settings.json "Values" as settings, below environment variables.
            configuration.Sources.Insert(0, LocalSettingsFile.Source(Path.Combine(Directory.GetCurrentDirectory(), LocalSettingsFile.FileName)));
        }

        configuration.AddInMemoryCollection(options.Settings);
        if (hosted)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{hostPort}");
        }
        else if (options.Url is not null || (configuration[WebHostDefaults.ServerUrlsKey] ?? configuration["ASPNETCORE_URLS"]) is null)
        {
            builder.WebHost.UseUrls(options.Url ?? DefaultLocalUrl);
        }

        ConfigureLogging(builder, options);
        var pipeline = configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();
        pipeline.Validate();
        var local = configuration.GetSection(LocalModeOptions.Section).Get<LocalModeOptions>() ?? new LocalModeOptions();
        local.Validate();
        var storageSettings = StorageSettings.From(configuration);
        var appRoot = NonEmpty(local.AppRoot) ?? NonEmpty(configuration[AppRootVariable]) ?? AppContext.BaseDirectory;

        AddServices(builder.Services, options, pipeline, local, storageSettings);
        if (!hosted && local.QueueListener)
        {
            AddQueueListeners(builder.Services, appRoot);
        }

        var app = builder.Build();
        // Load the models (read, lower, plan: most of the start-up time) once the server listens rather than on the
        // first request, so readiness is not delayed and the host's own start-up overlaps with it.
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => WarmUpModels(app.Services)));
        HostEndpoints.Map(app);
        if (!hosted)
        {
            DirectApiEndpoints.Map(app, local.RequiredFunctionKey);
            if (storageSettings.IsEmbedded)
            {
                LocalBlobEndpoints.Map(app, local.MaxUploadBytes);
            }
        }

        return app;
    }

    /// <summary>The loopback base URI the started app listens on (wildcard hosts become 127.0.0.1).</summary>
    /// <param name="services">The app's services.</param>
    /// <returns>The URI, ending in '/'.</returns>
    /// <exception cref="InvalidOperationException">The server is not listening yet.</exception>
    public static Uri ListeningUri(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException("The app is not listening on an http:// address yet.");
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost")
        {
            uri.Host = "127.0.0.1";
        }

        uri.Path = "/";
        return uri.Uri;
    }

    private static void WarmUpModels(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<IModelCatalog>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ModelFormatException or NotSupportedException or ArgumentException)
        {
            // Not fatal here: the container does not cache a failed factory, so the first request that needs the
            // catalog builds it again and reports the same error to its caller.
            services.GetRequiredService<ILogger<WebApplication>>().LogError(e, "Loading the model catalog failed");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static void ConfigureLogging(WebApplicationBuilder builder, FunctionsAppOptions options)
    {
        if (options.ConfigureLogging is { } configure)
        {
            configure(builder.Logging);
        }
        else
        {
            // Structured JSON lines with scopes: every scoring log carries JobId, Shard and InvocationId.
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        // Request-line and HttpClient logs print full URLs, and upload/download links carry SAS signatures in
        // their query: keep those categories below Information whatever the logging setup.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
    }

    private static void AddServices(
        IServiceCollection services, FunctionsAppOptions options, PipelineOptions pipeline, LocalModeOptions local, StorageSettings storageSettings)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(pipeline);
        services.AddSingleton(local);
        services.AddSingleton(sp => new PipelineStorage(storageSettings, () => local.PublicBase ?? ListeningUri(sp)));
        services.AddSingleton<StorageBootstrap>();
        services.AddSingleton<QueueWake>();
        services.AddSingleton(_ => new ScoringGate(pipeline.ScoringParallelism));
        services.AddSingleton(sp => options.ModelCatalog(sp.GetRequiredService<ScoringGate>().ContextOptions));
        services.AddSingleton<JobRepository>();
        services.AddSingleton<KeySetRepository>();
        services.AddSingleton<KeySetLoader>();
        services.AddSingleton(sp => new KeySetCache(sp.GetRequiredService<KeySetLoader>(), pipeline.KeySetCacheCapacity));
        services.AddSingleton<ModelsApi>();
        services.AddSingleton<KeySetsApi>();
        services.AddSingleton<JobsApi>();
        services.AddSingleton<JobUploadsApi>();
        services.AddSingleton<ShardScorer>();
        services.AddSingleton<PoisonHandler>();
        services.AddSingleton<FunctionDispatcher>();
    }

    private static void AddQueueListeners(IServiceCollection services, string appRoot)
    {
        var settings = HostJsonFiles.ReadQueueSettings(appRoot);
        foreach (var (name, _) in FunctionDispatcher.QueueFunctions)
        {
            var binding = HostJsonFiles.ReadQueueBinding(appRoot, name);
            services.AddSingleton<IHostedService>(sp => new LocalQueueListener(
                binding, settings, sp.GetRequiredService<PipelineStorage>(), sp.GetRequiredService<LocalModeOptions>(),
                () => ListeningUri(sp), ct => ReadyAsync(sp, ct), sp.GetRequiredService<QueueWake>(), sp.GetRequiredService<ILogger<LocalQueueListener>>(),
                sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
        }
    }

    /// <summary>Waits until the server listens and storage is initialized (retrying while storage is unreachable).</summary>
    private static async Task ReadyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var bootstrap = services.GetRequiredService<StorageBootstrap>();
        var backoff = new PollingBackoff(TimeSpan.FromSeconds(5));
        while (true)
        {
            try
            {
                await bootstrap.EnsureAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is StorageException or HttpRequestException)
            {
                await Task.Delay(backoff.Next(), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
