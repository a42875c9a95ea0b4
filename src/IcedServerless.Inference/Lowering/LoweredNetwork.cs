using IcedServerless.Model.Layers;

namespace IcedServerless.Inference.Lowering;

/// <summary>
/// A network as CKKS evaluates it: an affine map, then stages of (square, affine) in which each activation
/// a·x² + b·x + c has been folded into the following affine map W: W(a⊙x² + b⊙x + c) + β =
/// (W·diag a)·x² + (W·diag b)·x + (W·c + β). Each stage therefore costs two levels (the square and the map) and needs
/// only one relinearization per output.
/// </summary>
internal sealed class LoweredNetwork
{
    private LoweredNetwork(SparseAffine first, IReadOnlyList<QuadraticStage> stages)
    {
        First = first;
        Stages = stages;
    }

    /// <summary>The first affine map (on the input pixels).</summary>
    public SparseAffine First { get; }

    /// <summary>The folded (square, affine) stages.</summary>
    public IReadOnlyList<QuadraticStage> Stages { get; }

    /// <summary>Levels consumed: one for the first map, two per stage.</summary>
    public int Depth => 1 + (2 * Stages.Count);

    public int InputCount => First.InputCount;

    public int OutputCount => Stages.Count == 0 ? First.OutputCount : Stages[^1].OutputCount;

    /// <summary>Lowers a network of linear layers and polynomial activations (which must not come first or last).</summary>
    /// <exception cref="NotSupportedException">The network has a shape CKKS cannot evaluate this way.</exception>
    public static LoweredNetwork Lower(Sequential network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var runs = new List<List<Layer>> { new() };
        var activations = new List<PolyActivation>();
        foreach (var layer in network.Layers)
        {
            if (layer is PolyActivation poly)
            {
                activations.Add(poly);
                runs.Add([]);
            }
            else if (layer.Kind is LayerKind.BatchNorm)
            {
                throw new NotSupportedException($"layer {layer.Name}: batch-norm must be folded before encrypted evaluation");
            }
            else
            {
                runs[^1].Add(layer);
            }
        }

        if (runs.Any(r => r.Count == 0))
        {
            throw new NotSupportedException("every polynomial activation must sit between linear layers");
        }

        var maps = runs.Select(SparseAffine.Probe).ToArray();
        var stages = new List<QuadraticStage>();
        for (var s = 0; s < activations.Count; s++)
        {
            var (a, b, c) = Coefficients(activations[s]);
            var next = maps[s + 1];
            stages.Add(new QuadraticStage(next.ScaleColumns(a), next.ScaleColumns(b), next.ApplyTo(c)));
        }

        return new LoweredNetwork(maps[0], stages);
    }

    /// <summary>The plaintext evaluation of exactly what the encrypted plan computes (a reference for tests).</summary>
    public double[] Evaluate(ReadOnlySpan<double> input)
    {
        var z = First.ApplyTo(input);
        foreach (var stage in Stages)
        {
            var squared = z.Select(v => v * v).ToArray();
            var y = stage.Constant.ToArray();
            Accumulate(stage.Square, squared, y);
            Accumulate(stage.Linear, z, y);
            z = y;
        }

        return z;
    }

    private static void Accumulate(SparseAffine map, double[] x, double[] y)
    {
        for (var o = 0; o < map.OutputCount; o++)
        {
            for (var e = map.RowStart[o]; e < map.RowStart[o + 1]; e++)
            {
                y[o] += map.Values[e] * x[map.Columns[e]];
            }
        }
    }

    private static (double[] A, double[] B, double[] C) Coefficients(PolyActivation poly)
    {
        var size = poly.InputShape.Size;
        var spatial = poly.InputShape.Spatial;
        double[] a = new double[size], b = new double[size], c = new double[size];
        for (var i = 0; i < size; i++)
        {
            var k = poly.PerChannel ? i / spatial : 0;
            a[i] = poly.A.Value[k];
            b[i] = poly.B.Value[k];
            c[i] = poly.C.Value[k];
        }

        return (a, b, c);
    }
}

/// <summary>One folded stage: y = Square·(x⊙x) + Linear·x + Constant.</summary>
internal sealed record QuadraticStage(SparseAffine Square, SparseAffine Linear, double[] Constant)
{
    public int OutputCount => Constant.Length;
}
