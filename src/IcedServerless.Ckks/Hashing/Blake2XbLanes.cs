using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace IcedServerless.Ckks.Hashing;

/// <summary>
/// The output stage of BLAKE2Xb four nodes at a time. Output nodes all hash the same 64-byte root H0 under
/// parameter blocks that differ only in the node offset, so four of them run as the four 64-bit lanes of one
/// <see cref="Vector256{T}"/> computation: same message words, same counters, per-lane chaining value. For SEAL's
/// 4096-byte blocks this covers 64 of the 66 compressions.
/// </summary>
internal static class Blake2XbLanes
{
    /// <summary>Output nodes per call.</summary>
    public const int Lanes = 4;

    private const int NodeBytes = 64;

    /// <summary>Whether 256-bit vectors run in hardware here (otherwise the scalar path is faster).</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Writes output nodes <paramref name="firstNode"/> … <paramref name="firstNode"/> + 3, each a full 64-byte
    /// digest, into the first 256 bytes of <paramref name="output"/>.
    /// </summary>
    public static void ExpandFourNodes(ReadOnlySpan<byte> root, uint xofLength, uint firstNode, Span<byte> output)
    {
        root = root[..NodeBytes];
        output = output[..(Lanes * NodeBytes)];

        // Parameter block of a full output node (§1.12 step 2): digest 64, key 0, fanout 0, depth 0, leaf length 64
        // (word 0); node offset and XOF length (word 1); node depth 0, inner length 64 (word 2); the rest zero.
        const ulong word0 = NodeBytes | ((ulong)NodeBytes << 32);
        const ulong word2 = (ulong)NodeBytes << 8;
        var h0 = Vector256.Create(Blake2bCore.IV(0) ^ word0);
        var h1 = Vector256.Create(Blake2bCore.IV(1) ^ ((ulong)xofLength << 32))
            ^ Vector256.Create(firstNode, firstNode + 1UL, firstNode + 2UL, firstNode + 3UL);
        var h2 = Vector256.Create(Blake2bCore.IV(2) ^ word2);
        var h3 = Vector256.Create(Blake2bCore.IV(3));
        var h4 = Vector256.Create(Blake2bCore.IV(4));
        var h5 = Vector256.Create(Blake2bCore.IV(5));
        var h6 = Vector256.Create(Blake2bCore.IV(6));
        var h7 = Vector256.Create(Blake2bCore.IV(7));

        // The message is H0 padded with zeros to one block: words 8..15 are zero in every lane.
        var m0 = Vector256.Create(BinaryPrimitives.ReadUInt64LittleEndian(root));
        var m1 = Vector256.Create(BinaryPrimitives.ReadUInt64LittleEndian(root[8..]));
        var m2 = Vector256.Create(BinaryPrimitives.ReadUInt64LittleEndian(root[16..]));
        var m3 = Vector256.Create(BinaryPrimitives.ReadUInt64LittleEndian(root[24..]));
        var m4 = Vector256.Create(BinaryPrimitives.ReadUInt64LittleEndian(root[32..]));
        var m5 = Vector256.Create(BinaryPrimitives.ReadUInt64LittleEndian(root[40..]));
        var m6 = Vector256.Create(BinaryPrimitives.ReadUInt64LittleEndian(root[48..]));
        var m7 = Vector256.Create(BinaryPrimitives.ReadUInt64LittleEndian(root[56..]));
        Vector256<ulong> zero = Vector256<ulong>.Zero;

        // One final block of 64 bytes: t0 = 64, t1 = 0, f0 = all ones.
        Vector256<ulong> v0 = h0, v1 = h1, v2 = h2, v3 = h3, v4 = h4, v5 = h5, v6 = h6, v7 = h7;
        var v8 = Vector256.Create(Blake2bCore.IV(0));
        var v9 = Vector256.Create(Blake2bCore.IV(1));
        var v10 = Vector256.Create(Blake2bCore.IV(2));
        var v11 = Vector256.Create(Blake2bCore.IV(3));
        var v12 = Vector256.Create(Blake2bCore.IV(4) ^ NodeBytes);
        var v13 = Vector256.Create(Blake2bCore.IV(5));
        var v14 = Vector256.Create(~Blake2bCore.IV(6));
        var v15 = Vector256.Create(Blake2bCore.IV(7));

        // Round 0.
        G(ref v0, ref v4, ref v8, ref v12, m0, m1);
        G(ref v1, ref v5, ref v9, ref v13, m2, m3);
        G(ref v2, ref v6, ref v10, ref v14, m4, m5);
        G(ref v3, ref v7, ref v11, ref v15, m6, m7);
        G(ref v0, ref v5, ref v10, ref v15, zero, zero);
        G(ref v1, ref v6, ref v11, ref v12, zero, zero);
        G(ref v2, ref v7, ref v8, ref v13, zero, zero);
        G(ref v3, ref v4, ref v9, ref v14, zero, zero);
        // Round 1.
        G(ref v0, ref v4, ref v8, ref v12, zero, zero);
        G(ref v1, ref v5, ref v9, ref v13, m4, zero);
        G(ref v2, ref v6, ref v10, ref v14, zero, zero);
        G(ref v3, ref v7, ref v11, ref v15, zero, m6);
        G(ref v0, ref v5, ref v10, ref v15, m1, zero);
        G(ref v1, ref v6, ref v11, ref v12, m0, m2);
        G(ref v2, ref v7, ref v8, ref v13, zero, m7);
        G(ref v3, ref v4, ref v9, ref v14, m5, m3);
        // Round 2.
        G(ref v0, ref v4, ref v8, ref v12, zero, zero);
        G(ref v1, ref v5, ref v9, ref v13, zero, m0);
        G(ref v2, ref v6, ref v10, ref v14, m5, m2);
        G(ref v3, ref v7, ref v11, ref v15, zero, zero);
        G(ref v0, ref v5, ref v10, ref v15, zero, zero);
        G(ref v1, ref v6, ref v11, ref v12, m3, m6);
        G(ref v2, ref v7, ref v8, ref v13, m7, m1);
        G(ref v3, ref v4, ref v9, ref v14, zero, m4);
        // Round 3.
        G(ref v0, ref v4, ref v8, ref v12, m7, zero);
        G(ref v1, ref v5, ref v9, ref v13, m3, m1);
        G(ref v2, ref v6, ref v10, ref v14, zero, zero);
        G(ref v3, ref v7, ref v11, ref v15, zero, zero);
        G(ref v0, ref v5, ref v10, ref v15, m2, m6);
        G(ref v1, ref v6, ref v11, ref v12, m5, zero);
        G(ref v2, ref v7, ref v8, ref v13, m4, m0);
        G(ref v3, ref v4, ref v9, ref v14, zero, zero);
        // Round 4.
        G(ref v0, ref v4, ref v8, ref v12, zero, m0);
        G(ref v1, ref v5, ref v9, ref v13, m5, m7);
        G(ref v2, ref v6, ref v10, ref v14, m2, m4);
        G(ref v3, ref v7, ref v11, ref v15, zero, zero);
        G(ref v0, ref v5, ref v10, ref v15, zero, m1);
        G(ref v1, ref v6, ref v11, ref v12, zero, zero);
        G(ref v2, ref v7, ref v8, ref v13, m6, zero);
        G(ref v3, ref v4, ref v9, ref v14, m3, zero);
        // Round 5.
        G(ref v0, ref v4, ref v8, ref v12, m2, zero);
        G(ref v1, ref v5, ref v9, ref v13, m6, zero);
        G(ref v2, ref v6, ref v10, ref v14, m0, zero);
        G(ref v3, ref v7, ref v11, ref v15, zero, m3);
        G(ref v0, ref v5, ref v10, ref v15, m4, zero);
        G(ref v1, ref v6, ref v11, ref v12, m7, m5);
        G(ref v2, ref v7, ref v8, ref v13, zero, zero);
        G(ref v3, ref v4, ref v9, ref v14, m1, zero);
        // Round 6.
        G(ref v0, ref v4, ref v8, ref v12, zero, m5);
        G(ref v1, ref v5, ref v9, ref v13, m1, zero);
        G(ref v2, ref v6, ref v10, ref v14, zero, zero);
        G(ref v3, ref v7, ref v11, ref v15, m4, zero);
        G(ref v0, ref v5, ref v10, ref v15, m0, m7);
        G(ref v1, ref v6, ref v11, ref v12, m6, m3);
        G(ref v2, ref v7, ref v8, ref v13, zero, m2);
        G(ref v3, ref v4, ref v9, ref v14, zero, zero);
        // Round 7.
        G(ref v0, ref v4, ref v8, ref v12, zero, zero);
        G(ref v1, ref v5, ref v9, ref v13, m7, zero);
        G(ref v2, ref v6, ref v10, ref v14, zero, m1);
        G(ref v3, ref v7, ref v11, ref v15, m3, zero);
        G(ref v0, ref v5, ref v10, ref v15, m5, m0);
        G(ref v1, ref v6, ref v11, ref v12, zero, m4);
        G(ref v2, ref v7, ref v8, ref v13, zero, m6);
        G(ref v3, ref v4, ref v9, ref v14, m2, zero);
        // Round 8.
        G(ref v0, ref v4, ref v8, ref v12, m6, zero);
        G(ref v1, ref v5, ref v9, ref v13, zero, zero);
        G(ref v2, ref v6, ref v10, ref v14, zero, m3);
        G(ref v3, ref v7, ref v11, ref v15, m0, zero);
        G(ref v0, ref v5, ref v10, ref v15, zero, m2);
        G(ref v1, ref v6, ref v11, ref v12, zero, m7);
        G(ref v2, ref v7, ref v8, ref v13, m1, m4);
        G(ref v3, ref v4, ref v9, ref v14, zero, m5);
        // Round 9.
        G(ref v0, ref v4, ref v8, ref v12, zero, m2);
        G(ref v1, ref v5, ref v9, ref v13, zero, m4);
        G(ref v2, ref v6, ref v10, ref v14, m7, m6);
        G(ref v3, ref v7, ref v11, ref v15, m1, m5);
        G(ref v0, ref v5, ref v10, ref v15, zero, zero);
        G(ref v1, ref v6, ref v11, ref v12, zero, zero);
        G(ref v2, ref v7, ref v8, ref v13, m3, zero);
        G(ref v3, ref v4, ref v9, ref v14, zero, m0);
        // Rounds 10 and 11 reuse the message schedules of rounds 0 and 1 (RFC 7693 §3.2: SIGMA[r mod 10]).
        // Round 10.
        G(ref v0, ref v4, ref v8, ref v12, m0, m1);
        G(ref v1, ref v5, ref v9, ref v13, m2, m3);
        G(ref v2, ref v6, ref v10, ref v14, m4, m5);
        G(ref v3, ref v7, ref v11, ref v15, m6, m7);
        G(ref v0, ref v5, ref v10, ref v15, zero, zero);
        G(ref v1, ref v6, ref v11, ref v12, zero, zero);
        G(ref v2, ref v7, ref v8, ref v13, zero, zero);
        G(ref v3, ref v4, ref v9, ref v14, zero, zero);
        // Round 11.
        G(ref v0, ref v4, ref v8, ref v12, zero, zero);
        G(ref v1, ref v5, ref v9, ref v13, m4, zero);
        G(ref v2, ref v6, ref v10, ref v14, zero, zero);
        G(ref v3, ref v7, ref v11, ref v15, zero, m6);
        G(ref v0, ref v5, ref v10, ref v15, m1, zero);
        G(ref v1, ref v6, ref v11, ref v12, m0, m2);
        G(ref v2, ref v7, ref v8, ref v13, zero, m7);
        G(ref v3, ref v4, ref v9, ref v14, m5, m3);

        Store(h0 ^ v0 ^ v8, output, 0);
        Store(h1 ^ v1 ^ v9, output, 1);
        Store(h2 ^ v2 ^ v10, output, 2);
        Store(h3 ^ v3 ^ v11, output, 3);
        Store(h4 ^ v4 ^ v12, output, 4);
        Store(h5 ^ v5 ^ v13, output, 5);
        Store(h6 ^ v6 ^ v14, output, 6);
        Store(h7 ^ v7 ^ v15, output, 7);
    }

