using IcedServerless.Ckks.Serialization;
using IcedServerless.Ckks.Tests.Infrastructure;
using static IcedServerless.Ckks.Tests.Infrastructure.SealVectors;

namespace IcedServerless.Ckks.Tests.Scheme;

public sealed class ParametersTests
{
    [Theory]
    [InlineData("n8192", new[] { 60, 40, 40, 60 })]
    [InlineData("n16384", new[] { 60, 40, 40, 40, 40, 40, 40, 60 })]
    public void Parameters_built_like_seal_serialize_to_seals_bytes(string set, int[] bits)
    {
        var n = set == "n8192" ? 8192 : 16384;
        var parameters = EncryptionParameters.Create(n, bits);
        Assert.Equal(Bytes(set, "parms.none.bin"), parameters.Save());
        Assert.Equal(parameters, EncryptionParameters.Load(Bytes(set, "parms.none.bin")));
    }

    [Fact]
    public void Parms_ids_of_every_level_match_seal()
    {
        // From testdata/seal-4.1/README.md (computed by SEAL).
        var expected = new Dictionary<int, string>
        {
            [3] = "cfda86153fdda8e2 bab3261f59a402ac ae8fe2601f0b6e53 ddc508ab0e037ff5",
            [2] = "12a009457dbf8b0f 6364d5f3d4c92b3c 96a841ccd88e440c 1255677018089458",
            [1] = "dc264f695a81d156 890465c10f20b410 f03d86f8bc932745 2e67b09e17d4a44c",
            [0] = "2af33fda5cee1476 e1a78ed1ec9d76b3 ed2adee911ba7c4d 94f949f4f9055b1a",
        };
        var context = Context("n8192");
        foreach (var (index, id) in expected)
        {
            Assert.Equal(id, context.Levels[index].ParmsId.ToString());
        }

        Assert.Equal(context.KeyParmsId, context.Parameters.ParmsId);
        Assert.Equal(3, context.KeyContextData.ChainIndex);
        Assert.Equal(140, context.FirstContextData.TotalCoeffModulusBitCount);
        Assert.Equal("081636bea2f8a877 61eb75557cb66965 7cb47b748f4c0fa2 3b8d866e9f7c216a", Context("n16384").LastParmsId.ToString());
    }

    [Fact]
    public void Insecure_parameters_are_refused_unless_explicitly_opted_out()
    {
        var tooBig = EncryptionParameters.Create(8192, 60, 60, 60, 60); // 240 bits > 218
        var error = Assert.Throws<InvalidParametersException>(() => new CkksContext(tooBig));
        Assert.Equal(ParameterError.InsecureParameters, error.Error);
        Assert.Contains("218", error.Message);
        Assert.NotNull(new CkksContext(tooBig, new CkksContextOptions { SecurityLevel = SecurityLevel.None }));

        var noEntry = EncryptionParameters.Create(512, 20, 20);
        Assert.Equal(ParameterError.InsecureParameters, Assert.Throws<InvalidParametersException>(() => new CkksContext(noEntry)).Error);
        Assert.Throws<InvalidParametersException>(() => new CkksContext(EncryptionParameters.Create(8192, 50, 50, 50),
            new CkksContextOptions { SecurityLevel = SecurityLevel.TC256 }));
    }

    [Fact]
    public void Invalid_primes_are_refused_with_the_reason()
    {
        var primes = CoeffModulus.Create(1024, 27);
        Assert.Equal(ParameterError.InvalidCoeffModulusNoNtt,
            Assert.Throws<InvalidParametersException>(() => new CkksContext(new EncryptionParameters(1024, [primes[0] + 2]))).Error);
        Assert.Equal(ParameterError.CoeffModulusNotCoprime,
            Assert.Throws<InvalidParametersException>(() => new CkksContext(new EncryptionParameters(1024, [primes[0], primes[0]]))).Error);
        Assert.Equal(ParameterError.InvalidPolyModulusDegree,
            Assert.Throws<InvalidParametersException>(() => new CkksContext(new EncryptionParameters(1000, [12289]))).Error);
        Assert.Equal(ParameterError.InvalidCoeffModulusBitCount,
            Assert.Throws<InvalidParametersException>(() => new CkksContext(new EncryptionParameters(1024, [(1UL << 61) - 1]))).Error);
    }

    [Fact]
    public void Security_table_matches_the_standard()
    {
        Assert.Equal(218, CoeffModulus.MaxBitCount(8192));
        Assert.Equal(881, CoeffModulus.MaxBitCount(32768, SecurityLevel.TC128));
        Assert.Equal(237, CoeffModulus.MaxBitCount(16384, SecurityLevel.TC256));
        Assert.Equal(0, CoeffModulus.MaxBitCount(65536));
    }

    [Fact]
    public void Loading_non_ckks_or_malformed_parameters_fails_clearly()
    {
        var bytes = Bytes("n8192", "parms.none.bin").ToArray();
        bytes[16] = 1; // BFV
        Assert.Contains("only CKKS", Assert.Throws<SealFormatException>(() => EncryptionParameters.Load(bytes)).Message);
        bytes = Bytes("n8192", "parms.none.bin").ToArray();
        bytes[17] = 3; // N = 8195
        Assert.Throws<SealFormatException>(() => EncryptionParameters.Load(bytes));
    }
}
