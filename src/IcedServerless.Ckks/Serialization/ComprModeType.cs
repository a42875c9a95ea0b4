namespace IcedServerless.Ckks.Serialization;

/// <summary>The <c>compr_mode</c> byte of a SEAL header (seal-compat.md §1.1–1.2).</summary>
public enum ComprModeType : byte
{
    /// <summary>Members follow the header as they are.</summary>
    None = 0,

    /// <summary>Members are one RFC 1950 zlib stream.</summary>
    ZLib = 1,

    /// <summary>Members are one Zstandard frame (RFC 8878); node-seal's default.</summary>
    Zstd = 2,
}
