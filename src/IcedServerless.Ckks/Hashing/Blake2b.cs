namespace IcedServerless.Ckks.Hashing;

/// <summary>
/// BLAKE2b (RFC 7693), sequential mode. The digest length is the length of the destination span, and it is part of
/// the parameter block: a 32-byte digest is <em>not</em> the first 32 bytes of the 64-byte one.
/// </summary>
public static class Blake2b
{
    /// <summary>Largest digest, in bytes.</summary>
    public const int MaxDigestBytes = Blake2bState.MaxDigestBytes;

    /// <summary>Largest key, in bytes.</summary>
    public const int MaxKeyBytes = Blake2bState.MaxKeyBytes;

    /// <summary>Unkeyed BLAKE2b of <paramref name="data"/> with a digest of <c>digest.Length</c> (1..64) bytes.</summary>
    /// <param name="data">The message.</param>
    /// <param name="digest">Receives the digest; its length selects the digest length.</param>
    /// <exception cref="ArgumentOutOfRangeException">The digest length is not 1..64.</exception>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest) => Hash(ReadOnlySpan<byte>.Empty, data, digest);

    /// <summary>Keyed BLAKE2b (MAC mode) of <paramref name="data"/> under a key of 0..64 bytes.</summary>
    /// <param name="key">The key; empty means unkeyed.</param>
    /// <param name="data">The message.</param>
    /// <param name="digest">Receives the digest; its length (1..64) selects the digest length.</param>
    /// <exception cref="ArgumentOutOfRangeException">The digest length is not 1..64 or the key is longer than 64 bytes.</exception>
    public static void Hash(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (digest.Length is < 1 or > MaxDigestBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(digest), digest.Length, "BLAKE2b digest length must be 1..64 bytes.");
        }

        if (key.Length > MaxKeyBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(key), key.Length, "BLAKE2b keys are at most 64 bytes.");
        }

        var state = default(Blake2bState);
        state.Init(new Blake2bParameters((byte)digest.Length, KeyLength: (byte)key.Length), key);
        state.Update(data);
        state.Finish(digest);
    }
}
