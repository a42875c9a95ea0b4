using IcedServerless.Ckks;

namespace IcedServerless.Inference.Latency;

/// <summary>The encrypted evaluation of one image.</summary>
public sealed partial class LatencyEncryptedModel
{
    /// <inheritdoc/>
    public IReadOnlyList<Ciphertext> Evaluate(IReadOnlyList<Ciphertext> unit, EvaluationKeys keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(keys);
        ValidateUnit(unit);
        var galois = keys.GaloisKeys ?? throw new ArgumentException("Galois keys are required", nameof(keys));
        var relin = keys.RelinKeys ?? throw new ArgumentException("relinearization keys are required", nameof(keys));
        var plaintexts = _plaintexts.Value;

        // First layer: Σ_m weights_m ⊙ gather_m + bias, one rescale, then fold the blocks cyclically.
        var z = _evaluator.CreateAccumulator(_inputLevel.ParmsId, 2, unit[0].Scale * (double)_inputLevel.CoeffModulus[^1]);
        for (var m = 0; m < unit.Count; m++)
        {
            _evaluator.MultiplyPlainAccumulate(unit[m], plaintexts.FirstWeights[m], z);
        }

        _evaluator.AddPlainInplace(z, plaintexts.FirstBias);
        _evaluator.RescaleToNextInplace(z);
        RotateAndSum(z, _layout.BlockSize, _layout.BlockSize * _layout.BlocksPerCiphertext, galois);

        foreach (var stage in plaintexts.Stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            z = RunStage(z, stage, galois, relin);
        }

        return [z];
    }

    private void ValidateUnit(IReadOnlyList<Ciphertext> unit)
    {
        if (unit.Count != Plan.InputCiphertextsPerUnit)
        {
            throw new ArgumentException($"a unit of {Plan.ModelId} has {Plan.InputCiphertextsPerUnit} ciphertexts, not {unit.Count}", nameof(unit));
        }

        for (var i = 0; i < unit.Count; i++)
        {
            var ct = unit[i] ?? throw new ArgumentException($"ciphertext {i} is missing", nameof(unit));
            if (ct.ParmsId != _inputLevel.ParmsId || ct.Size != 2 || Math.Abs(ct.Scale - Plan.InputScale) > Plan.InputScale * 1e-9)
            {
                throw new ArgumentException($"ciphertext {i} is not a fresh ciphertext at the plan's input level and scale", nameof(unit));
            }
        }
    }

    /// <summary>
    /// y = Σ_j D^sq_j ⊙ rot(z, j)² + D^lin_j ⊙ rot(z, j) + c, then two rescales, one relinearization and a
    /// rotate-and-sum over the window. Squaring after rotating keeps every term at size 3 until the single
    /// relinearization.
    /// </summary>
    private Ciphertext RunStage(Ciphertext z, StagePlaintexts stage, GaloisKeys galois, RelinKeys relin)
    {
        var g = stage.Geometry;
        var acc = _evaluator.CreateAccumulator(z.ParmsId, 3, stage.TargetScale);
        var rotated = new Ciphertext[g.OutputsPadded];
        rotated[0] = z;
        var squared = new Ciphertext();
        for (var j = 0; j < g.OutputsPadded; j++)
        {
            if (j > 0)
            {
                // rot(z, j) = rot(rot(z, j − lowbit), lowbit): one power-of-two rotation each.
                var low = j & -j;
                rotated[j] = new Ciphertext();
                _evaluator.RotateVector(rotated[j - low], low, galois, rotated[j]);
            }

            if (stage.Square[j] is { } square)
            {
                _evaluator.Square(rotated[j], squared);
                _evaluator.MultiplyPlainAccumulate(squared, square, acc);
            }

            if (stage.Linear[j] is { } linear)
            {
                _evaluator.MultiplyPlainAccumulate(rotated[j], linear, acc);
            }
        }

        _evaluator.AddPlainInplace(acc, stage.Constant);
        _evaluator.RescaleToNextInplace(acc);
        _evaluator.RescaleToNextInplace(acc);
        _evaluator.RelinearizeInplace(acc, relin);
        RotateAndSum(acc, g.OutputsPadded, g.Window, galois);
        return acc;
    }

    /// <summary>x += rot(x, s) for s = window/2, window/4, …, stride: sums the window's strided copies.</summary>
    private void RotateAndSum(Ciphertext x, int stride, int window, GaloisKeys galois)
    {
        var rotated = new Ciphertext();
        for (var step = window / 2; step >= stride; step >>= 1)
        {
            _evaluator.RotateVector(x, step, galois, rotated);
            _evaluator.AddInplace(x, rotated);
        }
    }
}
