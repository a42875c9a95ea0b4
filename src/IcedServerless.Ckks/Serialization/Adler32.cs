namespace IcedServerless.Ckks.Serialization;

/// <summary>The Adler-32 checksum of RFC 1950 §8, which ends every zlib stream.</summary>
internal static class Adler32
{
    private const uint Base = 65521;

    // Largest run of bytes before the 32-bit sums must be reduced (RFC 1950, zlib's NMAX).
    private const int MaxRun = 5552;

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint a = 1;
        uint b = 0;
        while (!data.IsEmpty)
        {
            int run = Math.Min(MaxRun, data.Length);
            foreach (byte value in data[..run])
            {
                a += value;
                b += a;
            }

            a %= Base;
            b %= Base;
            data = data[run..];
        }

        return (b << 16) | a;
    }
}
