using IcedServerless.Tests.Shared;

namespace IcedServerless.Imaging.Tests.Decoders;

/// <summary>The committed test images (Data/README.md says how each was made).</summary>
internal static class TestData
{
    public static string Folder(string kind) => TestRepository.File("tests", "IcedServerless.Imaging.Tests", "Data", kind);

    public static byte[] Png(string name) => File.ReadAllBytes(Path.Combine(Folder("png"), name + ".png"));

    public static byte[] Dicom(string name) => File.ReadAllBytes(Path.Combine(Folder("dicom"), name + ".dcm"));

    public static IEnumerable<string> AllPngNames() =>
        Directory.GetFiles(Folder("png"), "*.png").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static int[] ToInts(ReadOnlySpan<ushort> samples)
    {
        var result = new int[samples.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            result[i] = samples[i];
        }

        return result;
    }
}
