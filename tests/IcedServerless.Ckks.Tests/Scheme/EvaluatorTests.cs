using System.Numerics;
using IcedServerless.Ckks.Tests.Infrastructure;
using static IcedServerless.Ckks.Tests.Infrastructure.SealVectors;

namespace IcedServerless.Ckks.Tests.Scheme;

/// <summary>Our own keys through every evaluator operation, checked against the plaintext computation.</summary>
public sealed class EvaluatorTests(EngineFixture f) : IClassFixture<EngineFixture>
{
    private const double Tolerance = 1e-5;

    private void AssertClose(double[] expected, Ciphertext ct, double tolerance = Tolerance) =>
        Assert.True(MaxError(f.Decrypt(ct), expected) < tolerance, $"max error {MaxError(f.Decrypt(ct), expected)}");

    [Fact]
    public void Public_and_symmetric_encryption_decrypt_correctly()
    {
        var x = f.Random(1, 100);
        AssertClose(x, f.Encrypt(x));
        AssertClose(x, f.Encryptor.EncryptSymmetric(f.Encoder.Encode(x, Scale)));
    }

    [Fact]
    public void Additive_operations()
    {
        double[] x = f.Random(2), y = f.Random(3);
        Ciphertext a = f.Encrypt(x), b = f.Encrypt(y), r = new();
        f.Evaluator.Add(a, b, r);
        AssertClose(x.Zip(y, (p, q) => p + q).ToArray(), r);
        f.Evaluator.Sub(a, b, r);
        AssertClose(x.Zip(y, (p, q) => p - q).ToArray(), r);
        f.Evaluator.Negate(a, r);
        AssertClose(x.Select(p => -p).ToArray(), r);
        f.Evaluator.AddPlain(a, f.Encoder.Encode(y, Scale), r);
        AssertClose(x.Zip(y, (p, q) => p + q).ToArray(), r);
        f.Evaluator.SubPlain(a, f.Encoder.Encode(y, Scale), r);
        AssertClose(x.Zip(y, (p, q) => p - q).ToArray(), r);
        f.Evaluator.AddConst(a, 2.5, r);
        AssertClose(x.Select(p => p + 2.5).ToArray(), r);
    }

    [Fact]
    public void Multiplicative_operations_with_rescaling()
    {
        double[] x = f.Random(4), y = f.Random(5);
        Ciphertext a = f.Encrypt(x), b = f.Encrypt(y), r = new();
        f.Evaluator.Multiply(a, b, r);
        Assert.Equal(3, r.Size);
        AssertClose(x.Zip(y, (p, q) => p * q).ToArray(), r);
        f.Evaluator.RelinearizeInplace(r, f.RelinKeys);
        Assert.Equal(2, r.Size);
        f.Evaluator.RescaleToNextInplace(r);
        Assert.Equal(1, f.Context.GetContextData(r.ParmsId).ChainIndex);
        AssertClose(x.Zip(y, (p, q) => p * q).ToArray(), r);

        f.Evaluator.Square(a, r);
        f.Evaluator.RelinearizeInplace(r, f.RelinKeys);
        f.Evaluator.RescaleToNextInplace(r);
        AssertClose(x.Select(p => p * p).ToArray(), r);

        f.Evaluator.MultiplyPlain(a, f.Encoder.Encode(y, Scale), r);
        f.Evaluator.RescaleToNextInplace(r);
        AssertClose(x.Zip(y, (p, q) => p * q).ToArray(), r);

        f.Evaluator.MultiplyConst(a, -0.75, Scale, r);
        f.Evaluator.RescaleToNextInplace(r);
        AssertClose(x.Select(p => p * -0.75).ToArray(), r);
    }

