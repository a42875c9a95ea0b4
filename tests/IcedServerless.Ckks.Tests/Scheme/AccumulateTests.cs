namespace IcedServerless.Ckks.Tests.Scheme;

/// <summary>The fused accumulators give the very words of the separate product and sum.</summary>
public sealed class AccumulateTests(EngineFixture f) : IClassFixture<EngineFixture>
{
    private const double Scale = SealVectors.Scale;

    /// <summary>A size-3 accumulator (the square of a fresh encryption) and a size-2 term at the same level.</summary>
    private (Ciphertext Accumulator, Ciphertext Term) Operands(int seed)
    {
        var accumulator = new Ciphertext();
        f.Evaluator.Square(f.Encrypt(f.Random(seed)), accumulator);
        return (accumulator, f.Encrypt(f.Random(seed + 1)));
    }

    [Fact]
    public void MultiplyConstAccumulate_equals_MultiplyConst_then_Add()
    {
        var (accumulator, term) = Operands(30);
        var expected = new Ciphertext();
        f.Evaluator.MultiplyConst(term, -0.8125, accumulator.Scale / term.Scale, expected);
        f.Evaluator.AddInplace(expected, accumulator);

        f.Evaluator.MultiplyConstAccumulate(term, -0.8125, accumulator);
        Assert.True(expected.Data.SequenceEqual(accumulator.Data));
        Assert.Equal(3, accumulator.Size);
    }

    [Fact]
    public void MultiplyPlainAccumulate_equals_MultiplyPlain_then_Add()
    {
        var (accumulator, term) = Operands(32);
        var plain = f.Encoder.Encode(f.Random(34), Scale);
        var expected = new Ciphertext();
        f.Evaluator.MultiplyPlain(term, plain, expected);
        f.Evaluator.AddInplace(expected, accumulator);

        accumulator.Scale = term.Scale * plain.Scale;
        f.Evaluator.MultiplyPlainAccumulate(term, plain, accumulator);
        Assert.True(expected.Data.SequenceEqual(accumulator.Data));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_growing_accumulator_keeps_its_sum_and_starts_the_new_polynomial_at_zero(bool roomy)
    {
        var (square, term) = Operands(36);
        var accumulator = f.Evaluator.CreateAccumulator(term.ParmsId, 2, square.Scale);
        if (roomy)
        {
            // Storage left over from a size-3 value, with non-zero words where the third polynomial goes.
            var leftover = square.Clone();
            f.Evaluator.MultiplyConstAccumulate(term, 0.5, leftover);
            accumulator = leftover;
            f.Evaluator.RelinearizeInplace(accumulator, f.RelinKeys);
        }

        var before = accumulator.Clone();
        f.Evaluator.MultiplyConstAccumulate(square, 1.0, accumulator);
        var expected = new Ciphertext();
        f.Evaluator.Add(before, square, expected);
        Assert.Equal(3, accumulator.Size);
        Assert.True(expected.Data.SequenceEqual(accumulator.Data));
    }
}
