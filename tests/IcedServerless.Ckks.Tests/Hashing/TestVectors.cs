using System.Buffers.Binary;

namespace IcedServerless.Ckks.Tests.Hashing;

/// <summary>Constants of the test-vector parameter sets (testdata/seal-4.1/README.md).</summary>
internal static class TestVectors
{
    public const int N8192 = 8192;

    public static readonly ulong[] Primes8192 = [1152921504606748673, 1099510890497, 1099511480321, 1152921504606830593];

    public static readonly ulong[] Primes16384 =
    [
        1152921504606683137, 1099505827841, 1099506352129, 1099506515969,
        1099507695617, 1099508121601, 1099510054913, 1152921504606748673,
    ];

    /// <summary>A PRNG block counter as SEAL hashes it: 8 little-endian bytes.</summary>
    public static byte[] Counter(ulong value)
    {
        var bytes = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] Sequence(int length) => Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
}
