using IcedServerless.Ckks.Serialization;
using IcedServerless.Ckks.Tests.Infrastructure;
using static IcedServerless.Ckks.Tests.Infrastructure.SealVectors;

namespace IcedServerless.Ckks.Tests.Scheme;

/// <summary>
/// Hostile bytes: thousands of mutations of real SEAL objects must each either load or fail with
/// <see cref="SealFormatException"/> — never another exception, a hang, or an allocation the bytes did not pay for.
/// </summary>
public sealed class FuzzTests
{
    private delegate void Loader(ReadOnlyMemory<byte> bytes);

    public static TheoryData<string, string> Sources => new()
    {
        { "parms.none.bin", "EncryptionParameters" },
        { "ct_pk_v1.none.bin", "Ciphertext" },
        { "ct_pk_v1.zlib.bin", "Ciphertext" },
        { "ct_pk_v1.zstd.bin", "Ciphertext" },
        { "ct_sym_v2.seeded.none.bin", "Ciphertext" },
        { "plain_v1.none.bin", "Plaintext" },
        { "secret_key.none.bin", "SecretKey" },
        { "public_key.seeded.none.bin", "PublicKey" },
        { "relin_keys.seeded.none.bin", "RelinKeys" },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void Mutated_objects_fail_only_with_the_typed_exception(string file, string kind)
    {
        var context = Context("n8192");
        Loader load = kind switch
        {
            "EncryptionParameters" => b => EncryptionParameters.Load(b),
            "Ciphertext" => b => Ciphertext.Load(context, b),
            "Plaintext" => b => Plaintext.Load(context, b),
            "SecretKey" => b => SecretKey.Load(context, b),
            "PublicKey" => b => PublicKey.Load(context, b),
            _ => b => RelinKeys.Load(context, b),
        };

        var original = Bytes("n8192", file);
        var random = new Random(file.GetHashCode(StringComparison.Ordinal) ^ 20261122);
        var iterations = original.Length > 500_000 ? 60 : 250;
        var failures = 0;
        for (var i = 0; i < iterations; i++)
        {
            var mutated = Mutate(original, random);
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                load(mutated);
            }
            catch (SealFormatException)
            {
                failures++;
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} of {file} threw {e.GetType().Name}: {e.Message}");
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < (8L * original.Length) + (16 << 20), $"mutation {i} allocated {allocated} bytes");
        }

        Assert.True(failures > iterations / 4, $"only {failures} of {iterations} mutations were rejected");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToArray();
        switch (random.Next(6))
        {
            case 0: // flip a bit in the header and metadata, where the interesting fields are
                bytes[random.Next(Math.Min(bytes.Length, 160))] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1: // flip a bit anywhere
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 2: // overwrite a 64-bit field with an extreme value
                var at = random.Next(Math.Max(1, Math.Min(bytes.Length, 160) - 8));
                BitConverter.TryWriteBytes(bytes.AsSpan(at), random.Next(3) switch { 0 => ulong.MaxValue, 1 => 1UL << 40, _ => (ulong)random.NextInt64() });
                return bytes;
            case 3: // truncate
                return bytes[..random.Next(bytes.Length)];
            case 4: // trailing garbage
                return [.. bytes, .. Enumerable.Range(0, random.Next(1, 64)).Select(_ => (byte)random.Next(256))];
            default: // zero a region
                var start = random.Next(bytes.Length);
                bytes.AsSpan(start, Math.Min(bytes.Length - start, random.Next(1, 4096))).Clear();
                return bytes;
        }
    }
}
