using System.Text.Json;

namespace IcedServerless.Infra.Tests;

/// <summary>
/// The package the host needs: host.json's handler is in the build output and executable, and the package script
/// publishes what the brief requires. (Publishing itself takes about 2 minutes on the CI machine, too slow for a
/// unit test, so the script checks the published layout itself before zipping.)
/// </summary>
public sealed class PackageLayoutTests
{
    private static readonly string s_appRoot = AppContext.BaseDirectory;

    [Fact]
    public void HostJsonHandler_ExistsAndIsExecutable()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_appRoot, "host.json")));
        var description = document.RootElement.GetProperty("customHandler").GetProperty("description");
        var handler = Path.Combine(s_appRoot, description.GetProperty("defaultExecutablePath").GetString()!);

        Assert.True(File.Exists(handler), $"host.json launches {handler}, which the build does not produce.");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(handler).HasFlag(UnixFileMode.UserExecute), $"{handler} is not executable.");
        }
    }

    [Fact]
    public void EveryFunctionFolder_IsCopiedNextToTheHandler()
    {
        var source = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src", "IcedServerless.Functions"))
            .Where(d => File.Exists(Path.Combine(d, "function.json"))).Select(Path.GetFileName).Order().ToArray();

        Assert.NotEmpty(source);
        Assert.All(source, name => Assert.True(File.Exists(Path.Combine(s_appRoot, name!, "function.json")), $"{name}/function.json is not in the output."));
    }

    [Fact]
    public void PackageScript_FindsTheFunctionFoldersItself_SoANewFunctionNeedsNoScriptChange()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "package.sh"));
        var functions = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src", "IcedServerless.Functions"))
            .Where(d => File.Exists(Path.Combine(d, "function.json"))).Select(Path.GetFileName).ToArray();

        Assert.Contains("/src/IcedServerless.Functions/*/function.json", script, StringComparison.Ordinal);
        Assert.All(functions, name => Assert.DoesNotContain(name!, script, StringComparison.Ordinal));
    }

    [Fact]
    public void PackageScript_PublishesSelfContainedReadyToRunForLinuxAndKeepsTheExecutableBit()
    {
        var path = Path.Combine(RepoPaths.Root, "infra", "package.sh");
        var script = File.ReadAllText(path);

        foreach (var part in new[] { "-r linux-x64", "--self-contained true", "-p:PublishReadyToRun=true", "chmod +x", "artifacts/functionapp.zip", "host.json", "function.json" })
        {
            Assert.Contains(part, script, StringComparison.Ordinal);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), "infra/package.sh is not executable.");
        }
    }
}
