namespace IcedServerless.Ckks.Hashing;

/// <summary>
/// BLAKE2Xb, the extendable-output construction of the BLAKE2X paper, exactly as SEAL's copy of the reference code
/// computes it to expand a 64-byte seed (seal-compat.md §1.12): a keyed root hash H0 whose parameter block carries
/// the output length, then one BLAKE2b of H0 per 64-byte output block, each with key length 0, depth 0, fanout 0 and
/// its own node offset. (The current BLAKE2 reference keeps the root's key length in the output nodes, so its keyed
/// test vectors differ from SEAL's; unkeyed outputs agree.)
/// </summary>
public static class Blake2Xb
{
    /// <summary>Largest output length (2^32 − 1 means "unknown length" in BLAKE2X and is not allowed).</summary>
    public const long MaxOutputBytes = uint.MaxValue - 1L;

    private const int BlockBytes = Blake2bState.MaxDigestBytes;

    /// <summary>Fills <paramref name="output"/> with the BLAKE2Xb output of length <c>output.Length</c>.</summary>
    /// <param name="key">The key, 0..64 bytes (SEAL passes its 64-byte seed).</param>
    /// <param name="message">The message (SEAL passes the block counter as 8 little-endian bytes).</param>
    /// <param name="output">Receives the output; its length is the XOF length and must be at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The output is empty or the key is longer than 64 bytes.</exception>
    public static void Generate(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> output)
    {
        if (output.IsEmpty)
        {
            throw new ArgumentOutOfRangeException(nameof(output), 0, "BLAKE2Xb output length must be 1..2^32-2 bytes.");
        }

        if (key.Length > Blake2bState.MaxKeyBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(key), key.Length, "BLAKE2Xb keys are at most 64 bytes.");
        }

        // A span never exceeds int.MaxValue, so the 2^32-2 upper bound holds by construction.
        uint xofLength = (uint)output.Length;
        Span<byte> root = stackalloc byte[BlockBytes];
        var state = default(Blake2bState);
        state.Init(new Blake2bParameters(BlockBytes, (byte)key.Length, Fanout: 1, Depth: 1, XofLength: xofLength), key);
        state.Update(message);
        state.Finish(root);

        ExpandRoot(root, xofLength, output, Blake2XbLanes.IsAccelerated);
        root.Clear();
    }

    /// <summary>
    /// Second BLAKE2X stage: output block i = BLAKE2b(H0) with node offset i and the output parameters. With
    /// <paramref name="useLanes"/>, full blocks go four at a time through <see cref="Blake2XbLanes"/>; the result is identical.
    /// </summary>
    internal static void ExpandRoot(ReadOnlySpan<byte> root, uint xofLength, Span<byte> output, bool useLanes)
    {
        int blocks = (output.Length + BlockBytes - 1) / BlockBytes;
        int i = 0;
        if (useLanes)
        {
            int fullBlocks = output.Length / BlockBytes;
            for (; i + Blake2XbLanes.Lanes <= fullBlocks; i += Blake2XbLanes.Lanes)
            {
                Blake2XbLanes.ExpandFourNodes(root, xofLength, (uint)i, output.Slice(i * BlockBytes, Blake2XbLanes.Lanes * BlockBytes));
            }
        }

        for (; i < blocks; i++)
        {
            int offset = i * BlockBytes;
            int length = Math.Min(BlockBytes, output.Length - offset);
            var parameters = new Blake2bParameters(
                (byte)length, KeyLength: 0, Fanout: 0, Depth: 0, LeafLength: BlockBytes, NodeOffset: (uint)i,
                XofLength: xofLength, NodeDepth: 0, InnerLength: BlockBytes);
            var state = default(Blake2bState);
            state.Init(parameters, ReadOnlySpan<byte>.Empty);
            state.Update(root);
            state.Finish(output.Slice(offset, length));
        }
    }
}
