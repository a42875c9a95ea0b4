using IcedServerless.Ckks.Hashing;

namespace IcedServerless.Ckks.Tests.Hashing;

public class Blake2bTests
{
    // Message of the multi-length vectors: byte i = i mod 251 (never block-aligned periodic).
    private static byte[] Message(int length) => Enumerable.Range(0, length).Select(i => (byte)(i % 251)).ToArray();

    private static string Hash(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, int digestLength)
    {
        var digest = new byte[digestLength];
        Blake2b.Hash(key, data, digest);
        return Convert.ToHexStringLower(digest);
    }

    [Fact]
    public void Rfc7693_AppendixA_abc_512()
    {
        Assert.Equal(
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
            Hash(default, "abc"u8, 64));
    }

    // Expected values computed with CPython's hashlib (an independent BLAKE2 implementation):
    //   hashlib.blake2b(bytes(i % 251 for i in range(n))).hexdigest()
    [Theory]
    [InlineData(0, "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce")]
    [InlineData(1, "2fa3f686df876995167e7c2e5d74c4c7b6e48f8068fe0e44208344d480f7904c36963e44115fe3eb2a3ac8694c28bcb4f5a0f3276f2e79487d8219057a506e4b")]
    [InlineData(127, "b6292669ccd38d5f01caae96ba272c76a879a45743afa0725d83b9ebb26665b731f1848c52f11972b6644f554c064fa90780dbbbf3a89d4fc31f67df3e5857ef")]
    [InlineData(128, "2319e3789c47e2daa5fe807f61bec2a1a6537fa03f19ff32e87eecbfd64b7e0e8ccff439ac333b040f19b0c4ddd11a61e24ac1fe0f10a039806c5dcc0da3d115")]
    [InlineData(129, "f59711d44a031d5f97a9413c065d1e614c417ede998590325f49bad2fd444d3e4418be19aec4e11449ac1a57207898bc57d76a1bcf3566292c20c683a5c4648f")]
    [InlineData(255, "fe2c02da499516b0e9fb2dd70c49eb3629039f632e20a880946fb7bc97a7ab09deb7d48774d7f0648141c9d9ede19ae6e0dbf07863a128cf4b00195f0f179f74")]
    [InlineData(256, "93463ac058b6163eb43be3f5bb32b28541498f4e3366f1effe253ad44e1e076e41c3616046027c82a7124f8f4746668ad10b12e8e25a95ac8f3151df01cd5a93")]
    [InlineData(1000, "c11e1c0340bd7e5a1b275f1230c962fad215ecb1391486e74e31b960a2f2996381a5fad092da06841d5f26e38f6ecfeaf441acbcd1c2de61aef121e7927175f5")]
    public void Unkeyed512_MatchesHashlib_AcrossBlockBoundaries(int length, string expected)
    {
        Assert.Equal(expected, Hash(default, Message(length), 64));
    }

    // hashlib.blake2b(b"abc", digest_size=32): the digest length is in the parameter block, so this is not a prefix of the 512-bit digest.
    [Fact]
    public void Unkeyed256_IsNotATruncated512()
    {
        string h256 = Hash(default, "abc"u8, 32);
        Assert.Equal("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319", h256);
        Assert.False(Hash(default, "abc"u8, 64).StartsWith(h256, StringComparison.Ordinal));
    }

    // Keyed vectors, also from hashlib:
    //   hashlib.blake2b(bytes(range(256)), key=bytes(range(64)))
    //   hashlib.blake2b(b"", key=bytes(range(64)))
    //   hashlib.blake2b(b"The quick brown fox jumps over the lazy dog", key=b"key", digest_size=32)
    //   hashlib.blake2b(bytes(i % 251 for i in range(129)), key=bytes(range(20)), digest_size=20)
    [Fact]
    public void Keyed_MatchesHashlib()
    {
        byte[] key64 = TestVectors.Sequence(64);
        Assert.Equal(
            "b72071e096277edebb8ee5134dd3714996307ba3a55aa4733d412abbe28e909e10e57e6fbfb4ef53b3b960518294ff889a90829254412e2a60b85add07a3674f",
            Hash(key64, TestVectors.Sequence(256), 64));
        Assert.Equal(
            "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568",
            Hash(key64, default, 64));
        Assert.Equal(
            "27fbd5f2cdea2c98fa372a1a3b572a2f51c06bc627e306de84663f48c8b0eb13",
            Hash("key"u8, "The quick brown fox jumps over the lazy dog"u8, 32));
        Assert.Equal("6195b4b31c5e31a939b16abdb5231de46c2a3908", Hash(TestVectors.Sequence(20), Message(129), 20));
    }

    [Fact]
    public void IncrementalUpdates_EqualOneShot_ForEverySplit()
    {
        byte[] data = Message(300);
        string expected = Hash(default, data, 64);
        var digest = new byte[64];
        for (int split = 0; split <= data.Length; split += 7)
        {
            var state = default(Blake2bState);
            state.Init(new Blake2bParameters(64), default);
            state.Update(data.AsSpan(0, split));
            state.Update(data.AsSpan(split));
            state.Finish(digest);
            Assert.Equal(expected, Convert.ToHexStringLower(digest));
        }
    }

    [Fact]
    public void InvalidLengths_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Blake2b.Hash("x"u8, Span<byte>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => Blake2b.Hash("x"u8, new byte[65]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Blake2b.Hash(new byte[65], "x"u8, new byte[32]));
    }
}
