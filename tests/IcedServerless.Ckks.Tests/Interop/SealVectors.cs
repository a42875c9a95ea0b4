using IcedServerless.Ckks.Tests.Infrastructure;

namespace IcedServerless.Ckks.Tests.Interop;

/// <summary>The known inputs and files of testdata/seal-4.1 (see its README).</summary>
internal static class SealVectors
{
    /// <summary>The scale of every fresh test-vector object, 2^40.</summary>
    public const double Scale = 1099511627776.0;

    /// <summary>Decrypt/decode tolerance the README calls safe for these vectors.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>Coefficient-modulus bit sizes of the n8192 set.</summary>
    public static readonly int[] Bits8192 = [60, 40, 40, 60];

    /// <summary>Coefficient-modulus bit sizes of the n16384 set.</summary>
    public static readonly int[] Bits16384 = [60, 40, 40, 40, 40, 40, 40, 60];

    /// <summary>The bytes of a test-vector file, e.g. <c>Read("n8192/ct_pk_v1.none.bin")</c>.</summary>
    public static byte[] Read(string relative) => File.ReadAllBytes(RepoPaths.SealVectors(relative));

    /// <summary>v1, v2 or v3 over <paramref name="slots"/> slots, as the README defines them.</summary>
    public static double[] Vector(string name, int slots)
    {
        var v = new double[slots];
        switch (name)
        {
            case "v1":
                (v[0], v[1], v[2], v[3]) = (1.5, 2.0, 3.0, -4.25);
                break;
            case "v2":
                for (var i = 0; i < slots; i++)
                {
                    v[i] = ((i % 17) - 8) / 8.0;
                }

                break;
            case "v3":
                Array.Fill(v, 0.5);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "Known vectors are v1, v2 and v3.");
        }

        return v;
    }

    /// <summary>Slot i of the result is slot (i + k) mod n of the input, as SEAL's rotateVector(k).</summary>
    public static double[] Rotate(double[] v, int k)
    {
        var n = v.Length;
        return Enumerable.Range(0, n).Select(i => v[(((i + k) % n) + n) % n]).ToArray();
    }

    /// <summary>The largest absolute difference between two equally long vectors.</summary>
    public static double MaxError(IReadOnlyList<double> actual, IReadOnlyList<double> expected)
    {
        Assert.Equal(expected.Count, actual.Count);
        return expected.Select((e, i) => Math.Abs(actual[i] - e)).Max();
    }
}
