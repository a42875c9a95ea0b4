using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace IcedServerless.Ckks.Hashing;

/// <summary>The BLAKE2b compression function F (RFC 7693 §3.2) and the state buffers it works on.</summary>
internal static class Blake2bCore
{
    /// <summary>The eight 64-bit chaining words h[0..7].</summary>
    [InlineArray(8)]
    internal struct ChainValue
    {
        private ulong _element0;
    }

    /// <summary>One 128-byte message block.</summary>
    [InlineArray(Blake2bState.BlockBytes)]
    internal struct MessageBlock
    {
        private byte _element0;
    }

    private const ulong Iv0 = 0x6A09E667F3BCC908UL;
    private const ulong Iv1 = 0xBB67AE8584CAA73BUL;
    private const ulong Iv2 = 0x3C6EF372FE94F82BUL;
    private const ulong Iv3 = 0xA54FF53A5F1D36F1UL;
    private const ulong Iv4 = 0x510E527FADE682D1UL;
    private const ulong Iv5 = 0x9B05688C2B3E6C1FUL;
    private const ulong Iv6 = 0x1F83D9ABFB41BD6BUL;
    private const ulong Iv7 = 0x5BE0CD19137E2179UL;

    /// <summary>The initialisation vector word <paramref name="index"/> (the SHA-512 IV).</summary>
    public static ulong IV(int index) => index switch
    {
        0 => Iv0,
        1 => Iv1,
        2 => Iv2,
        3 => Iv3,
        4 => Iv4,
        5 => Iv5,
        6 => Iv6,
        7 => Iv7,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>
    /// Compresses one 128-byte block into <paramref name="h"/> with byte counter (t0, t1) and final flag f0.
    /// All sixteen working words and message words live in locals and the twelve rounds are unrolled with the
    /// message schedule resolved at compile time, so the JIT can keep the hot state in registers.
    /// </summary>
    public static void Compress(ref ChainValue h, ReadOnlySpan<byte> block, ulong t0, ulong t1, ulong f0)
    {
        block = block[..Blake2bState.BlockBytes];
        ulong m0 = BinaryPrimitives.ReadUInt64LittleEndian(block);
        ulong m1 = BinaryPrimitives.ReadUInt64LittleEndian(block[8..]);
        ulong m2 = BinaryPrimitives.ReadUInt64LittleEndian(block[16..]);
        ulong m3 = BinaryPrimitives.ReadUInt64LittleEndian(block[24..]);
        ulong m4 = BinaryPrimitives.ReadUInt64LittleEndian(block[32..]);
        ulong m5 = BinaryPrimitives.ReadUInt64LittleEndian(block[40..]);
        ulong m6 = BinaryPrimitives.ReadUInt64LittleEndian(block[48..]);
        ulong m7 = BinaryPrimitives.ReadUInt64LittleEndian(block[56..]);
        ulong m8 = BinaryPrimitives.ReadUInt64LittleEndian(block[64..]);
        ulong m9 = BinaryPrimitives.ReadUInt64LittleEndian(block[72..]);
        ulong m10 = BinaryPrimitives.ReadUInt64LittleEndian(block[80..]);
        ulong m11 = BinaryPrimitives.ReadUInt64LittleEndian(block[88..]);
        ulong m12 = BinaryPrimitives.ReadUInt64LittleEndian(block[96..]);
        ulong m13 = BinaryPrimitives.ReadUInt64LittleEndian(block[104..]);
        ulong m14 = BinaryPrimitives.ReadUInt64LittleEndian(block[112..]);
        ulong m15 = BinaryPrimitives.ReadUInt64LittleEndian(block[120..]);

        ulong v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
        ulong v8 = Iv0, v9 = Iv1, v10 = Iv2, v11 = Iv3;
        ulong v12 = Iv4 ^ t0, v13 = Iv5 ^ t1, v14 = Iv6 ^ f0, v15 = Iv7;

        // Round 0.
        G(ref v0, ref v4, ref v8, ref v12, m0, m1);
        G(ref v1, ref v5, ref v9, ref v13, m2, m3);
        G(ref v2, ref v6, ref v10, ref v14, m4, m5);
        G(ref v3, ref v7, ref v11, ref v15, m6, m7);
        G(ref v0, ref v5, ref v10, ref v15, m8, m9);
        G(ref v1, ref v6, ref v11, ref v12, m10, m11);
        G(ref v2, ref v7, ref v8, ref v13, m12, m13);
        G(ref v3, ref v4, ref v9, ref v14, m14, m15);
        // Round 1.
        G(ref v0, ref v4, ref v8, ref v12, m14, m10);
        G(ref v1, ref v5, ref v9, ref v13, m4, m8);
        G(ref v2, ref v6, ref v10, ref v14, m9, m15);
        G(ref v3, ref v7, ref v11, ref v15, m13, m6);
        G(ref v0, ref v5, ref v10, ref v15, m1, m12);
        G(ref v1, ref v6, ref v11, ref v12, m0, m2);
        G(ref v2, ref v7, ref v8, ref v13, m11, m7);
        G(ref v3, ref v4, ref v9, ref v14, m5, m3);
        // Round 2.
        G(ref v0, ref v4, ref v8, ref v12, m11, m8);
        G(ref v1, ref v5, ref v9, ref v13, m12, m0);
        G(ref v2, ref v6, ref v10, ref v14, m5, m2);
        G(ref v3, ref v7, ref v11, ref v15, m15, m13);
        G(ref v0, ref v5, ref v10, ref v15, m10, m14);
        G(ref v1, ref v6, ref v11, ref v12, m3, m6);
        G(ref v2, ref v7, ref v8, ref v13, m7, m1);
        G(ref v3, ref v4, ref v9, ref v14, m9, m4);
        // Round 3.
        G(ref v0, ref v4, ref v8, ref v12, m7, m9);
        G(ref v1, ref v5, ref v9, ref v13, m3, m1);
        G(ref v2, ref v6, ref v10, ref v14, m13, m12);
        G(ref v3, ref v7, ref v11, ref v15, m11, m14);
        G(ref v0, ref v5, ref v10, ref v15, m2, m6);
        G(ref v1, ref v6, ref v11, ref v12, m5, m10);
        G(ref v2, ref v7, ref v8, ref v13, m4, m0);
        G(ref v3, ref v4, ref v9, ref v14, m15, m8);
        // Round 4.
        G(ref v0, ref v4, ref v8, ref v12, m9, m0);
        G(ref v1, ref v5, ref v9, ref v13, m5, m7);
        G(ref v2, ref v6, ref v10, ref v14, m2, m4);
        G(ref v3, ref v7, ref v11, ref v15, m10, m15);
        G(ref v0, ref v5, ref v10, ref v15, m14, m1);
        G(ref v1, ref v6, ref v11, ref v12, m11, m12);
        G(ref v2, ref v7, ref v8, ref v13, m6, m8);
        G(ref v3, ref v4, ref v9, ref v14, m3, m13);
        // Round 5.
        G(ref v0, ref v4, ref v8, ref v12, m2, m12);
        G(ref v1, ref v5, ref v9, ref v13, m6, m10);
        G(ref v2, ref v6, ref v10, ref v14, m0, m11);
        G(ref v3, ref v7, ref v11, ref v15, m8, m3);
        G(ref v0, ref v5, ref v10, ref v15, m4, m13);
        G(ref v1, ref v6, ref v11, ref v12, m7, m5);
        G(ref v2, ref v7, ref v8, ref v13, m15, m14);
        G(ref v3, ref v4, ref v9, ref v14, m1, m9);
        // Round 6.
        G(ref v0, ref v4, ref v8, ref v12, m12, m5);
        G(ref v1, ref v5, ref v9, ref v13, m1, m15);
        G(ref v2, ref v6, ref v10, ref v14, m14, m13);
        G(ref v3, ref v7, ref v11, ref v15, m4, m10);
        G(ref v0, ref v5, ref v10, ref v15, m0, m7);
        G(ref v1, ref v6, ref v11, ref v12, m6, m3);
        G(ref v2, ref v7, ref v8, ref v13, m9, m2);
        G(ref v3, ref v4, ref v9, ref v14, m8, m11);
        // Round 7.
        G(ref v0, ref v4, ref v8, ref v12, m13, m11);
        G(ref v1, ref v5, ref v9, ref v13, m7, m14);
        G(ref v2, ref v6, ref v10, ref v14, m12, m1);
        G(ref v3, ref v7, ref v11, ref v15, m3, m9);
        G(ref v0, ref v5, ref v10, ref v15, m5, m0);
        G(ref v1, ref v6, ref v11, ref v12, m15, m4);
        G(ref v2, ref v7, ref v8, ref v13, m8, m6);
        G(ref v3, ref v4, ref v9, ref v14, m2, m10);
        // Round 8.
        G(ref v0, ref v4, ref v8, ref v12, m6, m15);
        G(ref v1, ref v5, ref v9, ref v13, m14, m9);
        G(ref v2, ref v6, ref v10, ref v14, m11, m3);
        G(ref v3, ref v7, ref v11, ref v15, m0, m8);
        G(ref v0, ref v5, ref v10, ref v15, m12, m2);
        G(ref v1, ref v6, ref v11, ref v12, m13, m7);
        G(ref v2, ref v7, ref v8, ref v13, m1, m4);
        G(ref v3, ref v4, ref v9, ref v14, m10, m5);
        // Round 9.
        G(ref v0, ref v4, ref v8, ref v12, m10, m2);
        G(ref v1, ref v5, ref v9, ref v13, m8, m4);
        G(ref v2, ref v6, ref v10, ref v14, m7, m6);
        G(ref v3, ref v7, ref v11, ref v15, m1, m5);
        G(ref v0, ref v5, ref v10, ref v15, m15, m11);
        G(ref v1, ref v6, ref v11, ref v12, m9, m14);
        G(ref v2, ref v7, ref v8, ref v13, m3, m12);
        G(ref v3, ref v4, ref v9, ref v14, m13, m0);
        // Rounds 10 and 11 reuse the message schedules of rounds 0 and 1 (RFC 7693 §3.2: SIGMA[r mod 10]).
        // Round 10.
        G(ref v0, ref v4, ref v8, ref v12, m0, m1);
        G(ref v1, ref v5, ref v9, ref v13, m2, m3);
        G(ref v2, ref v6, ref v10, ref v14, m4, m5);
        G(ref v3, ref v7, ref v11, ref v15, m6, m7);
        G(ref v0, ref v5, ref v10, ref v15, m8, m9);
        G(ref v1, ref v6, ref v11, ref v12, m10, m11);
        G(ref v2, ref v7, ref v8, ref v13, m12, m13);
        G(ref v3, ref v4, ref v9, ref v14, m14, m15);
        // Round 11.
        G(ref v0, ref v4, ref v8, ref v12, m14, m10);
        G(ref v1, ref v5, ref v9, ref v13, m4, m8);
        G(ref v2, ref v6, ref v10, ref v14, m9, m15);
        G(ref v3, ref v7, ref v11, ref v15, m13, m6);
        G(ref v0, ref v5, ref v10, ref v15, m1, m12);
        G(ref v1, ref v6, ref v11, ref v12, m0, m2);
        G(ref v2, ref v7, ref v8, ref v13, m11, m7);
        G(ref v3, ref v4, ref v9, ref v14, m5, m3);

        h[0] ^= v0 ^ v8;
        h[1] ^= v1 ^ v9;
        h[2] ^= v2 ^ v10;
        h[3] ^= v3 ^ v11;
        h[4] ^= v4 ^ v12;
        h[5] ^= v5 ^ v13;
        h[6] ^= v6 ^ v14;
        h[7] ^= v7 ^ v15;
    }

    /// <summary>The mixing function G (RFC 7693 §3.1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void G(ref ulong a, ref ulong b, ref ulong c, ref ulong d, ulong x, ulong y)
    {
        a += b + x;
        d = BitOperations.RotateRight(d ^ a, 32);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 24);
        a += b + y;
        d = BitOperations.RotateRight(d ^ a, 16);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 63);
    }
}
