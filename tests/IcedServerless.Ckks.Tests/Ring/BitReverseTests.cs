using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks.Tests.Ring;

public class BitReverseTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 1, 1)]
    [InlineData(1, 3, 4)]
    [InlineData(6, 3, 3)]
    [InlineData(1, 13, 4096)]
    [InlineData(0x7FFFFFFF, 31, 0x7FFFFFFF)]
    [InlineData(1, 31, 1 << 30)]
    public void Reverse_KnownValues(int value, int bits, int expected)
    {
        Assert.Equal(expected, BitReverse.Reverse(value, bits));
    }

    [Fact]
    public void Reverse_MatchesBitLoopAndIsAnInvolution()
    {
        for (var bits = 1; bits <= 14; bits++)
        {
            for (var v = 0; v < 1 << bits; v += 1 + (v >> 4))
            {
                var r = BitReverse.Reverse(v, bits);
                Assert.Equal(Reference.ReverseBits(v, bits), r);
                Assert.Equal(v, BitReverse.Reverse(r, bits));
            }
        }
    }

    [Theory]
    [InlineData(0, -1)]
    [InlineData(0, 32)]
    [InlineData(8, 3)]
    [InlineData(-1, 5)]
    [InlineData(1, 0)]
    public void Reverse_OutOfRange_Throws(int value, int bits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BitReverse.Reverse(value, bits));
    }
}
