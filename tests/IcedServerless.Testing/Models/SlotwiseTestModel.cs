using IcedServerless.Ckks;
using IcedServerless.Inference;

namespace IcedServerless.Testing.Models;

/// <summary>
/// A small but real homomorphic model for the pipeline tests, over a secure N=8192 CKKS context
/// (primes 60, 40, 40, 60). Per slot i and class c it computes
/// <c>y_c[i] = w_c·x[i] + v_c·x[i+1] + x[i]² + b_c</c>: one square (relinearization keys), one rotation by 1
/// (Galois keys), constant multiplies and one rescale. One input ciphertext per unit, two output ciphertexts.
/// </summary>
public sealed class SlotwiseTestModel : IEncryptedModel
{
    public const string Id = "test/slotwise";

    private static readonly double[] s_w = [0.75, -1.25];
    private static readonly double[] s_v = [0.5, 0.25];
    private static readonly double[] s_b = [0.125, -0.5];
    private readonly Evaluator _evaluator;

    public SlotwiseTestModel(CkksContextOptions? options = null)
    {
        var parameters = EncryptionParameters.Create(8192, 60, 40, 40, 60);
        Context = new CkksContext(parameters, options);
        _evaluator = new Evaluator(Context);
        Plan = new ModelPlan(
            Id, Packing.Throughput, 8192, [60, 40, 40, 60], parameters.Save(), Math.Pow(2, 40), Context.FirstContextData.ChainIndex, 1,
            NeedsRelinKeys: true, RotationSteps: [1], InputCiphertextsPerUnit: 1, ImagesPerUnit: Context.SlotCount, OutputCiphertextsPerUnit: 2,
            Layout: "slot i of the input holds x[i]; slot i of output c holds y_c[i] = w_c*x[i] + v_c*x[i+1] + x[i]^2 + b_c",
            ImageSize: 1, ClassNames: ["first", "second"]);
    }

    public ModelPlan Plan { get; }

    public CkksContext Context { get; }

    /// <summary>The plaintext model: what decrypted results must match.</summary>
    public static double[][] Predict(ReadOnlySpan<double> x)
    {
        var result = new double[2][];
        for (var c = 0; c < 2; c++)
        {
            result[c] = new double[x.Length];
            for (var i = 0; i < x.Length; i++)
            {
                result[c][i] = (s_w[c] * x[i]) + (s_v[c] * x[(i + 1) % x.Length]) + (x[i] * x[i]) + s_b[c];
            }
        }

        return result;
    }

    public EvaluationKeys LoadKeys(ReadOnlyMemory<byte>? relinKeys, ReadOnlyMemory<byte>? galoisKeys)
    {
        var relin = RelinKeys.Load(Context, relinKeys ?? throw new ArgumentException("Relinearization keys are required.", nameof(relinKeys)));
        var galois = GaloisKeys.Load(Context, galoisKeys ?? throw new ArgumentException("Galois keys are required.", nameof(galoisKeys)));
        if (!relin.HasKey(2))
        {
            throw new ArgumentException("The relinearization keys lack the key for power 2.", nameof(relinKeys));
        }

        if (!galois.HasKey(Ckks.Ring.Galois.ElementFromStep(1, Context.PolyModulusDegree)))
        {
            throw new ArgumentException("The Galois keys lack the key for rotation step 1.", nameof(galoisKeys));
        }

        return new EvaluationKeys(relin, galois);
    }

    public IReadOnlyList<Ciphertext> Evaluate(IReadOnlyList<Ciphertext> unit, EvaluationKeys keys, CancellationToken cancellationToken = default)
    {
        if (unit.Count != 1)
        {
            throw new ArgumentException($"A unit has 1 ciphertext, not {unit.Count}.", nameof(unit));
        }

        var x = unit[0];
        if (x.ParmsId != Context.FirstParmsId)
        {
            throw new ArgumentException("The input is not at the first data level.", nameof(unit));
        }

        var square = new Ciphertext();
        _evaluator.Square(x, square);
        _evaluator.RelinearizeInplace(square, keys.RelinKeys!);
        var rotated = new Ciphertext();
        _evaluator.RotateVector(x, 1, keys.GaloisKeys!, rotated);
        var outputs = new Ciphertext[2];
        for (var c = 0; c < 2; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var y = new Ciphertext();
            var term = new Ciphertext();
            _evaluator.MultiplyConst(x, s_w[c], Plan.InputScale, y);
            _evaluator.MultiplyConst(rotated, s_v[c], Plan.InputScale, term);
            _evaluator.AddInplace(y, term);
            _evaluator.AddInplace(y, square);
            _evaluator.RescaleToNextInplace(y);
            _evaluator.AddConst(y, s_b[c], y);
            outputs[c] = y;
        }

        return outputs;
    }
}
