using IcedServerless.Testing;

namespace IcedServerless.Cli.Tests;

/// <summary>A fresh ICED_HOME and a work folder (inputs, outputs) per test, deleted afterwards.</summary>
public abstract class CliTestFolders : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly TempDirectory _work = new();

    /// <summary>The ICED_HOME of this test's runs.</summary>
    protected string Home => _home.Path;

    /// <summary>Where the test puts its inputs and outputs.</summary>
    protected string Work => _work.Path;

    public void Dispose()
    {
        _home.Dispose();
        _work.Dispose();
        GC.SuppressFinalize(this);
    }
}
