using IcedServerless.Ckks.IO;
using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks;

/// <summary>
/// CKKS encryption parameters: the polynomial modulus degree N and the coefficient modulus (a list of primes whose
/// last element is the special key-switching prime). A light value bag, as SEAL's <c>EncryptionParameters</c>;
/// <see cref="CkksContext"/> validates it and precomputes everything.
/// </summary>
public sealed class EncryptionParameters : IEquatable<EncryptionParameters>
{
    /// <summary>SEAL's scheme byte for CKKS.</summary>
    public const byte CkksScheme = 2;

    /// <summary>The largest N SEAL accepts (2^17).</summary>
    public const int MaxPolyModulusDegree = 131072;

    /// <summary>The largest number of primes SEAL accepts.</summary>
    public const int MaxCoeffModulusCount = 256;

    private readonly ulong[] _coeffModulus;

    /// <summary>Creates parameters from N and explicit primes (validated by <see cref="CkksContext"/>).</summary>
    public EncryptionParameters(int polyModulusDegree, IEnumerable<ulong> coeffModulus)
    {
        ArgumentNullException.ThrowIfNull(coeffModulus);
        PolyModulusDegree = polyModulusDegree;
        _coeffModulus = coeffModulus.ToArray();
        if (_coeffModulus.Length is 0 or > MaxCoeffModulusCount)
        {
            throw new ArgumentException(
                $"the coefficient modulus must have 1 to {MaxCoeffModulusCount} primes, not {_coeffModulus.Length}",
                nameof(coeffModulus));
        }
    }

    /// <summary>
    /// Creates parameters with primes chosen by <see cref="Ckks.CoeffModulus.Create"/>, e.g.
    /// <c>Create(8192, 60, 40, 40, 60)</c>.
    /// </summary>
    public static EncryptionParameters Create(int polyModulusDegree, params int[] coeffModulusBitSizes) =>
        new(polyModulusDegree, Ckks.CoeffModulus.Create(polyModulusDegree, coeffModulusBitSizes));

    /// <summary>N, the polynomial modulus degree.</summary>
    public int PolyModulusDegree { get; }

    /// <summary>The primes q_0 … q_{K-1}; the last is the special prime.</summary>
    public IReadOnlyList<ulong> CoeffModulus => _coeffModulus;

    internal ReadOnlySpan<ulong> CoeffModulusSpan => _coeffModulus;

    /// <summary>The parms_id of the key level (all primes).</summary>
    public ParmsId ParmsId => ParmsId.Compute(PolyModulusDegree, _coeffModulus);

    /// <summary>Serializes in SEAL's format (scheme, N, primes, plain modulus 0).</summary>
    public byte[] Save(ComprModeType compression = ComprModeType.None) =>
        SealObjectIO.Save(WriteMembers, 64 + (24L * _coeffModulus.Length), compression);

    /// <summary>Loads SEAL-serialized parameters; only CKKS is accepted.</summary>
    /// <exception cref="SealFormatException">The bytes are not valid CKKS parameters.</exception>
    public static EncryptionParameters Load(ReadOnlyMemory<byte> data) =>
        SealObjectIO.Load(data, 64 + (24L * MaxCoeffModulusCount), "EncryptionParameters", ReadMembers);

    internal void WriteMembers(SealWriter writer)
    {
        writer.WriteByte(CkksScheme);
        writer.WriteUInt64((ulong)PolyModulusDegree);
        writer.WriteUInt64((ulong)_coeffModulus.Length);
        foreach (var q in _coeffModulus)
        {
            SealNested.WriteModulus(writer, q);
        }

        SealNested.WriteModulus(writer, 0);
    }

    internal static EncryptionParameters ReadMembers(ref SealReader reader)
    {
        var scheme = reader.ReadByte("EncryptionParameters.scheme");
        if (scheme != CkksScheme)
        {
            throw new SealFormatException($"EncryptionParameters.scheme is {scheme}; only CKKS ({CkksScheme}) is supported");
        }

        var n = reader.ReadUInt64("EncryptionParameters.poly_modulus_degree");
        if (n < 2 || n > MaxPolyModulusDegree || (n & (n - 1)) != 0)
        {
            throw new SealFormatException($"EncryptionParameters.poly_modulus_degree {n} is not a power of two in [2, {MaxPolyModulusDegree}]");
        }

        var count = reader.ReadUInt64("EncryptionParameters.coeff_modulus count");
        if (count is 0 or > MaxCoeffModulusCount)
        {
            throw new SealFormatException($"EncryptionParameters has {count} coefficient primes; allowed 1 to {MaxCoeffModulusCount}");
        }

        var primes = new ulong[count];
        for (var i = 0; i < primes.Length; i++)
        {
            primes[i] = SealNested.ReadModulus(ref reader);
            if (primes[i] < 2)
            {
                throw new SealFormatException($"EncryptionParameters.coeff_modulus[{i}] is {primes[i]}");
            }
        }

        var plain = SealNested.ReadModulus(ref reader);
        if (plain != 0)
        {
            throw new SealFormatException($"EncryptionParameters.plain_modulus is {plain}; CKKS requires 0");
        }

        return new EncryptionParameters((int)n, primes);
    }

    /// <inheritdoc/>
    public bool Equals(EncryptionParameters? other) =>
        other is not null && PolyModulusDegree == other.PolyModulusDegree &&
        _coeffModulus.AsSpan().SequenceEqual(other._coeffModulus);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EncryptionParameters);

    /// <inheritdoc/>
    public override int GetHashCode() => ParmsId.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() =>
        $"CKKS N={PolyModulusDegree}, primes=[{string.Join(", ", _coeffModulus)}]";
}
