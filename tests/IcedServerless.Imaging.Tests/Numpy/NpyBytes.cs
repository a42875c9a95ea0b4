using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace IcedServerless.Imaging.Tests.Numpy;

/// <summary>Builds .npy and .npz bytes by the format's rules, so tests can feed exact (and exactly wrong) input.</summary>
internal static class NpyBytes
{
    public static string Dict(string descr, string shape, bool fortran = false) =>
        $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";

    /// <summary>Magic, version, length field, the header padded with spaces and a newline to 64 bytes, payload.</summary>
    public static byte[] Build(string dict, ReadOnlySpan<byte> payload, byte major = 1)
    {
        int prefix = major == 1 ? 10 : 12;
        int unpadded = prefix + dict.Length + 1;
        int padded = (unpadded + 63) / 64 * 64;
        string header = dict + new string(' ', padded - unpadded) + "\n";
        using var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, 0]);
        Span<byte> len = stackalloc byte[4];
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
            ms.Write(len[..2]);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)header.Length);
            ms.Write(len);
        }

        ms.Write(Encoding.ASCII.GetBytes(header));
        ms.Write(payload);
        return ms.ToArray();
    }

    public static byte[] Zip(params (string Name, byte[] Data)[] members)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in members)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                s.Write(data);
            }
        }

        return ms.ToArray();
    }
}
