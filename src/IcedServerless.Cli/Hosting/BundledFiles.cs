using IcedServerless.Inference;

namespace IcedServerless.Cli.Hosting;

/// <summary>
/// Files that ship with <c>iced</c>: the released models and the PneumoniaMNIST archive. Both are copied next to
/// the executable (build output and the dotnet tool package alike); from a source checkout the repository's
/// <c>data/</c> folder is found too, by walking up from the executable.
/// </summary>
internal static class BundledFiles
{
    public const string PneumoniaMnistRelative = "data/pneumoniamnist/pneumoniamnist_28.npz";

    /// <summary>The released model file named by a model id (<c>NAME</c> or <c>NAME/packing</c>).</summary>
    /// <exception cref="UserFacingException">No such model ships with iced.</exception>
    public static string ModelFile(string modelId)
    {
        var name = modelId.Split('/')[0];
        var path = Path.Combine(ModelCatalogLoader.DefaultDirectory, name + ".model.json");
        if (name.Length == 0 || name.IndexOfAny(['\\', '.', ':']) >= 0 || !File.Exists(path))
        {
            var known = Directory.Exists(ModelCatalogLoader.DefaultDirectory)
                ? string.Join(", ", Directory.EnumerateFiles(ModelCatalogLoader.DefaultDirectory, "*.model.json").Select(f => Path.GetFileName(f)[..^".model.json".Length]).Order(StringComparer.Ordinal))
                : "none";
            throw new UserFacingException($"Unknown model '{modelId}' (released models: {known}); `iced models` lists the ids.");
        }

        return path;
    }

    /// <summary>The bundled PneumoniaMNIST 28×28 archive.</summary>
    /// <exception cref="UserFacingException">It is in neither place.</exception>
    public static string PneumoniaMnist()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, PneumoniaMnistRelative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new UserFacingException($"The bundled PneumoniaMNIST archive ({PneumoniaMnistRelative}) was not found next to iced; pass --data PATH.");
    }
}
