using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace IcedServerless.Imaging.Decoders;

/// <summary>The wanted values of a dataset, read lazily from where <see cref="DicomDatasetReader"/> found them.</summary>
internal readonly ref struct DicomAttributes(ReadOnlySpan<byte> data, Dictionary<uint, (int Offset, int Length)> values)
{
    private const int MaxTextBytes = 1024;

    private readonly ReadOnlySpan<byte> _data = data;

    /// <summary>The raw value bytes of <paramref name="tag"/>; false when the dataset lacks it.</summary>
    public bool TryGetBytes(uint tag, out ReadOnlySpan<byte> value)
    {
        if (values.TryGetValue(tag, out var at))
        {
            value = _data.Slice(at.Offset, at.Length);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>An unsigned short (VR US), the first if several; <paramref name="fallback"/> when absent.</summary>
    public int UnsignedShort(uint tag, int? fallback = null)
    {
        if (!TryGetBytes(tag, out var value))
        {
            return fallback ?? throw Missing(tag);
        }

        return value.Length >= 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(value)
            : throw new ImageFormatException(ImageFormatError.CorruptData,
                $"The DICOM element {DicomTag.Format(tag)} has {value.Length} bytes; an unsigned short needs 2.");
    }

    /// <summary>A short text value (VR CS, DS, IS), trimmed; null when absent.</summary>
    public string? Text(uint tag)
    {
        if (!TryGetBytes(tag, out var value))
        {
            return null;
        }

        // The values read as text are a few bytes long; a long one is malformed and is not turned into a string.
        if (value.Length > MaxTextBytes)
        {
            throw new ImageFormatException(ImageFormatError.CorruptData,
                $"The DICOM element {DicomTag.Format(tag)} has {value.Length} bytes; at most {MaxTextBytes} are expected.");
        }

        return Trim(Encoding.ASCII.GetString(value));
    }

    /// <summary>The first of a decimal string's values (VR DS); null when absent or empty.</summary>
    public double? Decimal(uint tag) => Number<double>(tag, NumberStyles.Float);

    /// <summary>The first of an integer string's values (VR IS); null when absent or empty.</summary>
    public int? Integer(uint tag) => Number<int>(tag, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite);

    /// <summary>Removes the space and NUL padding DICOM adds to make values even-length.</summary>
    public static string Trim(string value) => value.Trim(' ', '\0');

    private T? Number<T>(uint tag, NumberStyles style)
        where T : struct, INumberBase<T>
    {
        string? text = Text(tag);
        string first = text is null ? string.Empty : Trim(text.Split('\\')[0]);
        if (first.Length == 0)
        {
            return null;
        }

        return T.TryParse(first, style, CultureInfo.InvariantCulture, out T v) && T.IsFinite(v)
            ? v
            : throw new ImageFormatException(ImageFormatError.CorruptData,
                $"The DICOM element {DicomTag.Format(tag)} holds \"{first}\", not a finite number.");
    }

    private static ImageFormatException Missing(uint tag) =>
        new(ImageFormatError.CorruptData, $"The DICOM dataset has no {DicomTag.Format(tag)} element, which the image needs.");
}