    [Fact]
    public void Linear_combination_of_mixed_sizes_and_scales_lands_at_the_accumulator_scale()
    {
        double[] x = f.Random(13), y = f.Random(14);
        Ciphertext a = f.Encrypt(x), b = f.Encrypt(y), squared = new();
        f.Evaluator.Square(a, squared); // size 3, scale 2^80
        var level = f.Context.FirstContextData;
        var target = Scale * level.CoeffModulus[^1];
        var acc = f.Evaluator.CreateAccumulator(a.ParmsId, 2, target);
        f.Evaluator.MultiplyConstAccumulate(a, 0.5, acc);
        f.Evaluator.MultiplyConstAccumulate(b, -1.25, acc);
        f.Evaluator.MultiplyConstAccumulate(squared, 2.0, acc);
        f.Evaluator.MultiplyConstAccumulate(b, 0.0, acc); // zero weights are skipped
        f.Evaluator.AddConstInplace(acc, 0.125);
        Assert.Equal(3, acc.Size);
        f.Evaluator.RelinearizeInplace(acc, f.RelinKeys);
        f.Evaluator.RescaleToNextInplace(acc);
        Assert.Equal(Scale, acc.Scale, 6);
        AssertClose(x.Select((v, i) => (0.5 * v) - (1.25 * y[i]) + (2 * v * v) + 0.125).ToArray(), acc);
        Assert.Throws<ArgumentException>(() => f.Evaluator.MultiplyConstAccumulate(acc, 1.0, f.Evaluator.CreateAccumulator(a.ParmsId, 2, target)));
    }

    [Fact]
    public void Plaintext_products_accumulate_at_a_common_scale()
    {
        double[] x = f.Random(15), y = f.Random(16), w = f.Random(17), v = f.Random(18);
        Ciphertext a = f.Encrypt(x), b = f.Encrypt(y);
        var acc = f.Evaluator.CreateAccumulator(a.ParmsId, 2, Scale * Scale);
        f.Evaluator.MultiplyPlainAccumulate(a, f.Encoder.Encode(w, Scale), acc);
        f.Evaluator.MultiplyPlainAccumulate(b, f.Encoder.Encode(v, Scale), acc);
        f.Evaluator.RescaleToNextInplace(acc);
        AssertClose(x.Select((p, i) => (p * w[i]) + (y[i] * v[i])).ToArray(), acc);
        Assert.Contains("scale mismatch", Assert.Throws<ArgumentException>(
            () => f.Evaluator.MultiplyPlainAccumulate(a, f.Encoder.Encode(w, Scale / 2), f.Evaluator.CreateAccumulator(a.ParmsId, 2, Scale * Scale))).Message);
    }

    [Fact]
    public void Depth_two_circuit_reaches_the_last_level()
    {
        var x = f.Random(6);
        var ct = f.Encrypt(x);
        f.Evaluator.SquareInplace(ct);
        f.Evaluator.RelinearizeInplace(ct, f.RelinKeys);
        f.Evaluator.RescaleToNextInplace(ct);
        f.Evaluator.SquareInplace(ct);
        f.Evaluator.RelinearizeInplace(ct, f.RelinKeys);
        f.Evaluator.RescaleToNextInplace(ct);
        Assert.Equal(f.Context.LastParmsId, ct.ParmsId);
        AssertClose(x.Select(p => p * p * p * p).ToArray(), ct, 1e-4);
        Assert.Throws<InvalidOperationException>(() => f.Evaluator.RescaleToNextInplace(ct));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(-4)]
    [InlineData(5)]    // composed: 1 + 4
    [InlineData(-3)]   // composed: −4 + 1
    [InlineData(100)]  // several NAF digits, all keys present? no: 100 = 128 − 32 + 4 → needs 128 and 32: must fail
    public void Rotations(int steps)
    {
        var x = f.Random(7);
        var ct = f.Encrypt(x);
        var r = new Ciphertext();
        if (steps == 100)
        {
            Assert.Contains("Galois key not present", Assert.Throws<ArgumentException>(
                () => f.Evaluator.RotateVector(ct, steps, f.GaloisKeys, r)).Message);
            return;
        }

        f.Evaluator.RotateVector(ct, steps, f.GaloisKeys, r);
        AssertClose(Rotate(x, steps), r);
    }

