namespace IcedServerless.Imaging.Numpy;

/// <summary>The element types the NumPy reader accepts (all little-endian or byte-sized).</summary>
public enum NpyElementType
{
    /// <summary>Unsigned 8-bit integer, NumPy descr <c>|u1</c>.</summary>
    UInt8,

    /// <summary>Little-endian signed 64-bit integer, NumPy descr <c>&lt;i8</c>.</summary>
    Int64,

    /// <summary>Little-endian IEEE 754 binary32, NumPy descr <c>&lt;f4</c>.</summary>
    Float32,

    /// <summary>Little-endian IEEE 754 binary64, NumPy descr <c>&lt;f8</c>.</summary>
    Float64,
}
