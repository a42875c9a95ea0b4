using IcedServerless.Ckks.Hashing;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks.Tests.Scheme;

/// <summary>
/// Public-key encryption with fixed randomness against the textbook computation: the noise transformed with the
/// mask product, the sum divided by the extra prime in NTT form, then the plaintext added.
/// </summary>
public sealed class EncryptionTests
{
    private static Func<SealPrng> Streams(byte first)
    {
        var next = first;
        return () => new SealPrng(Enumerable.Repeat(next++, SealPrng.SeedBytes).ToArray());
    }

    private static Ciphertext Reference(CkksContext context, PublicKey publicKey, Plaintext plain, byte firstSeed)
    {
        var streams = Streams(firstSeed);
        var n = context.PolyModulusDegree;
        var level = context.GetContextData(plain.ParmsId);
        var upper = level.Previous ?? level;
        var k = upper.PrimeCount;
        var u = new ulong[k * n];
        RlweSampling.TernaryNtt(context, upper.Ntt, k, streams(), u);
        var result = new Ciphertext(level, n, 2, plain.Scale);
        for (var c = 0; c < 2; c++)
        {
            var t = new ulong[k * n];
            RlweSampling.NoiseNtt(context, upper.Ntt, k, streams(), t);
            for (var j = 0; j < k; j++)
            {
                PolyArith.MultiplyAdd(publicKey.Data.Block(c, j), u.AsSpan(j * n, n), t.AsSpan(j * n, n), upper.Moduli[j]);
            }

            if (!ReferenceEquals(upper, level))
            {
                upper.Rescaler!.DivideAndRoundLast(t, new ulong[n]);
            }

            for (var j = 0; j < level.PrimeCount; j++)
            {
                var block = result.Block(c, j);
                t.AsSpan(j * n, n).CopyTo(block);
                if (c == 0)
                {
                    PolyArith.Add(block, plain.Block(j), block, level.Moduli[j]);
                }
            }
        }

        return result;
    }

    [Theory]
    [InlineData(4096, new[] { 40, 30, 40 }, 0)] // first data level: divide by the extra prime
    [InlineData(4096, new[] { 40, 30, 40 }, 1)] // a lower level, encrypted from the one above it
    [InlineData(2048, new[] { 50 }, 0)]         // a single prime: no level above, no division
    public void Public_key_encryption_is_round_of_mask_product_plus_noise_over_the_extra_prime(int n, int[] bits, int levelsDown)
    {
        var context = new CkksContext(EncryptionParameters.Create(n, bits), new CkksContextOptions { SecurityLevel = SecurityLevel.None });
        var keygen = new KeyGenerator(context);
        var publicKey = keygen.CreatePublicKey();
        var level = context.FirstContextData;
        for (var i = 0; i < levelsDown; i++)
        {
            level = level.Next!;
        }

        var plain = new Plaintext();
        new CkksEncoder(context).Encode([0.5, -1.25, 3.0], level.ParmsId, Math.Pow(2, 30), plain);
        var encrypted = new Ciphertext();
        new Encryptor(context, publicKey).Encrypt(plain, encrypted, Streams(7));

        var expected = Reference(context, publicKey, plain, 7);
        Assert.Equal(expected.ParmsId, encrypted.ParmsId);
        Assert.Equal(plain.Scale, encrypted.Scale);
        Assert.True(expected.Data.SequenceEqual(encrypted.Data), "the words differ");
        var decoded = new CkksEncoder(context).Decode(new Decryptor(context, keygen.SecretKey).Decrypt(encrypted));
        Assert.Equal(-1.25, decoded[1], 3);
    }
}
