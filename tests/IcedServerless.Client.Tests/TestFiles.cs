using System.IO.Compression;
using System.Text;
using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Model;
using IcedServerless.Model.Serialization;
using IcedServerless.Testing;

namespace IcedServerless.Client.Tests;

/// <summary>Committed data the client tests read, and small NumPy files they write.</summary>
internal static class TestFiles
{
    private static readonly Lazy<ClassifierModel> s_pneumonia = new(() =>
        ModelFileReader.LoadAsync(Repo("models", "pneumoniamnist-28.model.json")).GetAwaiter().GetResult());

    public static ClassifierModel Pneumonia => s_pneumonia.Value;

    public static PreprocessingSpec Spec => Pneumonia.Preprocessing;

    public static string PneumoniaNpz => Repo("data", "pneumoniamnist", "pneumoniamnist_28.npz");

    public static string ImagingData(params string[] parts) => Repo(["tests", "IcedServerless.Imaging.Tests", "Data", .. parts]);

    public static string Repo(params string[] parts) => Path.Combine([RepoPaths.Root, .. parts]);

    /// <summary>A version 1.0 .npy file of uint8 values with the given shape.</summary>
    public static byte[] Npy(byte[] values, params int[] shape)
    {
        var dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        var dict = $"{{'descr': '|u1', 'fortran_order': False, 'shape': ({dims}), }}";
        var total = 10 + dict.Length + 1;
        var header = dict + new string(' ', ((total + 63) / 64 * 64) - total) + "\n";
        var file = new MemoryStream();
        file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        file.Write(BitConverter.GetBytes((ushort)header.Length));
        file.Write(Encoding.ASCII.GetBytes(header));
        file.Write(values);
        return file.ToArray();
    }

    /// <summary>A .npz archive of the given members.</summary>
    public static byte[] Npz(params (string Key, byte[] Npy)[] members)
    {
        var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (key, npy) in members)
            {
                using var entry = zip.CreateEntry(key + ".npy").Open();
                entry.Write(npy);
            }
        }

        return file.ToArray();
    }

    /// <summary>Deterministic gray pixels.</summary>
    public static byte[] Pixels(int count, int seed)
    {
        var pixels = new byte[count];
        new Random(seed).NextBytes(pixels);
        return pixels;
    }
}
