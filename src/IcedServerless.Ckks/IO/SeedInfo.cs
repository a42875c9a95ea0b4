using IcedServerless.Ckks.Hashing;

namespace IcedServerless.Ckks.IO;

/// <summary>The PRNG type and 64-byte seed from which a ciphertext's c1 was sampled (SEAL's seeded form).</summary>
internal sealed record SeedInfo(PrngType Type, byte[] Seed);