    [Fact]
    public void Complex_conjugation()
    {
        var values = Enumerable.Range(0, f.Context.SlotCount).Select(i => new Complex(i % 7, (i % 5) - 2)).ToArray();
        var plain = new Plaintext();
        f.Encoder.Encode(values, f.Context.FirstParmsId, Scale, plain);
        var ct = f.Encryptor.Encrypt(plain);
        f.Evaluator.ComplexConjugateInplace(ct, f.GaloisKeys);
        var decoded = new Complex[values.Length];
        f.Encoder.Decode(f.Decryptor.Decrypt(ct), decoded);
        Assert.True(values.Zip(decoded, (a, b) => Complex.Abs(Complex.Conjugate(a) - b)).Max() < Tolerance);
    }

    [Fact]
    public void Mod_switching_keeps_values_and_levels_must_match()
    {
        var x = f.Random(8);
        Ciphertext a = f.Encrypt(x), b = new();
        f.Evaluator.ModSwitchTo(a, f.Context.LastParmsId, b);
        Assert.Equal(f.Context.LastParmsId, b.ParmsId);
        AssertClose(x, b);
        Assert.Contains("parameter mismatch", Assert.Throws<ArgumentException>(() => f.Evaluator.Add(a, b, new Ciphertext())).Message);
        Assert.Throws<ArgumentException>(() => f.Evaluator.ModSwitchTo(b, f.Context.FirstParmsId, new Ciphertext()));
    }

    [Fact]
    public void Seal_checks_are_enforced()
    {
        var ct = f.Encrypt(f.Random(9));
        var squared = new Ciphertext();
        f.Evaluator.Square(ct, squared);
        Assert.Contains("scale mismatch", Assert.Throws<ArgumentException>(() => f.Evaluator.Add(ct, squared, new Ciphertext())).Message);
        Assert.Contains("size must be 2", Assert.Throws<ArgumentException>(() => f.Evaluator.RotateVector(squared, 1, f.GaloisKeys, new Ciphertext())).Message);
        f.Evaluator.MultiplyInplace(squared, ct); // size 4, needs s³
        Assert.Contains("not enough relinearization keys", Assert.Throws<ArgumentException>(() => f.Evaluator.RelinearizeInplace(squared, f.RelinKeys)).Message);
        Assert.Contains("transparent", Assert.Throws<InvalidOperationException>(() => f.Evaluator.MultiplyConst(ct, 0.0, Scale, new Ciphertext())).Message);
        var big = new Ciphertext();
        f.Evaluator.MultiplyConst(ct, 1.0, Math.Pow(2, 59), big);
        Assert.Contains("scale out of bounds", Assert.Throws<InvalidOperationException>(() => f.Evaluator.MultiplyConst(big, 1.0, Math.Pow(2, 60), new Ciphertext())).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Evaluator.RotateVector(ct, 4096, f.GaloisKeys, new Ciphertext()));
    }

    [Fact]
    public void In_place_and_destination_forms_agree()
    {
        double[] x = f.Random(10), y = f.Random(11);
        Ciphertext a = f.Encrypt(x), b = f.Encrypt(y), r = new();
        f.Evaluator.Multiply(a, b, r);
        var c = a.Clone();
        f.Evaluator.MultiplyInplace(c, b);
        Assert.True(r.Data.SequenceEqual(c.Data));
        f.Evaluator.Add(a, b, r);
        f.Evaluator.AddInplace(b, a); // destination aliases the second operand
        Assert.True(r.Data.SequenceEqual(b.Data));
    }

    [Fact]
    public void Shared_evaluator_is_safe_across_threads()
    {
        var x = f.Random(12);
        var ct = f.Encrypt(x);
        var expected = new Ciphertext();
        f.Evaluator.RotateVector(ct, 1, f.GaloisKeys, expected);
        var results = new Ciphertext[8];
        Parallel.For(0, results.Length, i =>
        {
            results[i] = new Ciphertext();
            f.Evaluator.RotateVector(ct, 1, f.GaloisKeys, results[i]);
        });
        Assert.All(results, r => Assert.True(r.Data.SequenceEqual(expected.Data)));
    }

    [Fact]
    public void Secret_keys_are_never_printed_and_can_be_wiped()
    {
        var keygen = new KeyGenerator(f.Context);
        var firstWord = keygen.SecretKey.Data[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(firstWord, keygen.SecretKey.ToString());
        keygen.SecretKey.Dispose();
        Assert.Throws<ObjectDisposedException>(() => keygen.SecretKey.Save());
    }
}
