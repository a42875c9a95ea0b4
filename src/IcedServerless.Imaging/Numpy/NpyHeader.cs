using System.Buffers.Binary;
using System.Text;

namespace IcedServerless.Imaging.Numpy;

/// <summary>
/// The parsed <c>.npy</c> preamble and header dictionary. The format (NumPy NEP 1) is: magic <c>\x93NUMPY</c>,
/// major and minor version bytes, the header length (uint16 LE in 1.0, uint32 LE in 2.0/3.0), then a Python
/// dict literal with exactly the keys <c>descr</c>, <c>fortran_order</c> and <c>shape</c>.
/// </summary>
internal sealed class NpyHeader
{
    internal static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private NpyHeader(NpyElementType elementType, int[] shape, long elementCount)
    {
        ElementType = elementType;
        Shape = shape;
        ElementCount = elementCount;
    }

    public NpyElementType ElementType { get; }

    public int[] Shape { get; }

    public long ElementCount { get; }

    public long ByteCount => ElementCount * ElementSize(ElementType);

    public static int ElementSize(NpyElementType type) => type switch
    {
        NpyElementType.UInt8 => 1,
        NpyElementType.Float32 => 4,
        NpyElementType.Int64 or NpyElementType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Reads the fixed-size preamble and returns the length of the header text that follows it.</summary>
    /// <param name="stream">Positioned at the start of the <c>.npy</c> data.</param>
    /// <param name="limits">Limits to apply.</param>
    /// <param name="preambleLength">Bytes consumed by magic, version and the length field.</param>
    public static int ReadPreamble(Stream stream, NumpyLimits limits, out int preambleLength)
    {
        Span<byte> fixedPart = stackalloc byte[8];
        ReadExactly(stream, fixedPart, "preamble");
        if (!fixedPart[..6].SequenceEqual(Magic))
        {
            throw new ImageFormatException(ImageFormatError.BadMagic,
                "Not a .npy array: the data does not start with the magic bytes \\x93NUMPY.");
        }

        byte major = fixedPart[6], minor = fixedPart[7];
        if (major is < 1 or > 3 || minor != 0)
        {
            throw new ImageFormatException(ImageFormatError.UnsupportedVersion,
                $"Unsupported .npy format version {major}.{minor}; versions 1.0, 2.0 and 3.0 are supported.");
        }

        int lengthBytes = major == 1 ? 2 : 4;
        Span<byte> lengthField = stackalloc byte[4];
        ReadExactly(stream, lengthField[..lengthBytes], "header length");
        long headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(lengthField)
            : BinaryPrimitives.ReadUInt32LittleEndian(lengthField);
        if (headerLength > limits.MaxHeaderBytes)
        {
            throw new ImageFormatException(ImageFormatError.LimitExceeded,
                $"The .npy header declares {headerLength} bytes, more than the limit of {limits.MaxHeaderBytes}.");
        }

        preambleLength = 8 + lengthBytes;
        return (int)headerLength;
    }

    /// <summary>Reads and parses the header dictionary of <paramref name="length"/> bytes.</summary>
    public static NpyHeader ReadDictionary(Stream stream, int length, NumpyLimits limits)
    {
        var text = new byte[length];
        ReadExactly(stream, text, "header");
        var parser = new HeaderParser(text, limits);
        return parser.Parse();
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException ex)
        {
            throw new ImageFormatException(ImageFormatError.Truncated,
                $"The .npy data ends inside its {what} ({buffer.Length} bytes expected).", ex);
        }
    }

