namespace IcedServerless.Ckks.Hashing;

/// <summary>SEAL's <c>prng_type</c> byte (seal-compat.md §1.9, §1.12): which generator expands a stored seed.</summary>
public enum PrngType : byte
{
    /// <summary>Not a usable generator; SEAL refuses to expand it.</summary>
    Unknown = 0,

    /// <summary>BLAKE2Xb counter-mode stream (SEAL and node-seal default).</summary>
    Blake2Xb = 1,

    /// <summary>SHAKE256 counter-mode stream (only SEAL builds configured for it).</summary>
    Shake256 = 2,
}
