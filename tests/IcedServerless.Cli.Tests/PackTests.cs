using System.Diagnostics;
using System.IO.Compression;
using IcedServerless.Testing;
using IcedServerless.Tests.Shared;

namespace IcedServerless.Cli.Tests;

/// <summary>The dotnet tool package carries the command, the service's files, the models and the bundled data.</summary>
public sealed class PackTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    // Building this test project built the CLI in the same configuration (a project reference), so packing
    // reuses that build: seconds instead of minutes.
    [Fact]
    public async Task Pack_produces_a_tool_package_with_models_data_and_the_service_layout()
    {
        using var output = new TempDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "pack", TestRepository.File("src", "IcedServerless.Cli", "IcedServerless.Cli.csproj"), "-c", Configuration, "--no-build", "-o", output.Path, "-nodeReuse:false" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(process.ExitCode == 0, await stdout + await stderr);

        var package = Path.Combine(output.Path, "IcedServerless.Cli.0.1.0.nupkg");
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        const string tool = "tools/net10.0/any/";
        Assert.Contains(tool + "DotnetToolSettings.xml", entries);
        Assert.Contains(tool + "iced.dll", entries);
        Assert.Contains(tool + "models/pneumoniamnist-28.model.json", entries);
        Assert.Contains(tool + "models/covid-cxr-28.model.json", entries);
        Assert.Contains(tool + "data/pneumoniamnist/pneumoniamnist_28.npz", entries);
        Assert.Contains(tool + "data/pneumoniamnist/README.md", entries);
        Assert.Contains(tool + "host.json", entries);
        Assert.Contains(tool + "ScoreShard/function.json", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains(tool + "IcedServerless.Functions.dll", entries);

        using var settings = new StreamReader(zip.GetEntry(tool + "DotnetToolSettings.xml")!.Open());
        Assert.Contains("<Command Name=\"iced\" EntryPoint=\"iced.dll\"", await settings.ReadToEndAsync(), StringComparison.Ordinal);
    }
}
