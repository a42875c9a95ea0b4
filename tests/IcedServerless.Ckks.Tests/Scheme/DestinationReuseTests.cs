namespace IcedServerless.Ckks.Tests.Scheme;

/// <summary>
/// Operations write into the destination's existing storage when it has room, and work in place when the destination
/// is an operand. Every form must give the very same words as a fresh destination.
/// </summary>
public sealed class DestinationReuseTests(EngineFixture f) : IClassFixture<EngineFixture>
{
    private readonly Ciphertext _a = f.Encrypt(f.Random(20));
    private readonly Ciphertext _b = f.Encrypt(f.Random(21));

    /// <summary>A fresh copy of the same encryption each time, so every form starts from equal words.</summary>
    private Ciphertext A => _a.Clone();

    private Ciphertext B => _b.Clone();

    /// <summary>A destination with leftover words and room for three polynomials at the top level.</summary>
    private Ciphertext Used()
    {
        var used = new Ciphertext();
        f.Evaluator.Multiply(f.Encrypt(f.Random(22)), f.Encrypt(f.Random(23)), used);
        f.Evaluator.RelinearizeInplace(used, f.RelinKeys);
        return used;
    }

    /// <summary>Runs a unary operation into a fresh, a used and the operand's own ciphertext.</summary>
    private void AssertFormsAgree(Func<Ciphertext> input, Action<Ciphertext, Ciphertext> op)
    {
        var expected = new Ciphertext();
        op(input(), expected);

        var used = Used();
        op(input(), used);
        AssertSame(expected, used);

        var inPlace = input();
        op(inPlace, inPlace);
        AssertSame(expected, inPlace);

        // An operand whose storage already has room for a size-3 result.
        var roomy = Used();
        roomy.CopyFrom(input());
        op(roomy, roomy);
        AssertSame(expected, roomy);
    }

    private static void AssertSame(Ciphertext expected, Ciphertext actual)
    {
        Assert.Equal(expected.ParmsId, actual.ParmsId);
        Assert.Equal(expected.Size, actual.Size);
        Assert.Equal(expected.Scale, actual.Scale);
        Assert.True(expected.Data.SequenceEqual(actual.Data), "the words differ");
    }

    [Fact]
    public void Products_agree_in_every_form()
    {
        var b = B;
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.Multiply(x, b, d));
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.Multiply(b, x, d));
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.Square(x, d));
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.Multiply(x, x, d));
    }

    [Fact]
    public void Products_of_larger_sizes_agree_in_every_form()
    {
        // A size-3 product at scale 2^40 (from operands at 2^20), so that its square still fits the modulus.
        var b = B;
        var small = f.Encryptor.Encrypt(f.Encoder.Encode(f.Random(25), Math.Pow(2, 20)));
        var three = new Ciphertext();
        f.Evaluator.Square(small, three);
        Ciphertext Three() => three.Clone();

        AssertFormsAgree(Three, (x, d) => f.Evaluator.Multiply(x, b, d));
        AssertFormsAgree(Three, (x, d) => f.Evaluator.Square(x, d));
        AssertFormsAgree(Three, (x, d) => f.Evaluator.Relinearize(x, f.RelinKeys, d));
    }

    [Fact]
    public void Level_changes_agree_in_every_form()
    {
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.RescaleToNext(x, d));
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.ModSwitchToNext(x, d));
    }

    [Fact]
    public void Rotations_agree_in_every_form()
    {
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.RotateVector(x, 1, f.GaloisKeys, d));
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.RotateVector(x, 3, f.GaloisKeys, d)); // composed from two keys
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.ComplexConjugate(x, f.GaloisKeys, d));
    }

    [Fact]
    public void Element_wise_operations_agree_in_every_form()
    {
        var b = B;
        var plain = f.Encoder.Encode(f.Random(24), SealVectors.Scale);
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.Add(x, b, d));
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.Sub(b, x, d));
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.Negate(x, d));
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.AddPlain(x, plain, d));
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.MultiplyPlain(x, plain, d));
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.MultiplyConst(x, 0.75, SealVectors.Scale, d));
        AssertFormsAgree(() => A, (x, d) => f.Evaluator.AddConst(x, -1.5, d));
    }

    [Fact]
    public void A_relinearized_product_keeps_room_and_the_next_product_lands_in_it()
    {
        var product = new Ciphertext();
        f.Evaluator.Multiply(A, B, product);
        f.Evaluator.RelinearizeInplace(product, f.RelinKeys);
        var x = f.Random(20);
        var y = f.Random(21);
        f.Evaluator.MultiplyInplace(product, A);
        f.Evaluator.RelinearizeInplace(product, f.RelinKeys);
        f.Evaluator.RescaleToNextInplace(product);
        var expected = x.Zip(y, (p, q) => p * q * p).ToArray();
        var decoded = f.Decrypt(product);
        Assert.True(SealVectors.MaxError(decoded, expected) < 1e-3, $"max error {SealVectors.MaxError(decoded, expected)}");
    }
}
