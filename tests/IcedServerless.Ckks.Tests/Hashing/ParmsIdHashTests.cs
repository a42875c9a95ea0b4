using IcedServerless.Ckks.Hashing;
using IcedServerless.Ckks.Serialization;
using IcedServerless.Ckks.Tests.Infrastructure;

namespace IcedServerless.Ckks.Tests.Hashing;

public class ParmsIdHashTests
{
    // The parms_id of every level, copied from testdata/seal-4.1/README.md (SEAL's own values), keyed by prime count.
    public static TheoryData<string, int, ulong[]> Levels => new()
    {
        { "n8192", 4, [0xcfda86153fdda8e2, 0xbab3261f59a402ac, 0xae8fe2601f0b6e53, 0xddc508ab0e037ff5] },
        { "n8192", 3, [0x12a009457dbf8b0f, 0x6364d5f3d4c92b3c, 0x96a841ccd88e440c, 0x1255677018089458] },
        { "n8192", 2, [0xdc264f695a81d156, 0x890465c10f20b410, 0xf03d86f8bc932745, 0x2e67b09e17d4a44c] },
        { "n8192", 1, [0x2af33fda5cee1476, 0xe1a78ed1ec9d76b3, 0xed2adee911ba7c4d, 0x94f949f4f9055b1a] },
        { "n16384", 8, [0x2c0e7817a1e1cbdb, 0x5ea6aef5c2516085, 0x787cb7673596f5ca, 0x9b844c822ba38403] },
        { "n16384", 7, [0x5b8fb04e6a0b3de2, 0xb0041cc20cd3359f, 0xbbd61c23079efe4b, 0x2a578c36028f7c4a] },
        { "n16384", 6, [0xfb5d25ce5030a198, 0xb5ef309ec55dc982, 0x01452c8d5f9fc25b, 0x3c4151361af842ae] },
        { "n16384", 5, [0xf24346ab0dcb0c78, 0xd6c78829857c2546, 0xe6fec1e5b4f16f4b, 0x2c7a463867f4880b] },
        { "n16384", 4, [0xf694c8bb12ce2db7, 0x756aebcdb39a8494, 0xdba3020f84702803, 0xa93d7c539f61f4d2] },
        { "n16384", 3, [0xca0a9503da8f32ea, 0x043a645a410067b8, 0x27277652965f2426, 0x1b3ef8b3112591ce] },
        { "n16384", 2, [0x487ecc53039c1be5, 0x4ab9addfc5ae7105, 0xc7c6f5384efabd9d, 0x7d84b91141147ca8] },
        { "n16384", 1, [0x081636bea2f8a877, 0x61eb75557cb66965, 0x7cb47b748f4c0fa2, 0x3b8d866e9f7c216a] },
    };

    [Theory]
    [MemberData(nameof(Levels))]
    public void ParmsId_OfEveryLevel_MatchesSeal(string set, int primeCount, ulong[] expected)
    {
        (ulong n, ulong[] primes) = ReadParameters(RepoPaths.SealVectors(set + "/parms.none.bin"));
        ulong[] words = [2, n, .. primes.AsSpan(0, primeCount), 0];
        var parmsId = new ulong[4];
        ParmsIdHash.Compute(words, parmsId);
        Assert.Equal(expected, parmsId);
    }

    [Fact]
    public void Compute_RequiresFourOutputWords()
    {
        Assert.Throws<ArgumentException>(() => ParmsIdHash.Compute([2, 8192, 0], new ulong[3]));
    }

    // EncryptionParameters (§1.5): scheme byte, N, K, K nested Modulus objects, nested plain modulus.
    private static (ulong N, ulong[] Primes) ReadParameters(string path)
    {
        ReadOnlyMemory<byte> members = SealEnvelope.Open(File.ReadAllBytes(path), 4096, out _);
        var reader = new SealReader(members.Span);
        Assert.Equal(2, reader.ReadByte("scheme"));
        ulong n = reader.ReadUInt64("poly_modulus_degree");
        ulong k = reader.ReadUInt64("coeff_modulus count");
        var primes = new ulong[k];
        for (ulong i = 0; i < k; i++)
        {
            primes[i] = SealNested.ReadModulus(ref reader);
        }

        Assert.Equal(0UL, SealNested.ReadModulus(ref reader));
        reader.ExpectEnd(path);
        return (n, primes);
    }
}
