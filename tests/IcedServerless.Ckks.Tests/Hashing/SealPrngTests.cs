using System.Buffers.Binary;
using System.Security.Cryptography;
using IcedServerless.Ckks.Hashing;

namespace IcedServerless.Ckks.Tests.Hashing;

public class SealPrngTests
{
    private static readonly byte[] s_seed = Enumerable.Range(0, SealPrng.SeedBytes).Select(i => (byte)(3 * i + 1)).ToArray();

    private static byte[] ExpectedBlake2XbStream(int length)
    {
        var stream = new byte[length];
        var block = new byte[SealPrng.BlockBytes];
        for (int c = 0; c * SealPrng.BlockBytes < length; c++)
        {
            Blake2Xb.Generate(s_seed, TestVectors.Counter((ulong)c), block);
            int count = Math.Min(block.Length, length - (c * SealPrng.BlockBytes));
            block.AsSpan(0, count).CopyTo(stream.AsSpan(c * SealPrng.BlockBytes));
        }

        return stream;
    }

    [Fact]
    public void Stream_IsConsecutiveCounterBlocks_WhateverTheRequestSizes()
    {
        byte[] expected = ExpectedBlake2XbStream(3 * SealPrng.BlockBytes + 100);
        var prng = new SealPrng(s_seed);
        var actual = new byte[expected.Length];
        int[] pieces = [1, 7, 4095, 4096, 5000, 8, 13];
        int offset = 0;
        for (int i = 0; offset < actual.Length; i++)
        {
            int count = Math.Min(pieces[i % pieces.Length], actual.Length - offset);
            prng.Fill(actual.AsSpan(offset, count));
            offset += count;
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void NextUInt64_ReadsTheNextEightBytesLittleEndian()
    {
        byte[] expected = ExpectedBlake2XbStream(24);
        var prng = new SealPrng(s_seed);
        prng.Fill(new byte[3]);
        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(expected.AsSpan(3)), prng.NextUInt64());
        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(expected.AsSpan(11)), prng.NextUInt64());
    }

    [Fact]
    public void Shake256_IsShakeOfSeedAndCounter_OrRefusedWhereUnsupported()
    {
        if (!Shake256.IsSupported)
        {
            Assert.Throws<PlatformNotSupportedException>(() => new SealPrng(s_seed, PrngType.Shake256));
            return;
        }

        var prng = new SealPrng(s_seed, PrngType.Shake256);
        var actual = new byte[SealPrng.BlockBytes + 16];
        prng.Fill(actual);

        var expected = new byte[2 * SealPrng.BlockBytes];
        for (int c = 0; c < 2; c++)
        {
            Shake256.HashData([.. s_seed, .. TestVectors.Counter((ulong)c)], expected.AsSpan(c * SealPrng.BlockBytes, SealPrng.BlockBytes));
        }

        Assert.Equal(expected.AsSpan(0, actual.Length).ToArray(), actual);
        Assert.Equal(PrngType.Shake256, prng.Type);
    }

    [Fact]
    public void CreateRandom_DrawsFreshSeeds_ThatReproduceTheStream()
    {
        SealPrng first = SealPrng.CreateRandom();
        SealPrng second = SealPrng.CreateRandom();
        Assert.False(first.Seed.SequenceEqual(second.Seed));

        var replay = new SealPrng(first.Seed, first.Type);
        var a = new byte[5000];
        var b = new byte[5000];
        first.Fill(a);
        replay.Fill(b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void InvalidSeedOrType_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SealPrng(new byte[63]));
        Assert.Throws<ArgumentException>(() => new SealPrng(new byte[65]));
        Assert.Throws<ArgumentException>(() => new SealPrng(s_seed, PrngType.Unknown));
        Assert.Throws<ArgumentException>(() => new SealPrng(s_seed, (PrngType)3));
    }
}
