namespace IcedServerless.Imaging;

/// <summary>
/// The CRC-32 of ZIP and PNG (IEEE 802.3, reflected, polynomial 0xEDB88320). System.IO.Hashing is not available in
/// this environment, so the table-driven form lives here once and every format that checks it shares it.
/// </summary>
internal static class Crc32
{
    /// <summary>The register value before any byte is added (and the final XOR mask).</summary>
    public const uint Seed = 0xFFFFFFFF;

    private static readonly uint[] s_table = BuildTable();

    /// <summary>Adds <paramref name="data"/> to a running register that started at <see cref="Seed"/>.</summary>
    public static uint Update(uint register, ReadOnlySpan<byte> data)
    {
        uint[] table = s_table;
        foreach (byte b in data)
        {
            register = table[(register ^ b) & 0xFF] ^ (register >> 8);
        }

        return register;
    }

    /// <summary>The finished CRC of a running register.</summary>
    public static uint Finish(uint register) => ~register;

    /// <summary>The CRC of <paramref name="data"/> in one call.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Update(Seed, data));

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
