using IcedServerless.Inference.Latency;
using IcedServerless.Inference.Throughput;

namespace IcedServerless.Inference;

/// <summary>Client-side layout for any plan: images into units of slot vectors, decoded outputs back into logits.</summary>
public static class PlanPacking
{
    /// <summary>The units of a data set: (first image, image count) pairs of at most <see cref="ModelPlan.ImagesPerUnit"/>.</summary>
    public static IEnumerable<(int Start, int Count)> Units(ModelPlan plan, int images)
    {
        ArgumentNullException.ThrowIfNull(plan);
        for (var start = 0; start < images; start += plan.ImagesPerUnit)
        {
            yield return (start, Math.Min(plan.ImagesPerUnit, images - start));
        }
    }

    /// <summary>The slot vectors of one unit, one per input ciphertext.</summary>
    public static double[][] Pack(ModelPlan plan, IReadOnlyList<double[]> images, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(images);
        return plan.Packing switch
        {
            Packing.Throughput => ThroughputPacking.Pack(
                images.Skip(start).Take(count).Select(i => (ReadOnlyMemory<double>)i).ToArray(), images[start].Length, plan.PolyModulusDegree / 2),
            _ => LatencyPacking.Pack(images[start], plan),
        };
    }

    /// <summary>Writes the logits of a unit's <paramref name="count"/> images into <paramref name="logits"/> (image-major).</summary>
    public static void Unpack(ModelPlan plan, IReadOnlyList<double[]> decodedOutputs, int start, int count, double[] logits)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(logits);
        var classes = plan.ClassNames.Count;
        var perImage = plan.Packing == Packing.Throughput
            ? ThroughputPacking.Unpack(decodedOutputs, count)
            : [LatencyPacking.Unpack(decodedOutputs[0], classes)];
        for (var j = 0; j < count; j++)
        {
            perImage[j].CopyTo(logits, (start + j) * classes);
        }
    }
}
