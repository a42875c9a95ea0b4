namespace IcedServerless.Ckks.Hashing;

/// <summary>
/// An in-order byte stream the samplers consume. <see cref="SealPrng"/> is the production source; tests supply
/// scripted streams to drive rare paths (such as rejection replacements) deterministically.
/// </summary>
internal interface IRandomStream
{
    /// <summary>Writes the next <c>destination.Length</c> bytes of the stream.</summary>
    void Fill(Span<byte> destination);

    /// <summary>The next 8 bytes of the stream as a little-endian word.</summary>
    ulong NextUInt64();
}
