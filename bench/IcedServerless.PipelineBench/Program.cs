using System.Globalization;
using IcedServerless.Ckks.Serialization;
using IcedServerless.Client;
using IcedServerless.Functions;
using IcedServerless.Inference;
using IcedServerless.PipelineBench;
using IcedServerless.Storage;
using IcedServerless.Testing;
using Microsoft.Extensions.Logging;

// End-to-end pipeline benchmark: the real app in this process (local mode: API, queue listener, blob endpoint) on
// the embedded store or a fresh Azurite, driven by the real client over loopback HTTP, scoring real CKKS units.
//   test model:  dotnet run -c Release --project bench/IcedServerless.PipelineBench -- [--units 64] [--units-per-shard 16] [--azurite]
//   classifier:  ... -- --model models/pneumoniamnist-28.model.json --data data/pneumoniamnist/pneumoniamnist_28.npz
//                       [--packing throughput|latency] [--images N] [--compression zlib|none|zstd] [--units-per-shard 16] [--azurite]
// Run it under `nice` on a shared machine. It prints a markdown table.
var unitsPerShard = Option("--units-per-shard", 16);
var useAzurite = args.Contains("--azurite");
IWorkload workload = TextOption("--model") is { } modelPath
    ? await ClassifierWorkload.LoadAsync(modelPath, TextOption("--data") ?? throw new ArgumentException("--model needs --data"),
        TextOption("--packing") ?? "throughput", TextOption("--images") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : null,
        Enum.Parse<ComprModeType>(TextOption("--compression") ?? "ZLib", ignoreCase: true))
    : new SlotwiseWorkload(Option("--units", 64));

using var root = new TempDirectory();
await using var azurite = useAzurite ? await AzuriteProcess.StartAsync() : null;
var settings = new Dictionary<string, string?>
{
    ["Iced:Pipeline:UnitsPerShard"] = unitsPerShard.ToString(CultureInfo.InvariantCulture),
    ["Iced:EmbeddedStoreRoot"] = root.Path,
};
if (azurite is not null)
{
    settings["IcedStorage"] = $"DefaultEndpointsProtocol=http;AccountName={StorageConnection.DevelopmentAccountName};"
        + $"AccountKey={StorageConnection.DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{azurite.BlobPort}/{StorageConnection.DevelopmentAccountName};"
        + $"QueueEndpoint=http://127.0.0.1:{azurite.QueuePort}/{StorageConnection.DevelopmentAccountName};";
}

var app = FunctionsApp.Build(new FunctionsAppOptions
{
    ModelCatalog = _ => new ModelCatalog([workload.Model]),
    Settings = settings,
    Url = "http://127.0.0.1:0",
    ConfigureLogging = b => b.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning),
});
await app.StartAsync();
try
{
    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
    var client = new ScoringClient(http, FunctionsApp.ListeningUri(app.Services));
    var keySetId = await client.RegisterKeySetAsync(workload.Model.Plan.ModelId, workload.RelinKeys, workload.GaloisKeys);

    // With the cheap test model a small warm-up job keeps JIT and first-use costs out of the measured one; the
    // classifier's scoring dwarfs them.
    if (workload is SlotwiseWorkload)
    {
        await PipelineRun.ExecuteAsync(client, workload, keySetId, Math.Min(workload.Units, unitsPerShard));
    }

    var run = await PipelineRun.ExecuteAsync(client, workload, keySetId, workload.Units);
    Report.Print(run, workload.Description, useAzurite ? "Azurite" : "embedded store", unitsPerShard);
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
}

int Option(string name, int fallback) => TextOption(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? TextOption(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