    /// <summary>
    /// A strict parser for the small subset of Python literal syntax NumPy writes: one dict of three keys whose
    /// values are a string, a boolean and a tuple of non-negative integers.
    /// </summary>
    private ref struct HeaderParser
    {
        private readonly ReadOnlySpan<byte> _text;
        private readonly NumpyLimits _limits;
        private int _pos;

        public HeaderParser(ReadOnlySpan<byte> text, NumpyLimits limits)
        {
            _text = text;
            _limits = limits;
            _pos = 0;
        }

        public NpyHeader Parse()
        {
            string? descr = null;
            bool? fortran = null;
            List<int>? shape = null;
            SkipSpace();
            Expect((byte)'{');
            while (true)
            {
                SkipSpace();
                if (TryConsume((byte)'}'))
                {
                    break;
                }

                string key = ReadString();
                SkipSpace();
                Expect((byte)':');
                SkipSpace();
                switch (key)
                {
                    case "descr" when descr is null:
                        descr = ReadString();
                        break;
                    case "fortran_order" when fortran is null:
                        fortran = ReadBool();
                        break;
                    case "shape" when shape is null:
                        shape = ReadShape();
                        break;
                    default:
                        throw Malformed($"unexpected or repeated key '{key}'");
                }

                SkipSpace();
                if (!TryConsume((byte)','))
                {
                    SkipSpace();
                    Expect((byte)'}');
                    break;
                }
            }

            SkipSpace();
            if (_pos != _text.Length)
            {
                throw Malformed("text follows the closing brace");
            }

            if (descr is null || fortran is null || shape is null)
            {
                throw Malformed("the keys 'descr', 'fortran_order' and 'shape' are all required");
            }

            if (fortran.Value)
            {
                throw new ImageFormatException(ImageFormatError.UnsupportedLayout,
                    "The array is stored in Fortran order; only C-order arrays are supported.");
            }

            var type = ParseDescr(descr);
            long count = 1;
            foreach (int dim in shape)
            {
                // The product is bounded by the byte limit long before it could overflow a long.
                count *= dim;
                if (count * ElementSize(type) > _limits.MaxArrayBytes)
                {
                    throw new ImageFormatException(ImageFormatError.LimitExceeded,
                        $"The array shape ({string.Join(", ", shape)}) of '{descr}' needs more than the limit of {_limits.MaxArrayBytes} bytes.");
                }
            }

            return new NpyHeader(type, [.. shape], count);
        }

        private static NpyElementType ParseDescr(string descr) => descr switch
        {
            "|u1" or "<u1" or "u1" => NpyElementType.UInt8,
            "<i8" => NpyElementType.Int64,
            "<f4" => NpyElementType.Float32,
            "<f8" => NpyElementType.Float64,
            _ => throw new ImageFormatException(ImageFormatError.UnsupportedDataType,
                $"Unsupported .npy dtype '{descr}'; supported are |u1, <i8, <f4 and <f8 (little-endian)."),
        };

        private List<int> ReadShape()
        {
            Expect((byte)'(');
            var dims = new List<int>();
            while (true)
            {
                SkipSpace();
                if (TryConsume((byte)')'))
                {
                    return dims;
                }

                if (dims.Count == _limits.MaxDimensions)
                {
                    throw new ImageFormatException(ImageFormatError.LimitExceeded,
                        $"The array declares more than {_limits.MaxDimensions} dimensions.");
                }

                dims.Add(ReadDimension());
                SkipSpace();
                if (!TryConsume((byte)','))
                {
                    SkipSpace();
                    Expect((byte)')');
                    return dims;
                }
            }
        }

        private int ReadDimension()
        {
            int start = _pos;
            long value = 0;
            while (_pos < _text.Length && _text[_pos] is >= (byte)'0' and <= (byte)'9')
            {
                value = (value * 10) + (_text[_pos] - '0');
                if (value > int.MaxValue)
                {
                    throw new ImageFormatException(ImageFormatError.LimitExceeded,
                        "An array dimension exceeds 2147483647.");
                }

                _pos++;
            }

            return _pos == start ? throw Malformed("a shape entry is not a non-negative integer") : (int)value;
        }

        private bool ReadBool()
        {
            if (TryConsumeWord("True"u8))
            {
                return true;
            }

            return TryConsumeWord("False"u8) ? false : throw Malformed("'fortran_order' is not True or False");
        }

        private string ReadString()
        {
            if (_pos >= _text.Length || _text[_pos] is not ((byte)'\'' or (byte)'"'))
            {
                throw Malformed("a string literal was expected");
            }

            byte quote = _text[_pos++];
            int start = _pos;
            while (_pos < _text.Length && _text[_pos] != quote)
            {
                if (_text[_pos] is (byte)'\\' or < 0x20 or >= 0x7F)
                {
                    throw Malformed("string literals may hold only plain printable ASCII");
                }

                _pos++;
            }

            if (_pos >= _text.Length)
            {
                throw Malformed("a string literal is not closed");
            }

            string value = Encoding.ASCII.GetString(_text[start.._pos]);
            _pos++;
            return value;
        }

        private bool TryConsumeWord(ReadOnlySpan<byte> word)
        {
            if (_text[_pos..].StartsWith(word))
            {
                _pos += word.Length;
                return true;
            }

            return false;
        }

        private bool TryConsume(byte c)
        {
            if (_pos < _text.Length && _text[_pos] == c)
            {
                _pos++;
                return true;
            }

            return false;
        }

        private void Expect(byte c)
        {
            if (!TryConsume(c))
            {
                throw Malformed($"'{(char)c}' was expected at offset {_pos}");
            }
        }

        private void SkipSpace()
        {
            while (_pos < _text.Length && _text[_pos] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            {
                _pos++;
            }
        }

        private static ImageFormatException Malformed(string detail) =>
            new(ImageFormatError.MalformedHeader, $"Malformed .npy header: {detail}.");
    }
}
