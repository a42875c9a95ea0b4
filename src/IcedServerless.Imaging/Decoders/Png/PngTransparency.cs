using System.Buffers.Binary;

namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// The colour information a PNG carries outside its image data: the PLTE palette (with its tRNS alphas) and the
/// tRNS colour key of gray and truecolour images. Validated against the header as each chunk arrives.
/// </summary>
internal sealed class PngTransparency(PngHeader header)
{
    private byte[] _palette = [];
    private byte[] _paletteAlpha = [];
    private ushort[] _key = [];

    /// <summary>Whether a PLTE chunk has been read.</summary>
    public bool HasPalette => _palette.Length > 0;

    /// <summary>Whether decoded pixels gain an alpha channel from tRNS.</summary>
    public bool HasAlpha => _paletteAlpha.Length > 0 || _key.Length > 0;

    /// <summary>Whether a gray or RGB colour key marks fully transparent pixels.</summary>
    public bool HasColourKey => _key.Length > 0;

    public void ReadPalette(ReadOnlySpan<byte> body)
    {
        if (header.ColorType is PngHeader.Gray or PngHeader.GrayAlpha)
        {
            throw new ImageFormatException(ImageFormatError.CorruptData,
                $"A PNG of colour type {header.ColorType} must not have a PLTE chunk.");
        }

        // More entries than the bit depth can index are tolerated (common encoders write 256); an index that
        // points past the palette is what fails, in ExpandIndex.
        int entries = body.Length / 3;
        if (body.Length % 3 != 0 || entries is 0 or > 256)
        {
            throw new ImageFormatException(ImageFormatError.CorruptData,
                $"The PNG PLTE chunk has {body.Length} bytes; it needs 3 per entry and 1 to 256 entries.");
        }

        // A suggested palette for a truecolour image is not used for decoding.
        if (header.ColorType == PngHeader.Indexed)
        {
            _palette = body.ToArray();
        }
    }

    public void ReadTransparency(ReadOnlySpan<byte> body)
    {
        switch (header.ColorType)
        {
            case PngHeader.Indexed:
                if (!HasPalette || body.Length > _palette.Length / 3)
                {
                    throw new ImageFormatException(ImageFormatError.CorruptData,
                        $"The PNG tRNS chunk has {body.Length} alphas but the palette before it has {_palette.Length / 3} entries.");
                }

                // Entries without an alpha in tRNS are opaque.
                _paletteAlpha = new byte[_palette.Length / 3];
                _paletteAlpha.AsSpan().Fill(255);
                body.CopyTo(_paletteAlpha);
                break;
            case PngHeader.Gray or PngHeader.Truecolor:
                int samples = header.StoredChannels;
                if (body.Length != 2 * samples)
                {
                    throw new ImageFormatException(ImageFormatError.CorruptData,
                        $"The PNG tRNS chunk of colour type {header.ColorType} has {body.Length} bytes; it needs {2 * samples}.");
                }

                _key = new ushort[samples];
                for (int i = 0; i < samples; i++)
                {
                    _key[i] = BinaryPrimitives.ReadUInt16BigEndian(body[(2 * i)..]);
                }

                break;
            default:
                throw new ImageFormatException(ImageFormatError.CorruptData,
                    $"A PNG of colour type {header.ColorType} already has alpha and must not have a tRNS chunk.");
        }
    }

    /// <summary>Writes the palette colour (and alpha, if any) of <paramref name="index"/>.</summary>
    public void ExpandIndex(ushort index, Span<ushort> destination)
    {
        int entries = _palette.Length / 3;
        if (index >= entries)
        {
            throw new ImageFormatException(ImageFormatError.CorruptData,
                $"A PNG pixel uses palette index {index}, but the palette has {entries} entries.");
        }

        destination[0] = _palette[3 * index];
        destination[1] = _palette[(3 * index) + 1];
        destination[2] = _palette[(3 * index) + 2];
        if (_paletteAlpha.Length > 0)
        {
            destination[3] = _paletteAlpha[index];
        }
    }

    /// <summary>The alpha of a gray or RGB pixel under the colour key: 0 on an exact match, else fully opaque.</summary>
    public ushort KeyAlpha(ReadOnlySpan<ushort> pixel, int bitDepth) =>
        pixel.SequenceEqual(_key) ? (ushort)0 : (ushort)((1 << bitDepth) - 1);
}
