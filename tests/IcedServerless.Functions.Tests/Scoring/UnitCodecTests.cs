using IcedServerless.Ckks.Serialization;
using IcedServerless.Client;
using IcedServerless.Contracts;
using IcedServerless.Functions.Scoring;
using IcedServerless.Functions.Tests.Infrastructure;

namespace IcedServerless.Functions.Tests.Scoring;

public sealed class UnitCodecTests
{
    private static TestClientCrypto Crypto => TestClientCrypto.Shared;

    [Fact]
    public void Read_OneValidCiphertext_LoadsItAtThePlansLevelAndScale()
    {
        var unit = UnitCodec.Read(Crypto.EncryptUnit(Crypto.Inputs(1)), Crypto.Model, unit: 0);

        var ciphertext = Assert.Single(unit);
        Assert.Equal(Crypto.Model.Context.FirstParmsId, ciphertext.ParmsId);
        Assert.Equal(Crypto.Model.Plan.InputScale, ciphertext.Scale);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Read_WrongNumberOfCiphertexts_FailsWithWrongCiphertextCount(int count)
    {
        var blob = Enumerable.Range(0, count).SelectMany(i => Crypto.EncryptUnitSeeded(Crypto.Inputs(i))).ToArray();

        var e = Assert.Throws<JobFailureException>(() => UnitCodec.Read(blob, Crypto.Model, unit: 4));

        Assert.Equal((JobErrorCodes.WrongCiphertextCount, 4), (e.Code, e.Unit));
    }

    [Fact]
    public void Read_TruncatedOrForeignBytes_FailsWithMalformedCiphertextNamingTheCause()
    {
        var whole = Crypto.EncryptUnit(Crypto.Inputs(1));

        var truncated = Assert.Throws<JobFailureException>(() => UnitCodec.Read(whole[..^10], Crypto.Model, unit: 2));
        var foreign = Assert.Throws<JobFailureException>(() => UnitCodec.Read("GIF89a, not a ciphertext"u8.ToArray(), Crypto.Model, unit: 2));

        Assert.Equal(JobErrorCodes.MalformedCiphertext, truncated.Code);
        Assert.Contains("truncated", truncated.Message, StringComparison.Ordinal);
        Assert.Equal(JobErrorCodes.MalformedCiphertext, foreign.Code);
        Assert.Contains("magic", foreign.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxUnitBytes_AdmitsAnUncompressedUnitAndNotTwo()
    {
        var full = UnitCodec.Read(Crypto.EncryptUnit(Crypto.Inputs(1)), Crypto.Model, 0)[0].Save(ComprModeType.None);
        var limit = UnitCodec.MaxUnitBytes(Crypto.Model);

        Assert.InRange(limit, full.Length, 2L * full.Length);
    }

    [Fact]
    public void Write_ConcatenatesCiphertextsThatTheClientSplitsBack()
    {
        var inputs = UnitCodec.Read(Crypto.EncryptUnit(Crypto.Inputs(1)), Crypto.Model, 0);
        var twice = new[] { inputs[0], inputs[0] };

        var bytes = UnitCodec.Write(twice, ComprModeType.None);
        var back = UnitBlob.Split(bytes).Select(b => Ckks.Ciphertext.Load(Crypto.Model.Context, b)).ToList();

        Assert.Equal(2, back.Count);
        Assert.Equal(inputs[0].Data.ToArray(), back[1].Data.ToArray());
        Assert.Equal(bytes, UnitBlob.Join(twice.Select(c => c.Save(ComprModeType.None))));
    }
}
