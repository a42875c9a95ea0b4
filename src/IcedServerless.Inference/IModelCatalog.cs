namespace IcedServerless.Inference;

/// <summary>
/// The models a service instance can score with: their published plans, and each compiled model by id. The
/// pipeline resolves every job and key set through this seam; implementations are thread-safe and immutable.
/// </summary>
public interface IModelCatalog
{
    /// <summary>The plans of every model, in a stable order (the order <c>GET /api/models</c> lists them).</summary>
    IReadOnlyList<ModelPlan> Plans { get; }

    /// <summary>Finds a model by its <see cref="ModelPlan.ModelId"/> (ordinal comparison).</summary>
    /// <param name="modelId">The model id.</param>
    /// <returns>The model, or <see langword="null"/> when the catalog has none by that id.</returns>
    IEncryptedModel? Find(string modelId);
}
