using IcedServerless.Model.Layers;

namespace IcedServerless.Inference.Lowering;

/// <summary>
/// An affine map y = W·x + b with W in compressed sparse rows: a run of linear layers (convolution, pooling, dense,
/// flatten) composed into one, so that under encryption it costs one level and one rescale.
/// </summary>
internal sealed class SparseAffine
{
    private SparseAffine(int inputs, int[] rowStart, int[] columns, double[] values, double[] bias)
    {
        InputCount = inputs;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
        Bias = bias;
    }

    public int InputCount { get; }

    public int OutputCount => Bias.Length;

    public int[] RowStart { get; }

    public int[] Columns { get; }

    public double[] Values { get; }

    public double[] Bias { get; }

    public int NonZeros => Values.Length;

    /// <summary>
    /// Composes linear layers by probing them with the model's own forward pass: the zero vector gives b, each basis
    /// vector e_k gives column k of W plus b. Entries that are exactly zero (no connection) are dropped.
    /// </summary>
    public static SparseAffine Probe(IReadOnlyList<Layer> layers)
    {
        var inputs = layers[0].InputShape.Size;
        var outputs = layers[^1].OutputShape.Size;
        var batch = inputs + 1;
        var current = new double[batch * inputs];
        for (var k = 0; k < inputs; k++)
        {
            current[((k + 1) * inputs) + k] = 1.0;
        }

        foreach (var layer in layers)
        {
            var next = new double[batch * layer.OutputShape.Size];
            layer.Forward(current, next, batch, training: false);
            current = next;
        }

        var bias = current.AsSpan(0, outputs).ToArray();
        var rowStart = new int[outputs + 1];
        var columns = new List<int>();
        var values = new List<double>();
        for (var o = 0; o < outputs; o++)
        {
            rowStart[o] = values.Count;
            for (var k = 0; k < inputs; k++)
            {
                var w = current[((k + 1) * outputs) + o] - bias[o];
                if (w != 0)
                {
                    columns.Add(k);
                    values.Add(w);
                }
            }
        }

        rowStart[outputs] = values.Count;
        return new SparseAffine(inputs, rowStart, [.. columns], [.. values], bias);
    }

    /// <summary>The map W·diag(d) with no bias (used to fold an activation's coefficients into the next layer).</summary>
    public SparseAffine ScaleColumns(ReadOnlySpan<double> d)
    {
        var values = new double[Values.Length];
        for (var e = 0; e < values.Length; e++)
        {
            values[e] = Values[e] * d[Columns[e]];
        }

        return new SparseAffine(InputCount, RowStart, Columns, values, new double[OutputCount]);
    }

    /// <summary>W·c + b (the constant part after folding an activation).</summary>
    public double[] ApplyTo(ReadOnlySpan<double> c)
    {
        var y = Bias.ToArray();
        for (var o = 0; o < OutputCount; o++)
        {
            for (var e = RowStart[o]; e < RowStart[o + 1]; e++)
            {
                y[o] += Values[e] * c[Columns[e]];
            }
        }

        return y;
    }
}
