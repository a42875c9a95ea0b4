using System.IO.Compression;
using System.Text;

namespace IcedServerless.Cli.Tests;

/// <summary>Writes small uint8 .npy arrays and .npz archives (a zip of .npy members, as numpy.savez makes them) for inputs.</summary>
internal static class TestNumpy
{
    /// <summary>A version 1.0 .npy of uint8 values in C order.</summary>
    public static byte[] Npy(IReadOnlyList<int> shape, ReadOnlySpan<byte> values)
    {
        var dims = shape.Count == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        var header = $"{{'descr': '|u1', 'fortran_order': False, 'shape': ({dims}), }}";
        // numpy pads the header with spaces so the data starts on a 64-byte boundary, and ends it with a newline.
        header = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)(header.Length & 0xFF), (byte)(header.Length >> 8) };
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(values.ToArray());
        return [.. bytes];
    }

    /// <summary>An N×size×size uint8 .npy stack of distinct gray patterns.</summary>
    public static byte[] Stack(int count, int size)
    {
        var values = new byte[count * size * size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (byte)((i * 37 / (1 + (i / (size * size)))) & 0xFF);
        }

        return Npy([count, size, size], values);
    }

    /// <summary>Writes an .npz whose members are <c>{name}.npy</c>.</summary>
    public static async Task WriteNpzAsync(string path, IReadOnlyDictionary<string, byte[]> members)
    {
        await using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var (name, npy) in members)
        {
            await using var entry = zip.CreateEntry(name + ".npy", CompressionLevel.Fastest).Open();
            await entry.WriteAsync(npy);
        }
    }
}
