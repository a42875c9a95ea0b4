using IcedServerless.Ckks;

namespace IcedServerless.Inference;

/// <summary>The evaluation keys a client registered for a model, loaded and validated.</summary>
/// <param name="RelinKeys">Relinearization keys, if the plan needs them.</param>
/// <param name="GaloisKeys">Galois keys for the plan's rotation steps, if any.</param>
public sealed record EvaluationKeys(RelinKeys? RelinKeys, GaloisKeys? GaloisKeys);

/// <summary>
/// A classifier compiled to a homomorphic evaluation plan. Thread-safe: the pipeline scores many units at once.
/// </summary>
public interface IEncryptedModel
{
    /// <summary>The published plan.</summary>
    ModelPlan Plan { get; }

    /// <summary>The CKKS context of the plan.</summary>
    CkksContext Context { get; }

    /// <summary>
    /// Loads and validates evaluation keys (SEAL bytes, full or seeded, any compression) for this model; throws
    /// <see cref="Ckks.Serialization.SealFormatException"/> for bad bytes and <see cref="ArgumentException"/> when a
    /// needed key is missing.
    /// </summary>
    EvaluationKeys LoadKeys(ReadOnlyMemory<byte>? relinKeys, ReadOnlyMemory<byte>? galoisKeys);

    /// <summary>
    /// Scores one input unit: <see cref="ModelPlan.InputCiphertextsPerUnit"/> ciphertexts in, the encrypted logits
    /// (<see cref="ModelPlan.OutputCiphertextsPerUnit"/> ciphertexts) out. Throws <see cref="ArgumentException"/> for
    /// ciphertexts of the wrong count, level or scale.
    /// </summary>
    IReadOnlyList<Ciphertext> Evaluate(IReadOnlyList<Ciphertext> unit, EvaluationKeys keys, CancellationToken cancellationToken = default);
}
