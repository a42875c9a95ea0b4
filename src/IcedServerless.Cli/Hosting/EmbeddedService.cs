using IcedServerless.Functions;
using IcedServerless.Functions.Configuration;
using IcedServerless.Inference;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Cli.Hosting;

/// <summary>Builds the real Functions app (local mode) for this process: <c>iced serve</c> and the embedded endpoint.</summary>
internal static class EmbeddedService
{
    /// <summary>The storage setting for Azurite's well-known development account.</summary>
    public const string AzuriteConnectionString = "UseDevelopmentStorage=true";

    /// <summary>Builds the app; the caller starts, stops and disposes it.</summary>
    /// <param name="url">Where to listen (port 0: any free loopback port).</param>
    /// <param name="storeDirectory">The embedded store's folder, used when <paramref name="connectionString"/> is null.</param>
    /// <param name="connectionString">An Azure storage connection string (e.g. Azurite), or null for the embedded store.</param>
    /// <param name="queueListener">Whether this process scores queued shards.</param>
    /// <param name="functionKey">A key callers must present, or null.</param>
    public static WebApplication Build(string url, string storeDirectory, string? connectionString, bool queueListener, string? functionKey = null) =>
        FunctionsApp.Build(new FunctionsAppOptions
        {
            ModelCatalog = options => ModelCatalogLoader.Load(ModelCatalogLoader.DefaultDirectory, options.MaxDegreeOfParallelism),
            // Explicit values for everything storage-related, so a local.settings.json in the current folder (which
            // local mode reads, as Core Tools would) cannot redirect the CLI's service elsewhere.
            Settings = new Dictionary<string, string?>
            {
                [StorageSettings.ConnectionName] = connectionString ?? string.Empty,
                [StorageSettings.ConnectionName + ":blobServiceUri"] = string.Empty,
                [StorageSettings.ConnectionName + ":queueServiceUri"] = string.Empty,
                [StorageSettings.EmbeddedRootKey] = storeDirectory,
                [LocalModeOptions.Section + ":" + nameof(LocalModeOptions.QueueListener)] = queueListener ? "true" : "false",
                [LocalModeOptions.Section + ":" + nameof(LocalModeOptions.FunctionKey)] = functionKey ?? string.Empty,
            },
            Url = url,
            ConfigureLogging = b => b.ClearProviders().SetMinimumLevel(LogLevel.Warning),
        });
}
