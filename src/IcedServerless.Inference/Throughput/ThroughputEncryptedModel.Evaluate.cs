using IcedServerless.Ckks;
using IcedServerless.Inference.Lowering;

namespace IcedServerless.Inference.Throughput;

/// <summary>The encrypted evaluation: the first map streamed in chunks, then the folded quadratic stages.</summary>
public sealed partial class ThroughputEncryptedModel
{
    // How many first-layer outputs are materialized at once (bounds memory: each is a few hundred KiB).
    private const int ChunkSize = 64;

    /// <inheritdoc/>
    public IReadOnlyList<Ciphertext> Evaluate(IReadOnlyList<Ciphertext> unit, EvaluationKeys keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(keys);
        ValidateUnit(unit);
        if (_network.Stages.Count == 0)
        {
            return Enumerable.Range(0, _network.First.OutputCount).Select(o => FirstMap(unit, o)).ToArray();
        }

        var relin = keys.RelinKeys ?? throw new ArgumentException("relinearization keys are required", nameof(keys));
        var stage = _network.Stages[0];
        var outputs = RunStage(stage, _network.First.OutputCount, i => FirstMap(unit, i), relin, cancellationToken);
        for (var s = 1; s < _network.Stages.Count; s++)
        {
            var inputs = outputs;
            outputs = RunStage(_network.Stages[s], inputs.Length, i => inputs[i], relin, cancellationToken);
        }

        return outputs;
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
            if (ct.ParmsId != _inputLevel.ParmsId || ct.Size != 2)
            {
                throw new ArgumentException($"ciphertext {i} is not a fresh ciphertext at the plan's input level (chain index {_inputLevel.ChainIndex})", nameof(unit));
            }

            if (Math.Abs(ct.Scale - Plan.InputScale) > Plan.InputScale * 1e-9)
            {
                throw new ArgumentException($"ciphertext {i} has scale {ct.Scale}; the plan needs {Plan.InputScale}", nameof(unit));
            }
        }
    }

    /// <summary>Output <paramref name="o"/> of the first affine map, rescaled back to the input scale.</summary>
    private Ciphertext FirstMap(IReadOnlyList<Ciphertext> unit, int o)
    {
        var map = _network.First;
        var acc = _evaluator.CreateAccumulator(_inputLevel.ParmsId, 2, unit[0].Scale * _inputLevel.CoeffModulus[^1]);
        for (var e = map.RowStart[o]; e < map.RowStart[o + 1]; e++)
        {
            _evaluator.MultiplyConstAccumulate(unit[map.Columns[e]], map.Values[e], acc);
        }

        _evaluator.AddConstInplace(acc, map.Bias[o]);
        _evaluator.RescaleToNextInplace(acc);
        return acc;
    }

    /// <summary>
    /// y_h = Σ_i Square[h,i]·z_i² + Linear[h,i]·z_i + Constant[h], accumulated at scale S·q_x·q_y so that two
    /// rescales bring it back to S, then relinearized once (at the lower level, where it is cheaper).
    /// </summary>
    private Ciphertext[] RunStage(QuadraticStage stage, int inputCount, Func<int, Ciphertext> input, RelinKeys relin, CancellationToken cancellationToken)
    {
        var first = input(0);
        var level = Context.GetContextData(first.ParmsId);
        var next = level.Next ?? throw new InvalidOperationException("not enough levels for a quadratic stage");
        var target = first.Scale * level.CoeffModulus[^1] * next.CoeffModulus[^1];
        var outputs = new Ciphertext[stage.OutputCount];
        for (var h = 0; h < outputs.Length; h++)
        {
            outputs[h] = _evaluator.CreateAccumulator(level.ParmsId, 3, target);
        }

        var cursors = new int[outputs.Length];
        for (var h = 0; h < outputs.Length; h++)
        {
            cursors[h] = stage.Square.RowStart[h];
        }

        var linearCursors = new int[outputs.Length];
        for (var h = 0; h < outputs.Length; h++)
        {
            linearCursors[h] = stage.Linear.RowStart[h];
        }

        var z = new Ciphertext[Math.Min(ChunkSize, inputCount)];
        var squared = new Ciphertext[z.Length];
        for (var start = 0; start < inputCount; start += ChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(start + ChunkSize, inputCount);
            Parallel.For(start, end, _parallel, i =>
            {
                z[i - start] = i == 0 ? first : input(i);
                squared[i - start] = new Ciphertext();
                _evaluator.Square(z[i - start], squared[i - start]);
            });

            // Rows are sorted by column, so each output walks its own cursor through the chunk.
            Parallel.For(0, outputs.Length, _parallel, h =>
            {
                cursors[h] = AccumulateRange(stage.Square, h, cursors[h], end, squared, start, outputs[h]);
                linearCursors[h] = AccumulateRange(stage.Linear, h, linearCursors[h], end, z, start, outputs[h]);
            });
        }

        Parallel.For(0, outputs.Length, _parallel, h =>
        {
            _evaluator.AddConstInplace(outputs[h], stage.Constant[h]);
            _evaluator.RescaleToNextInplace(outputs[h]);
            _evaluator.RescaleToNextInplace(outputs[h]);
            _evaluator.RelinearizeInplace(outputs[h], relin);
        });
        return outputs;
    }

    private int AccumulateRange(SparseAffine map, int row, int cursor, int end, Ciphertext[] chunk, int chunkStart, Ciphertext accumulator)
    {
        var stop = map.RowStart[row + 1];
        while (cursor < stop && map.Columns[cursor] < end)
        {
            _evaluator.MultiplyConstAccumulate(chunk[map.Columns[cursor] - chunkStart], map.Values[cursor], accumulator);
            cursor++;
        }

        return cursor;
    }
}
