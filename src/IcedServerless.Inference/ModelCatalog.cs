namespace IcedServerless.Inference;

/// <summary>An <see cref="IModelCatalog"/> over a fixed list of models.</summary>
public sealed class ModelCatalog : IModelCatalog
{
    private readonly Dictionary<string, IEncryptedModel> _byId = new(StringComparer.Ordinal);

    /// <summary>Creates the catalog.</summary>
    /// <param name="models">The models; ids must be distinct.</param>
    /// <exception cref="ArgumentException">Two models share an id.</exception>
    public ModelCatalog(IEnumerable<IEncryptedModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var plans = new List<ModelPlan>();
        foreach (var model in models)
        {
            ArgumentNullException.ThrowIfNull(model, nameof(models));
            if (!_byId.TryAdd(model.Plan.ModelId, model))
            {
                throw new ArgumentException($"Two models have the id '{model.Plan.ModelId}'.", nameof(models));
            }

            plans.Add(model.Plan);
        }

        Plans = plans;
    }

    /// <inheritdoc />
    public IReadOnlyList<ModelPlan> Plans { get; }

    /// <inheritdoc />
    public IEncryptedModel? Find(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        return _byId.GetValueOrDefault(modelId);
    }
}
