using IcedServerless.Ckks;
using IcedServerless.Inference;

namespace IcedServerless.Functions;

/// <summary>
/// The models the deployed service scores with: the released model files that ship next to the executable
/// (<c>models/*.model.json</c>), each compiled to its throughput and latency plans. The pipeline itself is
/// model-agnostic and reaches them only through <see cref="IModelCatalog"/>.
/// </summary>
public static class ServiceModels
{
    /// <summary>Builds the catalog with contexts created under <paramref name="contextOptions"/>.</summary>
    /// <param name="contextOptions">The CKKS options (parallelism) the scoring gate chose.</param>
    /// <returns>The catalog.</returns>
    public static IModelCatalog Create(CkksContextOptions contextOptions)
    {
        ArgumentNullException.ThrowIfNull(contextOptions);
        return ModelCatalogLoader.Load(ModelCatalogLoader.DefaultDirectory, contextOptions.MaxDegreeOfParallelism);
    }
}
