using static IcedServerless.Ckks.Tests.Infrastructure.SealVectors;

namespace IcedServerless.Ckks.Tests.Scheme;

/// <summary>Hoisted rotations decrypt to the rotated slots, as sequential rotations do.</summary>
public sealed class RotateManyTests(EngineFixture f) : IClassFixture<EngineFixture>
{
    private static double[] Rotated(double[] x, int step) =>
        Enumerable.Range(0, x.Length).Select(i => x[(((i + step) % x.Length) + x.Length) % x.Length]).ToArray();

    [Fact]
    public void Every_step_decrypts_to_its_rotation_and_matches_the_sequential_result()
    {
        var x = f.Random(40);
        var encrypted = f.Encrypt(x);
        int[] steps = [1, -1, 4, -4, 3, 0, 1];
        var results = f.Evaluator.RotateMany(encrypted, steps, f.GaloisKeys);

        Assert.Equal(steps.Length, results.Length);
        for (var r = 0; r < steps.Length; r++)
        {
            Assert.Equal(encrypted.ParmsId, results[r].ParmsId);
            Assert.Equal(encrypted.Scale, results[r].Scale);
            Assert.Equal(2, results[r].Size);
            var decoded = f.Decrypt(results[r]);
            Assert.True(MaxError(decoded, Rotated(x, steps[r])) < 1e-5, $"step {steps[r]}: max error {MaxError(decoded, Rotated(x, steps[r]))}");

            var sequential = new Ciphertext();
            f.Evaluator.RotateVector(encrypted, steps[r], f.GaloisKeys, sequential);
            Assert.True(MaxError(decoded, f.Decrypt(sequential)) < 1e-5);
        }

        // The same step twice gives the same words; the input is left as it was.
        Assert.True(results[0].Data.SequenceEqual(results[^1].Data));
        Assert.True(f.Decrypt(encrypted).Zip(x).All(p => Math.Abs(p.First - p.Second) < 1e-5));
    }

    [Fact]
    public void Hoisting_works_at_lower_levels_and_a_single_step_is_the_plain_rotation()
    {
        var x = f.Random(41);
        var encrypted = f.Encrypt(x);
        f.Evaluator.ModSwitchToNextInplace(encrypted);
        var results = f.Evaluator.RotateMany(encrypted, [-4, 4], f.GaloisKeys);
        Assert.True(MaxError(f.Decrypt(results[0]), Rotated(x, -4)) < 1e-5);
        Assert.True(MaxError(f.Decrypt(results[1]), Rotated(x, 4)) < 1e-5);

        var single = f.Evaluator.RotateMany(encrypted, [4], f.GaloisKeys);
        var expected = new Ciphertext();
        f.Evaluator.RotateVector(encrypted, 4, f.GaloisKeys, expected);
        Assert.True(expected.Data.SequenceEqual(single[0].Data));
        Assert.Empty(f.Evaluator.RotateMany(encrypted, [], f.GaloisKeys));
    }

    [Fact]
    public void Bad_inputs_are_refused()
    {
        var encrypted = f.Encrypt(f.Random(42));
        var onlyThree = f.KeyGenerator.CreateGaloisKeys([3]);
        Assert.Contains("Galois key not present",
            Assert.Throws<ArgumentException>(() => f.Evaluator.RotateMany(encrypted, [3, 1], onlyThree)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Evaluator.RotateMany(encrypted, [1, 4096], f.GaloisKeys));
        var product = new Ciphertext();
        f.Evaluator.Multiply(encrypted, encrypted, product);
        Assert.Throws<ArgumentException>(() => f.Evaluator.RotateMany(product, [1, -1], f.GaloisKeys));
        Assert.Throws<ArgumentNullException>(() => f.Evaluator.RotateMany(encrypted, null!, f.GaloisKeys));
    }
}
