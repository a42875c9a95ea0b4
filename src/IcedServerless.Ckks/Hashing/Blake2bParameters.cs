using System.Buffers.Binary;

namespace IcedServerless.Ckks.Hashing;

/// <summary>
/// The fields of the 64-byte BLAKE2b parameter block (RFC 7693 §2.5, with the BLAKE2X split of the node offset
/// into a 32-bit node offset and a 32-bit XOF length). Salt and personalization are always zero here: neither SEAL
/// nor BLAKE2X uses them. Common BLAKE2b APIs cannot express depth = 0 or fanout = 0, which BLAKE2X output nodes need.
/// </summary>
internal readonly record struct Blake2bParameters(
    byte DigestLength,
    byte KeyLength = 0,
    byte Fanout = 1,
    byte Depth = 1,
    uint LeafLength = 0,
    uint NodeOffset = 0,
    uint XofLength = 0,
    byte NodeDepth = 0,
    byte InnerLength = 0)
{
    /// <summary>Size of the serialized parameter block.</summary>
    public const int BlockBytes = 64;

    /// <summary>Writes the little-endian parameter block (reserved bytes, salt and personalization zero).</summary>
    public void WriteTo(Span<byte> block)
    {
        block = block[..BlockBytes];
        block.Clear();
        block[0] = DigestLength;
        block[1] = KeyLength;
        block[2] = Fanout;
        block[3] = Depth;
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], LeafLength);
        BinaryPrimitives.WriteUInt32LittleEndian(block[8..], NodeOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(block[12..], XofLength);
        block[16] = NodeDepth;
        block[17] = InnerLength;
    }
}
