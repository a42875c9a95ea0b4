using IcedServerless.Inference.Latency;
using IcedServerless.Inference.Throughput;
using IcedServerless.Model.Serialization;

namespace IcedServerless.Inference;

/// <summary>Builds the service's catalog from released model files: each model in both packings.</summary>
public static class ModelCatalogLoader
{
    /// <summary>The folder, next to the executable, that the service's models ship in.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>
    /// Loads every <c>*.model.json</c> in <paramref name="directory"/> (checksums verified) and compiles it to the
    /// throughput plan (<c>NAME/throughput</c>) and the latency plan (<c>NAME/latency</c>).
    /// </summary>
    /// <param name="directory">The folder of model files.</param>
    /// <param name="maxDegreeOfParallelism">Cores one evaluation may use (-1: all).</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ModelFormatException">A model file is invalid.</exception>
    public static ModelCatalog Load(string directory, int maxDegreeOfParallelism = -1)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"model folder {directory} does not exist");
        }

        var models = new List<IEncryptedModel>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.model.json").Order(StringComparer.Ordinal))
        {
            var model = ModelFileReader.Read(File.ReadAllBytes(file));
            models.Add(new ThroughputEncryptedModel(model, maxDegreeOfParallelism));
            models.Add(new LatencyEncryptedModel(model, maxDegreeOfParallelism));
        }

        return new ModelCatalog(models);
    }
}
