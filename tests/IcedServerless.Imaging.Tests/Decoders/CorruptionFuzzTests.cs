using IcedServerless.Imaging.Decoders;

namespace IcedServerless.Imaging.Tests.Decoders;

/// <summary>
/// Seeded mutation loops over the real test files: every truncation, random bit flips (for PNG also with the chunk
/// CRCs recomputed, so the damage reaches the header, palette, zlib and filter checks) and random lying lengths.
/// Each decode must succeed or throw <see cref="ImageFormatException"/>, without a large allocation; the timeout
/// catches a hang.
/// </summary>
public class CorruptionFuzzTests
{
    private const int FlipsPerFile = 150;

    public static TheoryData<string> PngNames() => [.. TestData.AllPngNames()];

    public static TheoryData<string> DicomNames() =>
    [
        "ct-explicit-undefined-lengths", "ct-explicit-defined-lengths", "ct-implicit", "ct-deflated", "ct-raw-implicit",
        "ct-raw-explicit", "cr-mono1-12bit", "cr-12bit-highbit13", "mono2-8bit-2frames", "rgb-img2dcm", "rgb-planar",
    ];

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PngNames))]
    public async Task Png_Mutations_DecodeOrRejectTyped(string name)
    {
        byte[] original = TestData.Png(name);
        await Task.Run(() =>
        {
            for (int length = 0; length < original.Length; length++)
            {
                Assert.False(Hostile.DecodesOrRejects(() => PngDecoder.Decode(original.AsSpan(0, length)), $"{name} cut to {length}"));
            }

            var random = new Random(name.GetHashCode(StringComparison.Ordinal) & 0x7FFF);
            int rejectedPastCrc = 0;
            for (int i = 0; i < FlipsPerFile; i++)
            {
                foreach (bool fixCrc in new[] { false, true })
                {
                    byte[] mutated = Mutate(original, random, out string how);
                    if (fixCrc)
                    {
                        PngBuilder.FixCrcs(mutated);
                    }

                    bool decoded = Hostile.DecodesOrRejects(() => PngDecoder.Decode(mutated), $"{name} {how} crc-fixed={fixCrc}");
                    rejectedPastCrc += fixCrc && !decoded ? 1 : 0;
                }
            }

            // With CRCs fixed some damage must still be caught by a later check, or the loop tested nothing deep.
            Assert.True(rejectedPastCrc > 0, $"{name}: no CRC-fixed mutation was rejected.");
        });
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DicomNames))]
    public async Task Dicom_Mutations_DecodeOrRejectTyped(string name)
    {
        byte[] original = TestData.Dicom(name);
        int[] pixels = TestData.ToInts(DicomDecoder.Decode(original).Samples);
        bool deflated = name.Contains("deflated", StringComparison.Ordinal);
        await Task.Run(() =>
        {
            for (int length = 0; length < original.Length; length += deflated ? 1 : 3)
            {
                DecodedImage? image = null;
                if (Hostile.DecodesOrRejects(() => image = DicomDecoder.Decode(original.AsSpan(0, length)), $"{name} cut to {length}"))
                {
                    // Raw DEFLATE has no checksum: a cut inside the end-of-stream code loses nothing and goes unnoticed,
                    // which is acceptable only while every pixel is still there.
                    Assert.True(deflated, $"{name} cut to {length} decoded.");
                    Assert.Equal(pixels, TestData.ToInts(image!.Samples));
                }
            }

            var random = new Random(name.GetHashCode(StringComparison.Ordinal) & 0x7FFF);
            for (int i = 0; i < 2 * FlipsPerFile; i++)
            {
                byte[] mutated = Mutate(original, random, out string how);
                Hostile.DecodesOrRejects(() => DicomDecoder.Decode(mutated), $"{name} {how}");
            }
        });
    }

    [Fact]
    public void RandomBytes_AreRejectedByTheLoader()
    {
        var random = new Random(7);
        for (int i = 0; i < 500; i++)
        {
            var data = new byte[random.Next(0, 600)];
            random.NextBytes(data);
            Assert.Throws<ImageFormatException>(() => ImageLoader.Decode(data));
        }
    }

    /// <summary>One of: a flipped bit, a byte set to a random value, or four bytes set to 0xFF (a lying length).</summary>
    private static byte[] Mutate(byte[] original, Random random, out string how)
    {
        byte[] m = (byte[])original.Clone();
        int at = random.Next(m.Length);
        switch (random.Next(3))
        {
            case 0:
                int bit = random.Next(8);
                m[at] ^= (byte)(1 << bit);
                how = $"bit {bit} of byte {at} flipped";
                break;
            case 1:
                m[at] = (byte)random.Next(256);
                how = $"byte {at} set to {m[at]}";
                break;
            default:
                m.AsSpan(at, Math.Min(4, m.Length - at)).Fill(0xFF);
                how = $"bytes from {at} set to FF";
                break;
        }

        return m;
    }
}
