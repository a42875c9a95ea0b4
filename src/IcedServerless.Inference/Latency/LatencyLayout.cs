using System.Numerics;
using IcedServerless.Inference.Lowering;

namespace IcedServerless.Inference.Latency;

/// <summary>
/// The slot geometry of the latency plan, derived from the lowered network and the slot count. Every intermediate
/// vector is kept periodic over the slot ring (period = a power of two), which is what lets the hybrid diagonal
/// method rotate cyclically without masking.
/// </summary>
internal sealed class LatencyLayout
{
    public LatencyLayout(LoweredNetwork network, int slots)
    {
        var first = network.First;
        Rows = first.OutputCount;
        Terms = Enumerable.Range(0, Rows).Max(r => first.RowStart[r + 1] - first.RowStart[r]);
        BlockSize = (int)BitOperations.RoundUpToPowerOf2((uint)Rows);
        if (BlockSize > slots)
        {
            throw new NotSupportedException($"the first layer has {Rows} outputs, more than {slots} slots");
        }

        BlocksPerCiphertext = slots / BlockSize;
        InputCiphertexts = (Terms + BlocksPerCiphertext - 1) / BlocksPerCiphertext;

        var period = BlockSize;
        var stages = new List<StageGeometry>();
        var inputs = Rows;
        foreach (var stage in network.Stages)
        {
            var outputsPadded = (int)BitOperations.RoundUpToPowerOf2((uint)stage.OutputCount);
            var window = Math.Max(period, outputsPadded);
            if (window > slots)
            {
                throw new NotSupportedException($"a stage needs {window} slots; there are {slots}");
            }

            stages.Add(new StageGeometry(inputs, stage.OutputCount, outputsPadded, window));
            inputs = stage.OutputCount;
            period = outputsPadded;
        }

        Stages = stages;
    }

    /// <summary>Outputs of the first layer (rows of its gather).</summary>
    public int Rows { get; }

    /// <summary>The most non-zero weights of any first-layer row (gather terms).</summary>
    public int Terms { get; }

    /// <summary>Slots per gather block: a power of two ≥ <see cref="Rows"/>.</summary>
    public int BlockSize { get; }

    public int BlocksPerCiphertext { get; }

    public int InputCiphertexts { get; }

    public IReadOnlyList<StageGeometry> Stages { get; }

    /// <summary>Every rotation step the evaluation uses (all powers of two).</summary>
    public IEnumerable<int> RotationSteps()
    {
        var steps = new SortedSet<int>();
        for (var step = BlockSize; step < BlockSize * BlocksPerCiphertext; step <<= 1)
        {
            steps.Add(step); // the cyclic fold of the gather blocks
        }

        foreach (var stage in Stages)
        {
            for (var step = 1; step < stage.OutputsPadded; step <<= 1)
            {
                steps.Add(step); // baby steps, composed from powers of two
            }

            for (var step = stage.OutputsPadded; step < stage.Window; step <<= 1)
            {
                steps.Add(step); // rotate-and-sum
            }
        }

        return steps;
    }
}

/// <summary>One quadratic stage: <c>Inputs</c> values of period <c>Window</c> in, <c>Outputs</c> (padded) out.</summary>
internal sealed record StageGeometry(int Inputs, int Outputs, int OutputsPadded, int Window);
