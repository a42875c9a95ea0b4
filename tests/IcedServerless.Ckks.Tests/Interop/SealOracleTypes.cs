namespace IcedServerless.Ckks.Tests.Interop;

/// <summary>Compression of SEAL's serialized objects (the header's compr_mode).</summary>
public enum SealCompression
{
    /// <summary>Uncompressed (mode 0).</summary>
    None,

    /// <summary>zlib / RFC 1950 (mode 1).</summary>
    Zlib,

    /// <summary>Zstandard (mode 2), node-seal's default.</summary>
    Zstd,
}

/// <summary>Whether and how the oracle creates a key.</summary>
public enum SealKeyForm
{
    /// <summary>Do not create the key.</summary>
    None,

    /// <summary>Full form: both polynomials of every key ciphertext.</summary>
    Full,

    /// <summary>Seeded form (SEAL's Serializable): the uniform polynomial replaced by its PRNG seed.</summary>
    Seeded,
}

/// <summary>The security level the oracle's SEAL context enforces.</summary>
public enum SealSecurity
{
    /// <summary>No check (SEAL's sec_level_type::none).</summary>
    None,

    /// <summary>128-bit classical security (HomomorphicEncryption.org table).</summary>
    Tc128,

    /// <summary>192-bit classical security.</summary>
    Tc192,

    /// <summary>256-bit classical security.</summary>
    Tc256,
}

/// <summary>The SEAL object types the oracle can load and re-save.</summary>
public enum SealObjectKind
{
    /// <summary>A Ciphertext at a data level (full or seeded form).</summary>
    Ciphertext,

    /// <summary>A Plaintext at a data level.</summary>
    Plaintext,

    /// <summary>A PublicKey (key level, full or seeded).</summary>
    PublicKey,

    /// <summary>A SecretKey (key level).</summary>
    SecretKey,

    /// <summary>RelinKeys (key-switching keys for s²).</summary>
    RelinKeys,

    /// <summary>GaloisKeys (key-switching keys per Galois element).</summary>
    GaloisKeys,

    /// <summary>EncryptionParameters (no context needed).</summary>
    EncryptionParameters,
}

/// <summary>The SEAL Evaluator operations the oracle applies.</summary>
public enum SealEvalOp
{
    /// <summary>a + b.</summary>
    Add,

    /// <summary>a - b.</summary>
    Sub,

    /// <summary>-a.</summary>
    Negate,

    /// <summary>a · b (size grows to 3).</summary>
    Multiply,

    /// <summary>a · a.</summary>
    Square,

    /// <summary>Relinearize a with RelinKeys.</summary>
    Relinearize,

    /// <summary>Divide by the last prime and drop it.</summary>
    RescaleToNext,

    /// <summary>Drop the last prime of a ciphertext (A) or of a plaintext (Plain).</summary>
    ModSwitchToNext,

    /// <summary>a + plain.</summary>
    AddPlain,

    /// <summary>a - plain.</summary>
    SubPlain,

    /// <summary>a · plain.</summary>
    MultiplyPlain,

    /// <summary>Rotate slots by Steps (slot i takes slot i + Steps).</summary>
    RotateVector,

    /// <summary>Complex conjugation (Galois element 2N-1).</summary>
    ComplexConjugate,

    /// <summary>Apply the automorphism of GaloisElt.</summary>
    ApplyGalois,
}

/// <summary>A context the oracle created; later requests name it by <see cref="Id"/>.</summary>
/// <param name="Id">The oracle's context id.</param>
/// <param name="N">poly_modulus_degree.</param>
/// <param name="Primes">q_0 … q_{K-1}; the last is the special prime.</param>
/// <param name="ChainIndexes">Chain index of each level, key level (K-1) first, down to 0.</param>
/// <param name="ParmsIds">The parms_id (4 words) of each level, in the order of <paramref name="ChainIndexes"/>.</param>
/// <param name="Parms">SEAL's serialized EncryptionParameters (uncompressed).</param>
public sealed record SealContext(
    string Id, int N, IReadOnlyList<ulong> Primes, IReadOnlyList<int> ChainIndexes, IReadOnlyList<ulong[]> ParmsIds, byte[] Parms)
{
    /// <summary>The number of real slots, N/2.</summary>
    public int Slots => N / 2;

    /// <summary>The parms_id of the level with the given chain index.</summary>
    public ulong[] ParmsIdAt(int chainIndex)
    {
        var position = ChainIndexes.ToList().IndexOf(chainIndex);
        return position >= 0 ? ParmsIds[position] : throw new ArgumentOutOfRangeException(nameof(chainIndex), chainIndex, "No such level.");
    }
}

/// <summary>What the oracle's keygen creates.</summary>
public sealed record SealKeyGenOptions
{
    /// <summary>An existing SecretKey to derive the keys from; null for a fresh one.</summary>
    public byte[]? SecretKey { get; init; }

    /// <summary>The public key's form.</summary>
    public SealKeyForm PublicKey { get; init; } = SealKeyForm.Full;

    /// <summary>The relinearization keys' form.</summary>
    public SealKeyForm RelinKeys { get; init; } = SealKeyForm.None;

    /// <summary>Rotation steps for Galois keys (0 = conjugation, empty = SEAL's default set); null for none.</summary>
    public IReadOnlyList<int>? GaloisSteps { get; init; }

    /// <summary>The Galois keys' form (when <see cref="GaloisSteps"/> is set).</summary>
    public SealKeyForm GaloisKeys { get; init; } = SealKeyForm.Full;

    /// <summary>Compression of every returned key.</summary>
    public SealCompression Compression { get; init; } = SealCompression.None;
}

/// <summary>Serialized keys from the oracle's keygen.</summary>
/// <param name="SecretKey">The SecretKey.</param>
/// <param name="PublicKey">The PublicKey, if requested.</param>
/// <param name="RelinKeys">The RelinKeys, if requested.</param>
/// <param name="GaloisKeys">The GaloisKeys, if requested.</param>
/// <param name="GaloisElements">The Galois elements the Galois keys cover.</param>
public sealed record SealKeySet(byte[] SecretKey, byte[]? PublicKey, byte[]? RelinKeys, byte[]? GaloisKeys, IReadOnlyList<int> GaloisElements);

/// <summary>Operands of an <see cref="SealEvalOp"/>; each op uses the ones it needs.</summary>
public sealed record SealEvalArgs
{
    /// <summary>The first ciphertext.</summary>
    public byte[]? A { get; init; }

    /// <summary>The second ciphertext.</summary>
    public byte[]? B { get; init; }

    /// <summary>The plaintext operand.</summary>
    public byte[]? Plain { get; init; }

    /// <summary>RelinKeys for relinearize.</summary>
    public byte[]? RelinKeys { get; init; }

    /// <summary>GaloisKeys for rotations, conjugation and applyGalois.</summary>
    public byte[]? GaloisKeys { get; init; }

    /// <summary>Rotation steps for rotateVector.</summary>
    public int? Steps { get; init; }

    /// <summary>Galois element for applyGalois.</summary>
    public int? GaloisElt { get; init; }
}
