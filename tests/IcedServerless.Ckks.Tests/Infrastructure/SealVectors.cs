using System.Collections.Concurrent;

namespace IcedServerless.Ckks.Tests.Infrastructure;

/// <summary>The SEAL 4.1 vectors in testdata/seal-4.1 (made by node-seal 6.0.3) and their known inputs.</summary>
internal static class SealVectors
{
    public const double Scale = 1099511627776.0; // 2^40, the scale of every vector

    /// <summary>Decrypt/decode tolerance the vectors' README calls safe.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>Coefficient-modulus bit sizes of the n8192 set.</summary>
    public static readonly int[] Bits8192 = [60, 40, 40, 60];

    /// <summary>Coefficient-modulus bit sizes of the n16384 set.</summary>
    public static readonly int[] Bits16384 = [60, 40, 40, 40, 40, 40, 40, 60];

    private static readonly ConcurrentDictionary<string, CkksContext> s_contexts = new();
    private static readonly ConcurrentDictionary<string, byte[]> s_files = new();

    /// <summary>The bytes of a vector file, e.g. <c>Bytes("n8192", "ct_pk_v1.none.bin")</c>.</summary>
    public static byte[] Bytes(string set, string file) =>
        s_files.GetOrAdd($"{set}/{file}", key => File.ReadAllBytes(RepoPaths.SealVectors(key)));

    /// <summary>The bytes of a vector file by relative path, e.g. <c>Read("n8192/ct_pk_v1.none.bin")</c>.</summary>
    public static byte[] Read(string relative)
    {
        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        return Bytes(relative[..slash], relative[(slash + 1)..]).ToArray();
    }

    /// <summary>v1, v2 or v3 over <paramref name="slots"/> slots.</summary>
    public static double[] Vector(string name, int slots) => name switch
    {
        "v1" => V1(slots),
        "v2" => V2(slots),
        "v3" => V3(slots),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "known vectors are v1, v2 and v3"),
    };

    /// <summary>A context built from the set's own serialized parameters, at the default 128-bit security.</summary>
    public static CkksContext Context(string set) =>
        s_contexts.GetOrAdd(set, s => new CkksContext(EncryptionParameters.Load(Bytes(s, "parms.none.bin"))));

    public static Ciphertext Ciphertext(string set, string file) => global::IcedServerless.Ckks.Ciphertext.Load(Context(set), Bytes(set, file));

    public static Plaintext Plaintext(string set, string file) => global::IcedServerless.Ckks.Plaintext.Load(Context(set), Bytes(set, file));

    public static SecretKey SecretKey(string set) => global::IcedServerless.Ckks.SecretKey.Load(Context(set), Bytes(set, "secret_key.none.bin"));

    /// <summary>v1: slots 0..3 = 1.5, 2, 3, −4.25; the rest 0.</summary>
    public static double[] V1(int slots)
    {
        var v = new double[slots];
        v[0] = 1.5;
        v[1] = 2.0;
        v[2] = 3.0;
        v[3] = -4.25;
        return v;
    }

    /// <summary>v2: slot i = ((i mod 17) − 8) / 8.</summary>
    public static double[] V2(int slots) => Enumerable.Range(0, slots).Select(i => ((i % 17) - 8) / 8.0).ToArray();

    /// <summary>v3: every slot 0.5.</summary>
    public static double[] V3(int slots) => Enumerable.Repeat(0.5, slots).ToArray();

    public static double[] Rotate(double[] v, int k) =>
        Enumerable.Range(0, v.Length).Select(i => v[(((i + k) % v.Length) + v.Length) % v.Length]).ToArray();

    public static double MaxError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        var max = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            max = Math.Max(max, Math.Abs(actual[i] - expected[i]));
        }

        return max;
    }
}
