namespace IcedServerless.Imaging.Decoders;

/// <summary>Reverses the five PNG row filters (None, Sub, Up, Average, Paeth) in place.</summary>
internal static class PngFilters
{
    /// <summary>Unfilters one pass: <paramref name="rows"/> rows of a filter-type byte then <paramref name="rowBytes"/> bytes.</summary>
    /// <param name="data">The pass's bytes, unfiltered in place.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="rowBytes">The bytes per row after the filter-type byte.</param>
    /// <param name="stride">The bytes per complete pixel (at least 1).</param>
    /// <param name="passIndex">The pass number, for error messages.</param>
    /// <exception cref="ImageFormatException">A row names a filter type above 4.</exception>
    public static void Unfilter(Span<byte> data, int rows, int rowBytes, int stride, int passIndex)
    {
        // The row above the first is defined as zeros.
        Span<byte> previous = new byte[rowBytes];
        for (int y = 0; y < rows; y++)
        {
            int start = y * (rowBytes + 1);
            var row = data.Slice(start + 1, rowBytes);
            switch (data[start])
            {
                case 0:
                    break;
                case 1:
                    for (int i = stride; i < row.Length; i++)
                    {
                        row[i] += row[i - stride];
                    }

                    break;
                case 2:
                    for (int i = 0; i < row.Length; i++)
                    {
                        row[i] += previous[i];
                    }

                    break;
                case 3:
                    ReverseAverage(row, previous, stride);
                    break;
                case 4:
                    ReversePaeth(row, previous, stride);
                    break;
                default:
                    throw new ImageFormatException(ImageFormatError.CorruptData,
                        $"PNG row {y} of pass {passIndex} has filter type {data[start]}; only 0 to 4 exist.");
            }

            previous = row;
        }
    }

    // The first pixel of a row has no left neighbour (taken as zero); splitting it off keeps the hot loops branch-free.
    private static void ReverseAverage(Span<byte> row, ReadOnlySpan<byte> previous, int stride)
    {
        int head = Math.Min(stride, row.Length);
        for (int i = 0; i < head; i++)
        {
            row[i] += (byte)(previous[i] >> 1);
        }

        for (int i = head; i < row.Length; i++)
        {
            row[i] += (byte)((row[i - stride] + previous[i]) >> 1);
        }
    }

    private static void ReversePaeth(Span<byte> row, ReadOnlySpan<byte> previous, int stride)
    {
        int head = Math.Min(stride, row.Length);
        for (int i = 0; i < head; i++)
        {
            // With left and up-left zero the predictor is always the byte above.
            row[i] += previous[i];
        }

        for (int i = head; i < row.Length; i++)
        {
            row[i] += Paeth(row[i - stride], previous[i], previous[i - stride]);
        }
    }

    /// <summary>The Paeth predictor: whichever of left, up and up-left is closest to left + up − upLeft, ties in
    /// that order.</summary>
    internal static byte Paeth(int left, int up, int upLeft)
    {
        int p = left + up - upLeft;
        int pa = Math.Abs(p - left), pb = Math.Abs(p - up), pc = Math.Abs(p - upLeft);
        if (pa <= pb && pa <= pc)
        {
            return (byte)left;
        }

        return (byte)(pb <= pc ? up : upLeft);
    }
}
