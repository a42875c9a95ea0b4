using IcedServerless.Ckks;
using IcedServerless.Inference.Lowering;

namespace IcedServerless.Inference.Latency;

/// <summary>Precomputation: the gather table and every plaintext the evaluation multiplies by.</summary>
public sealed partial class LatencyEncryptedModel
{
    /// <summary>The first layer's gather table: term t of row r reads pixel <c>gather[t·rows + r]</c> (−1: none).</summary>
    private int[] BuildGather()
    {
        var gather = new int[_layout.Terms * _layout.Rows];
        Array.Fill(gather, -1);
        foreach (var (term, row, column, _) in FirstLayerEntries())
        {
            gather[(term * _layout.Rows) + row] = column;
        }

        return gather;
    }

    /// <summary>Encodes every plaintext the evaluation uses; runs once, on the first evaluation.</summary>
    private CompiledPlaintexts BuildPlaintexts()
    {
        var encoder = new CkksEncoder(Context);
        var (weights, bias) = BuildFirstLayer(encoder, _inputScale);
        return new CompiledPlaintexts(weights, bias, BuildStages(encoder, _inputScale));
    }

    /// <summary>The first layer's non-zero weights as (term, row, pixel, weight): term t is row r's t-th weight.</summary>
    private IEnumerable<(int Term, int Row, int Column, double Value)> FirstLayerEntries()
    {
        var first = _network.First;
        for (var r = 0; r < _layout.Rows; r++)
        {
            for (var e = first.RowStart[r]; e < first.RowStart[r + 1]; e++)
            {
                yield return (e - first.RowStart[r], r, first.Columns[e], first.Values[e]);
            }
        }
    }

    private (Plaintext[] Weights, Plaintext Bias) BuildFirstLayer(CkksEncoder encoder, double inputScale)
    {
        var block = _layout.BlockSize;
        var vectors = new double[_layout.InputCiphertexts][];
        for (var m = 0; m < vectors.Length; m++)
        {
            vectors[m] = new double[Context.SlotCount];
        }

        foreach (var (term, row, _, value) in FirstLayerEntries())
        {
            vectors[term / _layout.BlocksPerCiphertext][((term % _layout.BlocksPerCiphertext) * block) + row] = value;
        }

        // Weights at scale q_last, so products land at inputScale·q_last and one rescale returns to inputScale.
        var weightScale = (double)_inputLevel.CoeffModulus[^1];
        var weights = vectors.Select(v => Encode(encoder, v, _inputLevel.ParmsId, weightScale)).ToArray();
        var bias = new double[Context.SlotCount]; // block 0 only: the cyclic fold then adds it exactly once
        _network.First.Bias.CopyTo(bias, 0);
        return (weights, Encode(encoder, bias, _inputLevel.ParmsId, inputScale * weightScale));
    }

    private StagePlaintexts[] BuildStages(CkksEncoder encoder, double inputScale)
    {
        // Replay the scale arithmetic of the evaluation exactly, so every plaintext is encoded where it is used.
        var scale = inputScale * (double)_inputLevel.CoeffModulus[^1] / _inputLevel.CoeffModulus[^1];
        var level = _inputLevel.Next!;
        var result = new StagePlaintexts[_network.Stages.Count];
        for (var s = 0; s < result.Length; s++)
        {
            var stage = _network.Stages[s];
            var geometry = _layout.Stages[s];
            var next = level.Next!;
            var target = scale * level.CoeffModulus[^1] * next.CoeffModulus[^1];
            var square = new Plaintext?[geometry.OutputsPadded];
            var linear = new Plaintext?[geometry.OutputsPadded];
            for (var j = 0; j < geometry.OutputsPadded; j++)
            {
                square[j] = Diagonal(encoder, stage.Square, geometry, j, level, target / (scale * scale));
                linear[j] = Diagonal(encoder, stage.Linear, geometry, j, level, target / scale);
            }

            // The constant goes into the first window of each period only: rotate-and-sum then counts it once.
            var constant = new double[Context.SlotCount];
            for (var i = 0; i < constant.Length; i++)
            {
                var h = i % geometry.Window;
                constant[i] = h < geometry.Outputs ? stage.Constant[h] : 0;
            }

            result[s] = new StagePlaintexts(square, linear, Encode(encoder, constant, level.ParmsId, target), target, geometry);
            scale = target / level.CoeffModulus[^1] / next.CoeffModulus[^1];
            level = next.Next!;
        }

        return result;
    }

    /// <summary>
    /// Hybrid diagonal j of an (outputs × inputs) map: D_j[i] = M[i mod Hp, (i + j) mod W], zero where the row or
    /// column does not exist; periodic with the window W over the whole slot ring. Null when it is all zero.
    /// </summary>
    private Plaintext? Diagonal(CkksEncoder encoder, SparseAffine map, StageGeometry g, int j, ContextData level, double scale)
    {
        var dense = new double[g.Outputs, g.Inputs];
        for (var h = 0; h < g.Outputs; h++)
        {
            for (var e = map.RowStart[h]; e < map.RowStart[h + 1]; e++)
            {
                dense[h, map.Columns[e]] = map.Values[e];
            }
        }

        var values = new double[Context.SlotCount];
        var any = false;
        for (var i = 0; i < values.Length; i++)
        {
            var row = i % g.OutputsPadded;
            var column = (i + j) % g.Window;
            if (row < g.Outputs && column < g.Inputs && dense[row, column] != 0)
            {
                values[i] = dense[row, column];
                any = true;
            }
        }

        return any ? Encode(encoder, values, level.ParmsId, scale) : null;
    }

    private static Plaintext Encode(CkksEncoder encoder, double[] values, ParmsId level, double scale)
    {
        var plain = new Plaintext();
        encoder.Encode(values, level, scale, plain);
        return plain;
    }
}
