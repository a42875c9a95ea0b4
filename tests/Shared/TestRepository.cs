namespace IcedServerless.Tests.Shared;

/// <summary>
/// Locates files the tests need inside the repository (never outside it). Linked into each test project that
/// reads committed data, so all of them resolve paths the same way.
/// </summary>
internal static class TestRepository
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root: the nearest ancestor of the test binaries holding IcedServerless.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>The committed PneumoniaMNIST 28×28 archive (data/pneumoniamnist/README.md).</summary>
    public static string PneumoniaMnist => Path.Combine(Root, "data", "pneumoniamnist", "pneumoniamnist_28.npz");

    /// <summary>A path relative to the repository root.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "IcedServerless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (IcedServerless.sln) above " + AppContext.BaseDirectory);
    }
}
