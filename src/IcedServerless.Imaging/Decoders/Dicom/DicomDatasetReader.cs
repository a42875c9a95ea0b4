using System.Buffers.Binary;
using System.Text;

namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// Walks little-endian DICOM elements held in memory and records where the values of the wanted top-level tags lie.
/// Every length is checked against the bytes that remain before it is used; sequences are skipped without being
/// interpreted (defined lengths in one step, undefined lengths item by item down to a bounded depth).
/// </summary>
internal ref struct DicomDatasetReader(ReadOnlySpan<byte> data, int position)
{
    /// <summary>Deeper nesting than real files use; bounds the recursion a hostile file can cause.</summary>
    private const int MaxDepth = 32;

    private readonly ReadOnlySpan<byte> _data = data;
    private readonly Dictionary<uint, (int Offset, int Length)> _values = [];
    private int _position = position;

    /// <summary>The offset of the next unread byte.</summary>
    public readonly int Position => _position;

    /// <summary>Reads the File Meta Information group (0002), always Explicit VR Little Endian, if it is next.</summary>
    /// <returns>The Transfer Syntax UID, or null when there is no meta group or it names none.</returns>
    public string? ReadMetaGroup()
    {
        string? syntax = null;
        while (_data.Length - _position >= 2 && BinaryPrimitives.ReadUInt16LittleEndian(_data[_position..]) == 0x0002)
        {
            int at = _position;
            var (tag, _, length) = ReadHeader(explicitVr: true);
            int n = CheckDefinedLength(tag, length, at);
            if (tag == DicomTag.TransferSyntaxUid)
            {
                syntax = DicomAttributes.Trim(Encoding.ASCII.GetString(_data.Slice(_position, n)));
            }

            _position += n;
        }

        return syntax;
    }

    /// <summary>Reads the dataset up to and including Pixel Data (or to the end) and returns the wanted values.</summary>
    public DicomAttributes ReadDataset(bool explicitVr)
    {
        ReadElements(explicitVr, depth: 0, untilItemDelimiter: false);
        return new DicomAttributes(_data, _values);
    }

    private void ReadElements(bool explicitVr, int depth, bool untilItemDelimiter)
    {
        while (_position < _data.Length)
        {
            int at = _position;
            var (tag, vr, length) = ReadHeader(explicitVr);
            if (tag == DicomTag.ItemDelimitation && untilItemDelimiter)
            {
                return;
            }

            if (tag >> 16 == 0xFFFE)
            {
                throw Corrupt($"The DICOM dataset has the delimiter tag {DicomTag.Format(tag)} at offset {at}, outside the place it belongs.");
            }

            if (length == DicomTag.UndefinedLength)
            {
                if (tag == DicomTag.PixelData)
                {
                    throw new ImageFormatException(ImageFormatError.UnsupportedEncoding,
                        $"The DICOM Pixel Data at offset {at} has undefined length (encapsulated, compressed frames); only native pixel data is supported.");
                }

                if (explicitVr && vr is not (DicomVr.SQ or DicomVr.UN))
                {
                    throw Corrupt($"The DICOM element {DicomTag.Format(tag)} at offset {at} has undefined length but VR {DicomVr.Name(vr)}.");
                }

                // An undefined-length UN holds a sequence encoded in Implicit VR Little Endian (PS3.5 6.2.2).
                SkipSequence(explicitVr && vr != DicomVr.UN, depth + 1, at);
                continue;
            }

            int n = CheckDefinedLength(tag, length, at);
            if (depth == 0 && DicomTag.IsWanted(tag) && !_values.TryAdd(tag, (_position, n)))
            {
                throw Corrupt($"The DICOM element {DicomTag.Format(tag)} appears twice (again at offset {at}).");
            }

            _position += n;

            // Tags ascend, so everything the decoder needs precedes Pixel Data; what follows is not read.
            if (depth == 0 && tag == DicomTag.PixelData)
            {
                return;
            }
        }

        if (untilItemDelimiter)
        {
            throw Truncated("The DICOM data ends inside an undefined-length sequence item.");
        }
    }

    private void SkipSequence(bool explicitVr, int depth, int start)
    {
        if (depth > MaxDepth)
        {
            throw Corrupt($"The DICOM sequence at offset {start} is nested more than {MaxDepth} levels deep.");
        }

        while (true)
        {
            int at = _position;
            Need(8, "a sequence item header");
            uint tag = ReadTag();
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(_data[(_position + 4)..]);
            _position += 8;
            if (tag == DicomTag.SequenceDelimitation)
            {
                return;
            }

            if (tag != DicomTag.Item)
            {
                throw Corrupt($"The DICOM sequence starting at offset {start} has {DicomTag.Format(tag)} at offset {at} where an item belongs.");
            }

            if (length == DicomTag.UndefinedLength)
            {
                ReadElements(explicitVr, depth, untilItemDelimiter: true);
            }
            else
            {
                _position += CheckDefinedLength(tag, length, at);
            }
        }
    }

    private (uint Tag, ushort Vr, uint Length) ReadHeader(bool explicitVr)
    {
        int at = _position;
        Need(8, "an element header");
        uint tag = ReadTag();
        var rest = _data[(_position + 4)..];

        // Items and delimiters have no VR in any syntax; neither does anything in Implicit VR.
        if (!explicitVr || tag >> 16 == 0xFFFE)
        {
            _position += 8;
            return (tag, 0, BinaryPrimitives.ReadUInt32LittleEndian(rest));
        }

        ushort vr = DicomVr.Read(rest);
        if (!DicomVr.IsKnown(vr))
        {
            throw Corrupt($"The DICOM element {DicomTag.Format(tag)} at offset {at} has the unknown VR {DicomVr.Name(vr)}.");
        }

        if (!DicomVr.HasLongLength(vr))
        {
            _position += 8;
            return (tag, vr, BinaryPrimitives.ReadUInt16LittleEndian(rest[2..]));
        }

        Need(12, "an element header");
        _position += 12;
        return (tag, vr, BinaryPrimitives.ReadUInt32LittleEndian(rest[4..]));
    }

    private readonly uint ReadTag() =>
        ((uint)BinaryPrimitives.ReadUInt16LittleEndian(_data[_position..]) << 16)
        | BinaryPrimitives.ReadUInt16LittleEndian(_data[(_position + 2)..]);

    private readonly int CheckDefinedLength(uint tag, uint length, int at)
    {
        int remaining = _data.Length - _position;
        if (length == DicomTag.UndefinedLength || length > remaining)
        {
            throw Truncated($"The DICOM element {DicomTag.Format(tag)} at offset {at} declares {(length == DicomTag.UndefinedLength ? "an undefined" : length)} length, but {remaining} bytes remain.");
        }

        return (int)length;
    }

    private readonly void Need(int count, string what)
    {
        if (_data.Length - _position < count)
        {
            throw Truncated($"The DICOM data ends at offset {_data.Length}, inside {what} that starts at offset {_position}.");
        }
    }

    private static ImageFormatException Corrupt(string message) => new(ImageFormatError.CorruptData, message);

    private static ImageFormatException Truncated(string message) => new(ImageFormatError.Truncated, message);
}
