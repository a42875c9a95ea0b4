using System.Globalization;
using IcedServerless.Ckks.Hashing;

namespace IcedServerless.Ckks;

/// <summary>
/// Identifies one level of the modulus-switching chain: the BLAKE2b-256 hash of the scheme, N, the level's primes
/// and the plain modulus, as four 64-bit words (SEAL's <c>parms_id_type</c>).
/// </summary>
public readonly struct ParmsId : IEquatable<ParmsId>
{
    /// <summary>Creates a parms_id from its four words, in serialization order.</summary>
    public ParmsId(ulong word0, ulong word1, ulong word2, ulong word3)
    {
        Word0 = word0;
        Word1 = word1;
        Word2 = word2;
        Word3 = word3;
    }

    /// <summary>The all-zero parms_id (SEAL's marker for a non-NTT plaintext; never a CKKS level).</summary>
    public static ParmsId Zero => default;

    /// <summary>Word 0.</summary>
    public ulong Word0 { get; }

    /// <summary>Word 1.</summary>
    public ulong Word1 { get; }

    /// <summary>Word 2.</summary>
    public ulong Word2 { get; }

    /// <summary>Word 3.</summary>
    public ulong Word3 { get; }

    /// <summary>True for <see cref="Zero"/>.</summary>
    public bool IsZero => (Word0 | Word1 | Word2 | Word3) == 0;

    /// <summary>Computes the parms_id of a CKKS level with the given primes.</summary>
    public static ParmsId Compute(int polyModulusDegree, ReadOnlySpan<ulong> primes)
    {
        Span<ulong> words = stackalloc ulong[primes.Length + 3];
        words[0] = EncryptionParameters.CkksScheme;
        words[1] = (ulong)polyModulusDegree;
        primes.CopyTo(words[2..]);
        words[^1] = 0; // plain_modulus is 0 for CKKS
        Span<ulong> id = stackalloc ulong[4];
        ParmsIdHash.Compute(words, id);
        return new ParmsId(id[0], id[1], id[2], id[3]);
    }

    /// <inheritdoc/>
    public bool Equals(ParmsId other) =>
        Word0 == other.Word0 && Word1 == other.Word1 && Word2 == other.Word2 && Word3 == other.Word3;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ParmsId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Word0, Word1, Word2, Word3);

    /// <summary>Equality.</summary>
    public static bool operator ==(ParmsId left, ParmsId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ParmsId left, ParmsId right) => !left.Equals(right);

    /// <summary>The four words in hexadecimal, as SEAL prints them.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Word0:x16} {Word1:x16} {Word2:x16} {Word3:x16}");
}
