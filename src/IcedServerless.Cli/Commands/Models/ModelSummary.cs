using IcedServerless.Inference;

namespace IcedServerless.Cli.Commands.Models;

/// <summary>The fields of a published plan a user chooses a model by (the <c>iced models --json</c> entries).</summary>
internal sealed record ModelSummary(
    string ModelId,
    Packing Packing,
    IReadOnlyList<string> ClassNames,
    int ImageSize,
    int PolyModulusDegree,
    IReadOnlyList<int> CoeffModulusBits,
    int Depth,
    int ImagesPerUnit,
    int InputCiphertextsPerUnit,
    int OutputCiphertextsPerUnit,
    bool NeedsRelinKeys,
    IReadOnlyList<int> RotationSteps,
    long EvaluationKeyBytesEstimate,
    long UploadBytesPerImage)
{
    public static ModelSummary From(ModelPlan plan) => new(
        plan.ModelId, plan.Packing, plan.ClassNames, plan.ImageSize, plan.PolyModulusDegree, plan.CoeffModulusBits, plan.Depth,
        plan.ImagesPerUnit, plan.InputCiphertextsPerUnit, plan.OutputCiphertextsPerUnit, plan.NeedsRelinKeys, plan.RotationSteps,
        EstimateKeyBytes(plan), plan.UploadBytesPerImage);

    /// <summary>
    /// Seeded evaluation keys a client uploads once per key set, from the plan alone (no key generation): every
    /// key-switching key (relinearization, and one Galois key per rotation step) holds one component per data prime,
    /// each a seeded ciphertext — one polynomial of N 8-byte words per prime of the whole chain. Envelopes are ignored.
    /// </summary>
    public static long EstimateKeyBytes(ModelPlan plan)
    {
        var primes = (long)plan.CoeffModulusBits.Count;
        var keys = (plan.NeedsRelinKeys ? 1L : 0L) + plan.RotationSteps.Count;
        return keys * (primes - 1) * primes * plan.PolyModulusDegree * 8;
    }
}
