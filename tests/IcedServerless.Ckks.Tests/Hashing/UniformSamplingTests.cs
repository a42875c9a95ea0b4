using System.Text.Json;
using IcedServerless.Ckks.Hashing;
using IcedServerless.Ckks.Serialization;
using IcedServerless.Ckks.Tests.Infrastructure;

namespace IcedServerless.Ckks.Tests.Hashing;

public class UniformSamplingTests
{
    private static ulong[] Expand(SealCiphertextFile seeded)
    {
        Assert.Equal(PrngType.Blake2Xb, seeded.PrngType);
        var c1 = new ulong[seeded.N * seeded.PrimeCount];
        Sampler.Uniform(new SealPrng(seeded.Seed!, seeded.PrngType!.Value), TestVectors.Primes8192.AsSpan(0, seeded.PrimeCount), seeded.N, c1);
        return c1;
    }

    [Theory]
    [InlineData("n8192/ct_sym_v2", 3)]
    [InlineData("n8192/public_key", 4)]
    public void SeedExpansion_ReproducesSealsPolynomialOne(string name, int primeCount)
    {
        var seeded = SealCiphertextFile.Load(RepoPaths.SealVectors(name + ".seeded.none.bin"));
        var expanded = SealCiphertextFile.Load(RepoPaths.SealVectors(name + ".seeded_expanded.none.bin"));
        Assert.Equal(primeCount, seeded.PrimeCount);
        Assert.Equal(seeded.ParmsId, expanded.ParmsId);
        Assert.True(expanded.Polynomial(0).SequenceEqual(seeded.Data));

        Assert.True(expanded.Polynomial(1).SequenceEqual(Expand(seeded)));
    }

    [Fact]
    public void RelinKeySeeds_EachReproduceTheirOwnKeyCiphertext()
    {
        List<SealCiphertextFile> seeded = LoadRelinKeys("n8192/relin_keys.seeded.none.bin");
        List<SealCiphertextFile> expanded = LoadRelinKeys("n8192/relin_keys.seeded_expanded.none.bin");
        Assert.Equal(TestVectors.Primes8192.Length - 1, seeded.Count);
        Assert.Equal(seeded.Count, expanded.Count);
        for (int j = 0; j < seeded.Count; j++)
        {
            Assert.Equal(TestVectors.Primes8192.Length, seeded[j].PrimeCount);
            Assert.True(expanded[j].Polynomial(0).SequenceEqual(seeded[j].Data));
            Assert.True(expanded[j].Polynomial(1).SequenceEqual(Expand(seeded[j])), $"key ciphertext {j}");
        }

        Assert.False(seeded[0].Seed.AsSpan().SequenceEqual(seeded[1].Seed));
    }

    [Fact]
    public void FirstValuesAndBounds_MatchDerivedKat()
    {
        using JsonDocument kat = JsonDocument.Parse(File.ReadAllText(RepoPaths.SealVectors("derived_kat.json")));
        JsonElement example = kat.RootElement.GetProperty("blake2xb_prng_example");
        var seed = Convert.FromHexString(example.GetProperty("seed_hex").GetString()!);
        JsonElement bounds = example.GetProperty("max_multiple_per_prime");
        JsonElement firstValues = example.GetProperty("first_4_sampled_values_per_prime");

        var c1 = new ulong[3 * TestVectors.N8192];
        Sampler.Uniform(new SealPrng(seed), TestVectors.Primes8192.AsSpan(0, 3), TestVectors.N8192, c1);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(ulong.Parse(bounds[j].GetString()!), Sampler.RejectionBound(TestVectors.Primes8192[j]));
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(ulong.Parse(firstValues[j][i].GetString()!), c1[(j * TestVectors.N8192) + i]);
            }
        }
    }

    [Fact]
    public void Rejections_DrawReplacementsAfterAllBulkWords_InOrder()
    {
        // For q = 3 and q = 5, (2^64 − 1) mod q = 0, so M = 2^64 − 2 and only the two largest words are rejected.
        const ulong max = ulong.MaxValue;
        var stream = ScriptedStream.FromWords(
            7, max, // block for q = 3
            9, max - 1, // block for q = 5
            max, 4, 11); // replacements: max (rejected again), then 4 for q = 3, then 11 for q = 5
        var result = new ulong[4];

        Sampler.Uniform(stream, [3UL, 5UL], 2, result);

        Assert.Equal(new ulong[] { 7 % 3, 4 % 3, 9 % 5, 11 % 5 }, result);
        Assert.Equal(7 * sizeof(ulong), stream.Consumed);
    }

    [Fact]
    public void HeavyRejection_MatchesAStraightforwardReading()
    {
        // q = 2^63 + 1 makes M = 2^63, so about half of all words are rejected and replaced.
        const ulong q = (1UL << 63) + 1;
        const int n = 2048;
        ulong[] primes = [q, 1099510890497];
        SealPrng prng = SealPrng.CreateRandom();
        var actual = new ulong[2 * n];
        Sampler.Uniform(prng, primes, n, actual);

        var reference = new SealPrng(prng.Seed);
        var bulk = new ulong[2 * n];
        for (int i = 0; i < bulk.Length; i++)
        {
            bulk[i] = reference.NextUInt64();
        }

        int rejections = 0;
        for (int j = 0; j < primes.Length; j++)
        {
            ulong bound = ulong.MaxValue - (ulong.MaxValue % primes[j]) - 1;
            for (int i = 0; i < n; i++)
            {
                ulong word = bulk[(j * n) + i];
                while (word >= bound)
                {
                    rejections++;
                    word = reference.NextUInt64();
                }

                Assert.Equal(word % primes[j], actual[(j * n) + i]);
            }
        }

        Assert.InRange(rejections, n / 4, n * 2);
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        SealPrng prng = SealPrng.CreateRandom();
        Assert.Throws<ArgumentException>(() => Sampler.Uniform(prng, [17UL], 4, new ulong[5]));
        Assert.Throws<ArgumentException>(() => Sampler.Uniform(prng, [], 4, new ulong[4]));
        Assert.Throws<ArgumentException>(() => Sampler.Uniform(prng, [1UL], 4, new ulong[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler.Uniform(prng, [17UL], 0, new ulong[0]));
        Assert.Throws<ArgumentNullException>(() => Sampler.Uniform(null!, [17UL], 4, new ulong[4]));
    }

    // RelinKeys (§1.11): key-level parms_id, dim1, then per entry dim2 and that many nested PublicKey objects.
    private static List<SealCiphertextFile> LoadRelinKeys(string name)
    {
        ReadOnlyMemory<byte> members = SealEnvelope.Open(File.ReadAllBytes(RepoPaths.SealVectors(name)), int.MaxValue, out _);
        var reader = new SealReader(members.Span);
        SealNested.ReadWords(ref reader, new ulong[4], "parms_id");
        Assert.Equal(1UL, reader.ReadUInt64("dim1"));
        ulong dim2 = reader.ReadUInt64("dim2");
        var keys = new List<SealCiphertextFile>();
        for (ulong i = 0; i < dim2; i++)
        {
            SealReader key = reader.ReadNestedObject("key ciphertext", out _);
            keys.Add(SealCiphertextFile.Parse(ref key));
            key.ExpectEnd("key ciphertext");
        }

        reader.ExpectEnd(name);
        return keys;
    }
}
