using System.Text.Json;
using IcedServerless.Functions.Configuration;
using Microsoft.Extensions.Configuration;

namespace IcedServerless.Infra.Tests;

/// <summary>
/// Every setting the app reads appears in the Bicep app settings (those it reads under the Functions host) and in
/// local.settings.sample.json (all of them), and neither lists a setting that nothing reads.
/// </summary>
public sealed class AppSettingsTests
{
    // Read by StorageSettings (see StorageSettingsKeys_AreReadByTheApp for the proof).
    private static readonly string[] s_identityStorageKeys =
        ["IcedStorage__blobServiceUri", "IcedStorage__queueServiceUri", "IcedStorage__credential", "IcedStorage__clientId"];

    // Read only in local mode, or to select Azurite or the embedded store: never in Azure.
    private static readonly string[] s_localOnlyStorageKeys = ["IcedStorage", "Iced__EmbeddedStoreRoot"];

    // Read by the Functions host itself, not by the app.
    private static readonly string[] s_hostPrefixes = ["AzureWebJobsStorage__", "APPLICATIONINSIGHTS_"];

    private static IEnumerable<string> Keys(string section, Type options) =>
        options.GetProperties().Where(p => p.SetMethod is not null).Select(p => section.Replace(":", "__", StringComparison.Ordinal) + "__" + p.Name);

    private static IEnumerable<string> PipelineKeys => Keys(PipelineOptions.Section, typeof(PipelineOptions));

    private static IEnumerable<string> LocalKeys => Keys(LocalModeOptions.Section, typeof(LocalModeOptions));

    [Fact]
    public void BicepAppSettings_AreExactlyWhatTheAppReadsUnderTheHost_PlusHostSettings()
    {
        var bicep = BicepFile.Load(Path.Combine(RepoPaths.Root, "infra", "modules", "functionapp.bicep")).ArrayNames("appSettings");
        var appSettings = bicep.Where(k => !s_hostPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).Order();

        Assert.Equal(PipelineKeys.Concat(s_identityStorageKeys).Order(), appSettings);
        Assert.Equal(bicep.Count, bicep.Distinct().Count());
        Assert.Contains("AzureWebJobsStorage__credential", bicep);
        // Flex Consumption rejects these: the runtime comes from functionAppConfig.
        Assert.DoesNotContain(bicep, k => k is "FUNCTIONS_WORKER_RUNTIME" or "FUNCTIONS_EXTENSION_VERSION" or "WEBSITE_RUN_FROM_PACKAGE" or "AzureWebJobsStorage");
    }

    [Fact]
    public void LocalSettingsSample_ListsEverySettingTheAppReads_AndOnlyThose()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.sample.json")));
        var sample = document.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToArray();
        var host = new[] { "FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage" };

        Assert.Equal(PipelineKeys.Concat(LocalKeys).Concat(s_identityStorageKeys).Concat(s_localOnlyStorageKeys).Concat(host).Order(), sample.Order());
    }

    [Fact]
    public void StorageSettingsKeys_AreReadByTheApp()
    {
        // Each key listed above changes what StorageSettings.From returns, so the lists cannot go stale silently.
        static StorageSettings Read(params (string Key, string Value)[] values) => StorageSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value))).Build());

        var identity = Read(("IcedStorage__blobServiceUri", "https://a.blob.core.windows.net/"), ("IcedStorage__queueServiceUri", "https://a.queue.core.windows.net/"),
            ("IcedStorage__credential", "managedidentity"), ("IcedStorage__clientId", "00000000-0000-0000-0000-000000000001"));
        Assert.False(identity.IsEmbedded);
        Assert.Throws<FormatException>(() => Read(("IcedStorage__blobServiceUri", "https://a.blob.core.windows.net/")));
        Assert.Throws<FormatException>(() => Read(("IcedStorage__queueServiceUri", "https://a.queue.core.windows.net/")));
        Assert.Throws<FormatException>(() => Read(("IcedStorage__blobServiceUri", "https://a.blob.core.windows.net/"), ("IcedStorage__queueServiceUri", "https://a.queue.core.windows.net/"), ("IcedStorage__credential", "key")));
        Assert.False(Read(("IcedStorage", "UseDevelopmentStorage=true")).IsEmbedded);
        Assert.Equal("elsewhere", Read(("Iced__EmbeddedStoreRoot", "elsewhere")).EmbeddedRoot);
    }
}
