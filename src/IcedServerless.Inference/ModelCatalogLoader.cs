using System.Runtime.ExceptionServices;
using IcedServerless.Inference.Latency;
using IcedServerless.Inference.Lowering;
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

        var files = Directory.EnumerateFiles(directory, "*.model.json").Order(StringComparer.Ordinal).ToArray();
        // Two plans per file, built in parallel (start-up latency; each plan is independent) but listed in a stable
        // order: by file name, throughput before latency.
        var models = new IEncryptedModel[2 * files.Length];
        try
        {
            Parallel.For(0, files.Length, i =>
            {
                var model = ModelFileReader.Read(File.ReadAllBytes(files[i]));
                // Lowering (probing the layers with a forward pass per pixel) is most of a plan's cost: once per file.
                var network = LoweredNetwork.Lower(model.Network);
                Parallel.Invoke(
                    () => models[2 * i] = new ThroughputEncryptedModel(model, network, maxDegreeOfParallelism),
                    () => models[(2 * i) + 1] = new LatencyEncryptedModel(model, network, maxDegreeOfParallelism));
            });
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions is [var first, ..])
        {
            // Callers expect the documented exception (a bad file), not the parallel loop's wrapper.
            ExceptionDispatchInfo.Throw(first);
        }

        return new ModelCatalog(models);
    }
}
