using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.Local;
using Microsoft.Extensions.Configuration;

namespace IcedServerless.Functions.Tests.Local;

/// <summary>local.settings.sample.json at the repository root lists every setting, with the defaults, and runs as is.</summary>
public sealed class LocalSettingsSampleTests
{
    private static readonly IConfiguration s_sample = new ConfigurationBuilder()
        .Add(LocalSettingsFile.Source(Path.Combine(RepoPaths.Root, "local.settings.sample.json")))
        .Build();

    [Fact]
    public void Sample_ListsEveryPipelineAndLocalSetting()
    {
        foreach (var (section, type) in new[] { (PipelineOptions.Section, typeof(PipelineOptions)), (LocalModeOptions.Section, typeof(LocalModeOptions)) })
        {
            var settable = type.GetProperties().Where(p => p.SetMethod is not null).Select(p => p.Name);
            Assert.Equal(settable.Order(), s_sample.GetSection(section).GetChildren().Select(c => c.Key).Order());
        }
    }

    [Fact]
    public void Sample_BindsToTheDefaultsAndSelectsTheEmbeddedStore()
    {
        Assert.Equal(new PipelineOptions(), s_sample.GetSection(PipelineOptions.Section).Get<PipelineOptions>());
        var local = s_sample.GetSection(LocalModeOptions.Section).Get<LocalModeOptions>()!;
        Assert.Equal((null, null, new LocalModeOptions().LeaseVisibility), (local.RequiredFunctionKey, local.PublicBase, local.LeaseVisibility));
        var storage = StorageSettings.From(s_sample);
        Assert.True(storage.IsEmbedded);
        Assert.Equal(".iced/store", storage.EmbeddedRoot);
    }

    [Fact]
    public void Read_MapsDoubleUnderscoreToSectionsAndIgnoresAMissingFile()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "local.settings.json");
        File.WriteAllText(path, """{"Values":{"Iced__Pipeline__UnitsPerShard":3,"IcedStorage":"UseDevelopmentStorage=true"}}""");

        var values = LocalSettingsFile.Read(path);

        Assert.Equal("3", values["Iced:Pipeline:UnitsPerShard"]);
        Assert.Equal("UseDevelopmentStorage=true", values["IcedStorage"]);
        Assert.Empty(LocalSettingsFile.Read(Path.Combine(directory.Path, "absent.json")));
    }
}
