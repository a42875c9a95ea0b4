namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// Unpacks unfiltered PNG rows (1-, 2-, 4-bit samples packed high bit first; 16-bit big-endian) into the output
/// samples, expanding palette indices to RGB(A) and applying a tRNS colour key as an alpha channel.
/// </summary>
internal sealed class PngSampleWriter
{
    private readonly PngHeader _header;
    private readonly PngTransparency _colours;
    private readonly ushort[] _row;
    private readonly int _outChannels;

    public PngSampleWriter(PngHeader header, PngTransparency colours)
    {
        _header = header;
        _colours = colours;
        bool alpha = header.ColorType is PngHeader.GrayAlpha or PngHeader.TruecolorAlpha || colours.HasAlpha;
        bool colour = header.ColorType is PngHeader.Truecolor or PngHeader.Indexed or PngHeader.TruecolorAlpha;
        Model = (colour, alpha) switch
        {
            (false, false) => ColorModel.Gray,
            (false, true) => ColorModel.GrayAlpha,
            (true, false) => ColorModel.Rgb,
            (true, true) => ColorModel.Rgba,
        };
        _outChannels = (colour ? 3 : 1) + (alpha ? 1 : 0);
        BitDepth = header.ColorType == PngHeader.Indexed ? 8 : header.BitDepth;
        _row = new ushort[header.Width * header.StoredChannels];
        Samples = new ushort[(long)header.Width * header.Height * _outChannels];
    }

    public ColorModel Model { get; }

    public int BitDepth { get; }

    public ushort[] Samples { get; }

    /// <summary>Writes row <paramref name="passRow"/> of <paramref name="pass"/> into <see cref="Samples"/>.</summary>
    public void WriteRow(ReadOnlySpan<byte> row, PngPass pass, int passRow)
    {
        int stored = _header.StoredChannels;
        int y = pass.Y0 + (passRow * pass.Dy);
        if (pass.Dx == 1 && _header.ColorType != PngHeader.Indexed && !_colours.HasColourKey)
        {
            // A full row whose samples are the output samples: unpack straight into place.
            Unpack(row, _header.BitDepth, Samples.AsSpan(y * _header.Width * stored, _header.Width * stored));
            return;
        }

        var unpacked = _row.AsSpan(0, pass.Width * stored);
        Unpack(row, _header.BitDepth, unpacked);
        for (int x = 0; x < pass.Width; x++)
        {
            int dest = ((y * _header.Width) + pass.X0 + (x * pass.Dx)) * _outChannels;
            var source = unpacked.Slice(x * stored, stored);
            if (_header.ColorType == PngHeader.Indexed)
            {
                _colours.ExpandIndex(source[0], Samples.AsSpan(dest, _outChannels));
            }
            else
            {
                source.CopyTo(Samples.AsSpan(dest));
                if (_colours.HasColourKey)
                {
                    Samples[dest + stored] = _colours.KeyAlpha(source, _header.BitDepth);
                }
            }
        }
    }

    private static void Unpack(ReadOnlySpan<byte> row, int bits, Span<ushort> samples)
    {
        switch (bits)
        {
            case 8:
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] = row[i];
                }

                break;
            case 16:
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] = (ushort)((row[2 * i] << 8) | row[(2 * i) + 1]);
                }

                break;
            default:
                int mask = (1 << bits) - 1;
                for (int i = 0; i < samples.Length; i++)
                {
                    int bit = i * bits;
                    samples[i] = (ushort)((row[bit >> 3] >> (8 - bits - (bit & 7))) & mask);
                }

                break;
        }
    }
}
