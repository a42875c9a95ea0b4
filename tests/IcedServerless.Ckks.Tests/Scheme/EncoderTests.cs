using IcedServerless.Ckks.Serialization;
using System.Numerics;
using IcedServerless.Ckks.Tests.Infrastructure;
using static IcedServerless.Ckks.Tests.Infrastructure.SealVectors;

namespace IcedServerless.Ckks.Tests.Scheme;

public sealed class EncoderTests
{
    [Theory]
    [InlineData("n8192", "v1")]
    [InlineData("n8192", "v2")]
    [InlineData("n8192", "v3")]
    [InlineData("n16384", "v1")]
    [InlineData("n16384", "v2")]
    public void Encoding_is_bit_identical_to_seal(string set, string vector)
    {
        var context = Context(set);
        var values = vector switch
        {
            "v1" => V1(context.SlotCount),
            "v2" => V2(context.SlotCount),
            _ => V3(context.SlotCount),
        };

        var plain = new CkksEncoder(context).Encode(values, Scale);
        Assert.Equal(Bytes(set, $"plain_{vector}.none.bin"), plain.Save(ComprModeType.None));
    }

    [Fact]
    public void Decode_inverts_encode_for_real_and_complex_values_at_every_level()
    {
        var context = Context("n8192");
        var encoder = new CkksEncoder(context);
        var random = new Random(7);
        var real = Enumerable.Range(0, context.SlotCount).Select(_ => (random.NextDouble() * 200) - 100).ToArray();
        var complex = real.Select((x, i) => new Complex(x, -x / (i + 1))).ToArray();
        foreach (var level in context.Levels.Where(l => context.IsDataLevel(l.ParmsId)))
        {
            var scale = Math.Pow(2, Math.Min(40, level.TotalCoeffModulusBitCount - 22));
            var plain = new Plaintext();
            encoder.Encode(real, level.ParmsId, scale, plain);
            Assert.True(MaxError(encoder.Decode(plain), real) < 1e-6);

            encoder.Encode(complex, level.ParmsId, scale, plain);
            var decoded = new Complex[complex.Length];
            encoder.Decode(plain, decoded);
            Assert.True(complex.Zip(decoded, (a, b) => Complex.Abs(a - b)).Max() < 1e-6);
        }
    }

    [Fact]
    public void Coefficients_beyond_two_to_the_63_are_encoded_exactly()
    {
        // At scale 2^70 every coefficient needs more than 63 bits, which the word-sized fast path cannot hold.
        var context = Context("n8192");
        var encoder = new CkksEncoder(context);
        var random = new Random(8);
        var values = Enumerable.Range(0, context.SlotCount).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        var plain = new Plaintext();
        encoder.Encode(values, context.FirstParmsId, Math.Pow(2, 70), plain);
        Assert.True(MaxError(encoder.Decode(plain), values) < 1e-9);
    }

    [Fact]
    public void Constant_encoding_fills_every_slot()
    {
        var context = Context("n8192");
        var encoder = new CkksEncoder(context);
        var plain = new Plaintext();
        encoder.Encode(-3.25, context.FirstParmsId, Scale, plain);
        Assert.All(encoder.Decode(plain), x => Assert.Equal(-3.25, x, 9));
    }

    [Fact]
    public void Encoder_refuses_bad_requests_like_seal()
    {
        var context = Context("n8192");
        var encoder = new CkksEncoder(context);
        var plain = new Plaintext();
        Assert.Throws<ArgumentException>(() => encoder.Encode(new double[context.SlotCount + 1], context.FirstParmsId, Scale, plain));
        Assert.Contains("scale out of bounds", Assert.Throws<ArgumentException>(
            () => encoder.Encode([1.0], context.LastParmsId, Math.Pow(2, 60), plain)).Message);
        Assert.Contains("too large", Assert.Throws<ArgumentException>(
            () => encoder.Encode([1e40], context.FirstParmsId, Scale, plain)).Message);
        Assert.Throws<ArgumentException>(() => encoder.Encode([1.0], context.KeyParmsId, Scale, plain));
    }
}
