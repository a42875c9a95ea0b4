using System.Runtime.InteropServices;

namespace IcedServerless.Ckks.Serialization;

/// <summary>
/// The few entry points of the system's libzstd that SEAL compression mode 2 needs, bound at run time with
/// <see cref="NativeLibrary"/> (no static import, so the engine loads and works without libzstd; only zstd data
/// then fails). Function pointers rather than delegates keep it trimming- and AOT-safe.
/// </summary>
internal sealed unsafe class ZstdLibrary
{
    /// <summary>Where the library is looked for, most specific first (Linux soname, macOS, Windows).</summary>
    public static readonly string[] DefaultNames = ["libzstd.so.1", "libzstd.so", "libzstd.1.dylib", "libzstd.dylib", "libzstd.dll", "zstd.dll"];

    private static readonly Lazy<ZstdLibrary?> s_default = new(() => TryLoad(DefaultNames));

    private ZstdLibrary()
    {
    }

    /// <summary>The system library, loaded on first use; null when it is absent or lacks an entry point.</summary>
    public static ZstdLibrary? Default => s_default.Value;

    public delegate* unmanaged<nuint, nuint> CompressBound { get; private init; }

    public delegate* unmanaged<void*, nuint, void*, nuint, int, nuint> Compress { get; private init; }

    public delegate* unmanaged<nuint, uint> IsError { get; private init; }

    public delegate* unmanaged<nuint, sbyte*> GetErrorName { get; private init; }

    public delegate* unmanaged<void*> CreateDCtx { get; private init; }

    public delegate* unmanaged<void*, nuint> FreeDCtx { get; private init; }

    public delegate* unmanaged<void*, int, int, nuint> DCtxSetParameter { get; private init; }

    public delegate* unmanaged<void*, OutBuffer*, InBuffer*, nuint> DecompressStream { get; private init; }

    public delegate* unmanaged<void*, nuint, ulong> GetFrameContentSize { get; private init; }

    /// <summary>Loads the first of <paramref name="names"/> that exists and exports everything needed.</summary>
    public static ZstdLibrary? TryLoad(IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            if (!NativeLibrary.TryLoad(name, out nint handle))
            {
                continue;
            }

            if (TryBind(handle, out ZstdLibrary? library))
            {
                return library;
            }

            NativeLibrary.Free(handle);
        }

        return null;
    }

    /// <summary>The library's text for an error code.</summary>
    public string ErrorName(nuint code) => new(GetErrorName(code));

    private static bool TryBind(nint handle, out ZstdLibrary? library)
    {
        library = null;
        if (!NativeLibrary.TryGetExport(handle, "ZSTD_compressBound", out nint compressBound)
            || !NativeLibrary.TryGetExport(handle, "ZSTD_compress", out nint compress)
            || !NativeLibrary.TryGetExport(handle, "ZSTD_isError", out nint isError)
            || !NativeLibrary.TryGetExport(handle, "ZSTD_getErrorName", out nint getErrorName)
            || !NativeLibrary.TryGetExport(handle, "ZSTD_createDCtx", out nint createDCtx)
            || !NativeLibrary.TryGetExport(handle, "ZSTD_freeDCtx", out nint freeDCtx)
            || !NativeLibrary.TryGetExport(handle, "ZSTD_DCtx_setParameter", out nint setParameter)
            || !NativeLibrary.TryGetExport(handle, "ZSTD_decompressStream", out nint decompressStream)
            || !NativeLibrary.TryGetExport(handle, "ZSTD_getFrameContentSize", out nint frameContentSize))
        {
            return false;
        }

        library = new ZstdLibrary
        {
            CompressBound = (delegate* unmanaged<nuint, nuint>)compressBound,
            Compress = (delegate* unmanaged<void*, nuint, void*, nuint, int, nuint>)compress,
            IsError = (delegate* unmanaged<nuint, uint>)isError,
            GetErrorName = (delegate* unmanaged<nuint, sbyte*>)getErrorName,
            CreateDCtx = (delegate* unmanaged<void*>)createDCtx,
            FreeDCtx = (delegate* unmanaged<void*, nuint>)freeDCtx,
            DCtxSetParameter = (delegate* unmanaged<void*, int, int, nuint>)setParameter,
            DecompressStream = (delegate* unmanaged<void*, OutBuffer*, InBuffer*, nuint>)decompressStream,
            GetFrameContentSize = (delegate* unmanaged<void*, nuint, ulong>)frameContentSize,
        };
        return true;
    }

    /// <summary>ZSTD_inBuffer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct InBuffer
    {
        public void* Source;
        public nuint Size;
        public nuint Position;
    }

    /// <summary>ZSTD_outBuffer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct OutBuffer
    {
        public void* Destination;
        public nuint Size;
        public nuint Position;
    }
}
