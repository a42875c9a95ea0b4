using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Model.Inference;

namespace IcedServerless.Inference;

/// <summary>How a model's inputs are laid out in ciphertext slots.</summary>
public enum Packing
{
    /// <summary>Low latency: each input unit is one image spread over a few ciphertexts (needs Galois keys).</summary>
    Latency,

    /// <summary>High throughput: slot j of ciphertext i holds pixel i of image j (no rotations, no Galois keys).</summary>
    Throughput,
}

/// <summary>
/// What a client needs to encrypt for a model, published by the service: CKKS parameters, scale, the keys to send,
/// and the layout of an input unit. Any SEAL client can follow it.
/// </summary>
/// <param name="ModelId">The model's id, e.g. <c>pneumoniamnist-28/throughput</c>.</param>
/// <param name="Packing">The packing.</param>
/// <param name="PolyModulusDegree">N.</param>
/// <param name="CoeffModulusBits">Bit sizes for SEAL's <c>CoeffModulus.Create</c>.</param>
/// <param name="EncryptionParameters">SEAL-serialized EncryptionParameters (uncompressed).</param>
/// <param name="InputScale">The scale at which clients encode inputs.</param>
/// <param name="InputLevel">Chain index at which inputs must be encoded (normally the first data level).</param>
/// <param name="Depth">Multiplicative depth of the evaluation (levels consumed).</param>
/// <param name="NeedsRelinKeys">True when the client must register relinearization keys.</param>
/// <param name="RotationSteps">Rotation steps whose Galois keys the client must register (empty for none).</param>
/// <param name="InputCiphertextsPerUnit">Ciphertexts in one input unit (an image, or a batch of images).</param>
/// <param name="ImagesPerUnit">Images one input unit holds.</param>
/// <param name="OutputCiphertextsPerUnit">Ciphertexts the service returns per unit.</param>
/// <param name="Layout">Human-readable description of the slot layout of inputs and outputs.</param>
/// <param name="ImageSize">Side of the (square) preprocessed input image.</param>
/// <param name="ClassNames">The output classes, in logit order.</param>
public sealed record ModelPlan(
    string ModelId,
    Packing Packing,
    int PolyModulusDegree,
    IReadOnlyList<int> CoeffModulusBits,
    byte[] EncryptionParameters,
    double InputScale,
    int InputLevel,
    int Depth,
    bool NeedsRelinKeys,
    IReadOnlyList<int> RotationSteps,
    int InputCiphertextsPerUnit,
    int ImagesPerUnit,
    int OutputCiphertextsPerUnit,
    string Layout,
    int ImageSize,
    IReadOnlyList<string> ClassNames)
{
    /// <summary>
    /// Latency packing only: the gather table of the first layer. Term t of row r reads pixel
    /// <c>InputGather[t·GatherRows + r]</c> (−1 means 0); the term lives in ciphertext <c>t / blocks</c>, block
    /// <c>t mod blocks</c>, slot <c>block·GatherBlockSize + r</c>, where blocks = N/2 / GatherBlockSize.
    /// </summary>
    public IReadOnlyList<int>? InputGather { get; init; }

    /// <summary>
    /// The model's preprocessing (the exact function training used), so a client turns its images into the inputs the
    /// plan expects. Null only for plans not built from a released classifier.
    /// </summary>
    public PreprocessingSpec? Preprocessing { get; init; }

    /// <summary>How the client turns decrypted class probabilities into a diagnosis; null means the most probable class.</summary>
    public DecisionRule? Decision { get; init; }

    /// <summary>Latency packing only: rows of the first layer (slots used per block).</summary>
    public int GatherRows { get; init; }

    /// <summary>Latency packing only: slots per block (a power of two ≥ <see cref="GatherRows"/>).</summary>
    public int GatherBlockSize { get; init; }

    /// <summary>
    /// Uncompressed bytes a client uploads per image when the unit is full, with seeded (symmetric) ciphertexts:
    /// each is SEAL's 194-byte envelope plus one polynomial over the input level's primes.
    /// </summary>
    public long UploadBytesPerImage =>
        (long)Math.Ceiling(InputCiphertextsPerUnit * (194.0 + (8.0 * PolyModulusDegree * (InputLevel + 1))) / ImagesPerUnit);
}
