using System.Buffers.Binary;

namespace IcedServerless.Ckks.Hashing;

/// <summary>SEAL's parms_id (seal-compat.md §1.6): BLAKE2b-256 of the parameter words, read back as four LE words.</summary>
public static class ParmsIdHash
{
    /// <summary>Number of words in a parms_id.</summary>
    public const int WordCount = 4;

    private const int DigestBytes = WordCount * sizeof(ulong);

    /// <summary>Hashes <paramref name="words"/> (for CKKS: <c>[2, N, q_0 … q_{k−1}, 0]</c>) into a parms_id.</summary>
    /// <param name="words">The parameter words, each hashed as 8 little-endian bytes.</param>
    /// <param name="parmsId4">Receives the four parms_id words.</param>
    /// <exception cref="ArgumentException"><paramref name="parmsId4"/> does not have exactly four words.</exception>
    public static void Compute(ReadOnlySpan<ulong> words, Span<ulong> parmsId4)
    {
        if (parmsId4.Length != WordCount)
        {
            throw new ArgumentException($"A parms_id has {WordCount} words, not {parmsId4.Length}.", nameof(parmsId4));
        }

        // Word by word keeps the byte order explicit on any platform; parms_ids are computed once per level.
        var state = default(Blake2bState);
        state.Init(new Blake2bParameters(DigestBytes), ReadOnlySpan<byte>.Empty);
        Span<byte> word = stackalloc byte[sizeof(ulong)];
        foreach (ulong value in words)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(word, value);
            state.Update(word);
        }

        Span<byte> digest = stackalloc byte[DigestBytes];
        state.Finish(digest);
        for (int i = 0; i < WordCount; i++)
        {
            parmsId4[i] = BinaryPrimitives.ReadUInt64LittleEndian(digest[(i * sizeof(ulong))..]);
        }
    }
}