    /// <summary>Rotation by shifts, for hardware without a 64-bit vector rotate (AVX2) and for testing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ulong> RotateRightPortable(Vector256<ulong> x, int count) =>
        Vector256.ShiftRightLogical(x, count) | Vector256.ShiftLeft(x, 64 - count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> RotateRight(Vector256<ulong> x, [ConstantExpected(Min = (byte)1, Max = (byte)63)] byte count) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.RotateRight(x, count) : RotateRightPortable(x, count);

    // Chaining word k of lane L is bytes 8k..8k+7 of node L's digest.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<ulong> word, Span<byte> output, int k)
    {
        for (int lane = 0; lane < Lanes; lane++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(output[((lane * NodeBytes) + (8 * k))..], word.GetElement(lane));
        }
    }

    /// <summary>The mixing function G on four lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void G(ref Vector256<ulong> a, ref Vector256<ulong> b, ref Vector256<ulong> c, ref Vector256<ulong> d, Vector256<ulong> x, Vector256<ulong> y)
    {
        a += b + x;
        d = RotateRight(d ^ a, 32);
        c += d;
        b = RotateRight(b ^ c, 24);
        a += b + y;
        d = RotateRight(d ^ a, 16);
        c += d;
        b = RotateRight(b ^ c, 63);
    }
}
