using IcedServerless.Inference;

namespace IcedServerless.Client.Workflow;

/// <summary>
/// Picks a model's packing for a number of images when the user names the model without one
/// (<c>pneumoniamnist-28</c> rather than <c>pneumoniamnist-28/latency</c>).
/// </summary>
/// <remarks>
/// The criterion is the bytes the client uploads, which the plans state exactly: a throughput unit costs the same
/// whether it holds 1 or 8,192 images, a latency unit costs the same per image. For the released models the
/// crossover is about 110 images (a 600 MB throughput unit against 5.5 MB per latency image); the service time
/// crosses earlier (about 55 images), so the choice is conservative toward the packing that needs no Galois keys
/// only once the upload also pays off.
/// </remarks>
public static class PackingAdvisor
{
    /// <summary>The plans of <paramref name="model"/> — the exact id if it names a packing, else every packing of it.</summary>
    /// <param name="plans">The service's plans.</param>
    /// <param name="model">A model id (<c>name/packing</c>) or a model name.</param>
    /// <returns>The matching plans (one when the id is exact).</returns>
    /// <exception cref="ModelNotFoundException">Nothing matches.</exception>
    public static IReadOnlyList<ModelPlan> Candidates(IReadOnlyList<ModelPlan> plans, string model)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentException.ThrowIfNullOrEmpty(model);
        var matches = plans.Where(p => p.ModelId == model).ToArray();
        if (matches.Length == 0 && !model.Contains('/', StringComparison.Ordinal))
        {
            matches = plans.Where(p => p.ModelId.StartsWith(model + "/", StringComparison.Ordinal)).ToArray();
        }

        return matches.Length > 0 ? matches : throw new ModelNotFoundException(model, plans.Select(p => p.ModelId));
    }

    /// <summary>The candidate that uploads the fewest bytes for <paramref name="images"/> images (ties: the first).</summary>
    /// <param name="candidates">Packings of one model (<see cref="Candidates"/>).</param>
    /// <param name="images">How many images will be scored (at least 1).</param>
    /// <returns>The plan to use.</returns>
    public static ModelPlan Choose(IReadOnlyList<ModelPlan> candidates, int images)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidates.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(images, 1);
        return candidates.MinBy(p => UploadBytes(p, images))!;
    }

    /// <summary>Bytes of seeded input ciphertexts a client uploads to score <paramref name="images"/> images with a plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="images">How many images.</param>
    /// <returns>The bytes (full units are uploaded even when partly filled).</returns>
    public static long UploadBytes(ModelPlan plan, int images)
    {
        ArgumentNullException.ThrowIfNull(plan);
        long units = (images + plan.ImagesPerUnit - 1) / plan.ImagesPerUnit;
        return units * plan.ImagesPerUnit * plan.UploadBytesPerImage;
    }
}
