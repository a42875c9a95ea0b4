namespace IcedServerless.Model.Data;

/// <summary>
/// One split of a labelled image data set: square 8-bit gray images, stored back to back, and a class per image.
/// </summary>
public sealed class ImageDataset
{
    private readonly byte[] _pixels;
    private readonly int[] _labels;

    /// <summary>Creates the set, checking sizes and labels.</summary>
    /// <param name="pixels"><c>count × size × size</c> gray levels.</param>
    /// <param name="labels">One class index per image.</param>
    /// <param name="imageSize">The image side length.</param>
    /// <param name="classCount">The number of classes; every label must lie below it.</param>
    /// <exception cref="ArgumentException">The sizes disagree or a label is out of range.</exception>
    public ImageDataset(byte[] pixels, int[] labels, int imageSize, int classCount)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if ((long)labels.Length * imageSize * imageSize != pixels.Length)
        {
            throw new ArgumentException($"{labels.Length} images of {imageSize}×{imageSize} need {(long)labels.Length * imageSize * imageSize} pixels, not {pixels.Length}.");
        }

        int bad = Array.FindIndex(labels, l => (uint)l >= (uint)classCount);
        if (bad >= 0)
        {
            throw new ArgumentException($"Label {labels[bad]} of image {bad} is outside [0, {classCount}).");
        }

        _pixels = pixels;
        _labels = labels;
        ImageSize = imageSize;
        ClassCount = classCount;
    }

    /// <summary>The number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>The image side length.</summary>
    public int ImageSize { get; }

    /// <summary>Pixels per image.</summary>
    public int PixelsPerImage => ImageSize * ImageSize;

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The class of every image.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>All pixels, image after image.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    /// <param name="index">The image index.</param>
    /// <returns>Its <c>size × size</c> gray levels.</returns>
    public ReadOnlySpan<byte> Image(int index) => _pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);

    /// <summary>How many images each class has.</summary>
    /// <returns>One count per class.</returns>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (int l in _labels)
        {
            counts[l]++;
        }

        return counts;
    }

    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    /// <param name="indices">Image indices.</param>
    /// <returns>A new data set.</returns>
    public ImageDataset Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var pixels = new byte[indices.Count * PixelsPerImage];
        var labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * PixelsPerImage));
            labels[i] = _labels[indices[i]];
        }

        return new ImageDataset(pixels, labels, ImageSize, ClassCount);
    }

    /// <summary>The mean and standard deviation of <c>gray / 255</c> over every pixel (for normalisation).</summary>
    /// <returns>The mean and the population standard deviation.</returns>
    public (double Mean, double Std) PixelStatistics()
    {
        double sum = 0, squares = 0;
        foreach (byte p in _pixels)
        {
            sum += p;
            squares += (double)p * p;
        }

        double n = _pixels.Length, mean = sum / n;
        double variance = Math.Max(0, (squares / n) - (mean * mean));
        return (mean / 255, Math.Sqrt(variance) / 255);
    }
}
