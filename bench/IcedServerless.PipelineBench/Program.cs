using System.Globalization;
using IcedServerless.Client;
using IcedServerless.Functions;
using IcedServerless.Inference;
using IcedServerless.PipelineBench;
using IcedServerless.Testing;
using IcedServerless.Testing.Models;
using Microsoft.Extensions.Logging;

// End-to-end pipeline benchmark: the real app in this process (local mode: API, queue listener, blob endpoint) on
// the embedded store or a fresh Azurite, driven by the real client over loopback HTTP, scoring real CKKS units.
//   dotnet run -c Release --project bench/IcedServerless.PipelineBench -- [--units 32] [--units-per-shard 16] [--azurite]
// Run it under `nice` on a shared machine. It prints a markdown table.
var units = Option("--units", 32);
var unitsPerShard = Option("--units-per-shard", 16);
var useAzurite = args.Contains("--azurite");

using var root = new TempDirectory();
await using var azurite = useAzurite ? await AzuriteProcess.StartAsync() : null;
var crypto = TestClientCrypto.Shared;
var settings = new Dictionary<string, string?>
{
    ["Iced:Pipeline:UnitsPerShard"] = unitsPerShard.ToString(CultureInfo.InvariantCulture),
    ["Iced:EmbeddedStoreRoot"] = root.Path,
};
if (azurite is not null)
{
    settings["IcedStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={IcedServerless.Storage.StorageConnection.DevelopmentAccountKey};"
        + $"BlobEndpoint=http://127.0.0.1:{azurite.BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{azurite.QueuePort}/devstoreaccount1;";
}

var app = FunctionsApp.Build(new FunctionsAppOptions
{
    ModelCatalog = _ => new ModelCatalog([crypto.Model]),
    Settings = settings,
    Url = "http://127.0.0.1:0",
    ConfigureLogging = b => b.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning),
});
await app.StartAsync();
try
{
    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
    var client = new ScoringClient(http, FunctionsApp.ListeningUri(app.Services));
    var keySetId = await client.RegisterKeySetAsync(crypto.Model.Plan.ModelId, crypto.RelinKeys, crypto.GaloisKeys);

    // A small warm-up job first, so JIT compilation and first-use costs stay out of the measured one.
    await PipelineRun.ExecuteAsync(client, crypto, keySetId, Math.Min(units, unitsPerShard), seed: 1);
    var run = await PipelineRun.ExecuteAsync(client, crypto, keySetId, units, seed: 1000);
    Report.Print(run, useAzurite ? "Azurite" : "embedded store", unitsPerShard);
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
