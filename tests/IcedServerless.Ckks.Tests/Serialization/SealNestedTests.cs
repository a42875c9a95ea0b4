using IcedServerless.Ckks.Hashing;
using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks.Tests.Serialization;

public class SealNestedTests
{
    private static SealReader ReaderOver(Action<SealWriter> write)
    {
        var writer = new SealWriter();
        write(writer);
        return new SealReader(writer.ToArray());
    }

    private static byte[] Bytes(Action<SealWriter> write)
    {
        var writer = new SealWriter();
        write(writer);
        return writer.ToArray();
    }

    [Fact]
    public void Modulus_HasSealsExactLayout()
    {
        byte[] bytes = Bytes(w => SealNested.WriteModulus(w, 1099510890497));
        Assert.Equal(Convert.FromHexString("5EA1100401000000" + "1800000000000000" + "01C0F4FFFF000000"), bytes);

        var reader = new SealReader(bytes);
        Assert.Equal(1099510890497UL, SealNested.ReadModulus(ref reader));
        reader.ExpectEnd("Modulus");
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(1UL << 61)]
    [InlineData(ulong.MaxValue)]
    public void Modulus_RejectsValuesSealRefuses(ulong value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SealNested.WriteModulus(new SealWriter(), value));

        byte[] bytes = Bytes(w => SealNested.WriteModulus(w, 17));
        BitConverter.TryWriteBytes(bytes.AsSpan(16), value);
        Assert.Contains($"value {value} is invalid", Assert.Throws<SealFormatException>(() => ReadModulus(bytes)).Message);
    }

    [Fact]
    public void Modulus_RejectsAWrongNestedSize()
    {
        byte[] bytes = Bytes(w =>
        {
            SealHeader.ForWrite(ComprModeType.None, 32).Write(w.GetSpan(16));
            w.WriteUInt64(17);
            w.WriteUInt64(0);
        });
        Assert.Contains("nested size is 32, expected 24", Assert.Throws<SealFormatException>(() => ReadModulus(bytes)).Message);
    }

    private static ulong ReadModulus(byte[] bytes)
    {
        var reader = new SealReader(bytes);
        return SealNested.ReadModulus(ref reader);
    }

    [Fact]
    public void DynArray_RoundTripsWords()
    {
        ulong[] words = [1, ulong.MaxValue, 0x0102030405060708, 0];
        var reader = ReaderOver(w =>
        {
            SealNested.WriteDynArrayHeader(w, (ulong)words.Length);
            SealNested.WriteWords(w, words);
        });

        Assert.Equal(4UL, SealNested.ReadDynArrayCount(ref reader, 4));
        var back = new ulong[4];
        SealNested.ReadWords(ref reader, back);
        Assert.Equal(words, back);
        reader.ExpectEnd("DynArray");
    }

    [Fact]
    public void DynArrayCount_IsCheckedBeforeTheCallerAllocates()
    {
        byte[] fourWords = Bytes(w =>
        {
            SealNested.WriteDynArrayHeader(w, 4);
            SealNested.WriteWords(w, new ulong[4]);
        });
        Assert.Contains("count 4 exceeds the limit of 3", Assert.Throws<SealFormatException>(() => ReadCount(fourWords, 3)).Message);
        Assert.Contains("declares 56 bytes but only 48 remain", Assert.Throws<SealFormatException>(() => ReadCount(fourWords[..^8], 4)).Message);

        // A hostile count of 2^60 with a matching (huge) header size must fail on the bytes present.
        byte[] hostile = Bytes(w =>
        {
            SealHeader.ForWrite(ComprModeType.None, 24).Write(w.GetSpan(16));
            w.WriteUInt64(1UL << 60);
            w.WriteUInt64(0);
        });
        Assert.Contains("needs", Assert.Throws<SealFormatException>(() => ReadCount(hostile, ulong.MaxValue)).Message);

        byte[] sizeMismatch = (byte[])fourWords.Clone();
        BitConverter.TryWriteBytes(sizeMismatch.AsSpan(8), 16UL + 8 + 8 * 3);
        Assert.Contains("nested size is 48, expected 56", Assert.Throws<SealFormatException>(() => ReadCount(sizeMismatch, 4)).Message);
    }

    private static ulong ReadCount(byte[] bytes, ulong maxCount)
    {
        var reader = new SealReader(bytes);
        return SealNested.ReadDynArrayCount(ref reader, maxCount);
    }

    [Fact]
    public void PrngInfo_RoundTrips_AndRejectsUnknownTypes()
    {
        byte[] seed = Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray();
        byte[] bytes = Bytes(w => SealNested.WritePrngInfo(w, PrngType.Blake2Xb, seed));
        Assert.Equal(SealNested.PrngInfoBytes, bytes.Length);

        var reader = new SealReader(bytes);
        (PrngType type, byte[] readSeed) = SealNested.ReadPrngInfo(ref reader);
        Assert.Equal(PrngType.Blake2Xb, type);
        Assert.Equal(seed, readSeed);
        reader.ExpectEnd("PRNG info");

        foreach (byte bad in new byte[] { 0, 3 })
        {
            byte[] copy = (byte[])bytes.Clone();
            copy[16] = bad;
            Assert.Contains($"prng_type {bad} is not supported", Assert.Throws<SealFormatException>(() => ReadPrngInfo(copy)).Message);
        }

        Assert.Throws<ArgumentException>(() => SealNested.WritePrngInfo(new SealWriter(), PrngType.Unknown, seed));
        Assert.Throws<ArgumentException>(() => SealNested.WritePrngInfo(new SealWriter(), PrngType.Blake2Xb, seed[..63]));
    }

    private static void ReadPrngInfo(byte[] bytes)
    {
        var reader = new SealReader(bytes);
        SealNested.ReadPrngInfo(ref reader);
    }

    [Fact]
    public void ReadWords_ReportsTruncation()
    {
        var ex = Assert.Throws<SealFormatException>(() =>
        {
            var reader = new SealReader(new byte[20]);
            SealNested.ReadWords(ref reader, new ulong[3], "c0");
        });
        Assert.Contains("reading c0: 3 words need 24 bytes", ex.Message);
    }
}
