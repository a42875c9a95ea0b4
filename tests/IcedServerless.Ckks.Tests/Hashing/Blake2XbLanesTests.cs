using System.Numerics;
using System.Runtime.Intrinsics;
using IcedServerless.Ckks.Hashing;

namespace IcedServerless.Ckks.Tests.Hashing;

/// <summary>The four-lane output stage must be indistinguishable from the one-node-at-a-time stage.</summary>
public class Blake2XbLanesTests
{
    [Theory]
    [InlineData(256)]
    [InlineData(300)]
    [InlineData(1000)]
    [InlineData(4096)]
    [InlineData(70_000)]
    public void LaneExpansion_EqualsScalarExpansion(int length)
    {
        var random = new Random(length);
        var root = new byte[64];
        random.NextBytes(root);
        var scalar = new byte[length];
        var lanes = new byte[length];

        Blake2Xb.ExpandRoot(root, (uint)length, scalar, useLanes: false);
        Blake2Xb.ExpandRoot(root, (uint)length, lanes, useLanes: true);

        Assert.Equal(scalar, lanes);
    }

    [Fact]
    public void PortableRotation_EqualsScalarRotation()
    {
        var random = new Random(7);
        for (int count = 1; count < 64; count++)
        {
            var words = new ulong[4];
            for (int i = 0; i < 4; i++)
            {
                words[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
            }

            Vector256<ulong> rotated = Blake2XbLanes.RotateRightPortable(Vector256.Create(words), count);
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(BitOperations.RotateRight(words[i], count), rotated.GetElement(i));
            }
        }
    }
}
