namespace IcedServerless.Testing;

/// <summary>Locates files the tests need inside the repository (never outside it).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root: the nearest ancestor of the test binaries holding IcedServerless.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>The Azurite launcher installed by <c>npm ci</c> (pinned in package-lock.json).</summary>
    public static string Azurite => Path.Combine(Root, "node_modules", ".bin", "azurite");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IcedServerless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (IcedServerless.sln) above " + AppContext.BaseDirectory);
    }
}
