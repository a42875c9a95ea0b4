using System.Numerics;

namespace IcedServerless.Imaging.Preprocessing;

/// <summary>
/// Centre-crops a gray image to a square (side = the shorter edge, offset rounded down) and resizes it to
/// <c>size × size</c> by exact area averaging (a box filter): each output pixel is the mean of the source area it
/// covers, with partially covered source pixels weighted by the covered fraction.
/// </summary>
public static class SquareResampler
{
    /// <summary>The crop name recorded in model files.</summary>
    public const string CropMethodName = "centre-square";

    /// <summary>The resize name recorded in model files.</summary>
    public const string ResizeMethodName = "box";

    /// <summary>Crops and resizes; the result keeps the 0..255 scale of the input.</summary>
    /// <param name="gray">Gray pixels, row-major.</param>
    /// <param name="width">Source width.</param>
    /// <param name="height">Source height.</param>
    /// <param name="size">Output side length.</param>
    /// <param name="destination">Receives <c>size × size</c> values, row-major.</param>
    /// <exception cref="ImageFormatException">The dimensions disagree with the buffer.</exception>
    /// <exception cref="ArgumentException">The destination has the wrong length or size is not positive.</exception>
    public static void CropAndResize(ReadOnlySpan<byte> gray, int width, int height, int size, Span<double> destination)
    {
        Grayscale.ValidateDimensions(gray.Length, width, height, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Grayscale.MaxSide);
        if (destination.Length != size * size)
        {
            throw new ArgumentException($"The destination needs {size * size} values, not {destination.Length}.", nameof(destination));
        }

        int side = Math.Min(width, height);
        int x0 = (width - side) / 2, y0 = (height - side) / 2;
        var taps = BuildTaps(side, size);

        // Horizontal pass over the rows of the crop, then a vertical pass: the box filter is separable.
        var rows = new double[side * size];
        for (int y = 0; y < side; y++)
        {
            var src = gray.Slice(((y0 + y) * width) + x0, side);
            for (int o = 0; o < size; o++)
            {
                rows[(y * size) + o] = taps[o].Apply(src);
            }
        }

        var column = new double[side];
        for (int x = 0; x < size; x++)
        {
            for (int y = 0; y < side; y++)
            {
                column[y] = rows[(y * size) + x];
            }

            for (int o = 0; o < size; o++)
            {
                destination[(o * size) + x] = taps[o].Apply(column);
            }
        }
    }

    private static Tap[] BuildTaps(int source, int target)
    {
        // In units of 1/target of a source pixel, output o covers [o*source, (o+1)*source) and source pixel j
        // covers [j*target, (j+1)*target); the overlaps are exact integers that sum to `source`.
        var taps = new Tap[target];
        for (int o = 0; o < target; o++)
        {
            long lo = (long)o * source, hi = (long)(o + 1) * source;
            int first = (int)(lo / target), last = (int)((hi - 1) / target);
            var weights = new double[last - first + 1];
            for (int j = first; j <= last; j++)
            {
                long overlap = Math.Min(hi, (long)(j + 1) * target) - Math.Max(lo, (long)j * target);
                weights[j - first] = (double)overlap / source;
            }

            taps[o] = new Tap(first, weights);
        }

        return taps;
    }

    private readonly record struct Tap(int First, double[] Weights)
    {
        public double Apply<T>(ReadOnlySpan<T> source)
            where T : INumberBase<T>
        {
            double sum = 0;
            for (int k = 0; k < Weights.Length; k++)
            {
                sum += Weights[k] * double.CreateTruncating(source[First + k]);
            }

            return sum;
        }
    }
}
