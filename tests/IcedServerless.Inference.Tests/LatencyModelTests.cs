using IcedServerless.Ckks;
using IcedServerless.Inference.Latency;

namespace IcedServerless.Inference.Tests;

/// <summary>Encrypted logits of the latency packing decrypt to the plaintext network's logits.</summary>
public sealed class LatencyModelTests
{
    [Theory]
    [InlineData(21UL, true)]
    [InlineData(22UL, false)]
    public void Encrypted_logits_match_the_plaintext_network(ulong seed, bool hidden)
    {
        var network = TestNetworks.Small(seed, hidden: hidden);
        var encrypted = new LatencyEncryptedModel(ThroughputModelTests.TestModel(network));
        var plan = encrypted.Plan;
        Assert.Equal(Packing.Latency, plan.Packing);
        // Planning does not encode the evaluation's plaintexts; the first evaluation does (start-up time).
        Assert.False(encrypted.PlaintextsEncoded);
        Assert.All(plan.RotationSteps, s => Assert.True(s > 0 && (s & (s - 1)) == 0, "steps are powers of two"));

        // The client: its own keys, only the Galois keys the plan lists, seeded uploads.
        var context = new CkksContext(EncryptionParameters.Load(plan.EncryptionParameters));
        var keygen = new KeyGenerator(context);
        var keys = encrypted.LoadKeys(keygen.CreateRelinKeysSerializable().Save(), keygen.CreateGaloisKeysSerializable(plan.RotationSteps).Save());
        var encoder = new CkksEncoder(context);
        var encryptor = new Encryptor(context, keygen.SecretKey);
        var decryptor = new Decryptor(context, keygen.SecretKey);
        Assert.False(encrypted.PlaintextsEncoded);

        var random = new Random(3);
        for (var trial = 0; trial < 3; trial++)
        {
            var image = TestNetworks.RandomImage(random, 64);
            var unit = LatencyPacking.Pack(image, plan)
                .Select(v => Ciphertext.Load(encrypted.Context, encryptor.EncryptSymmetricSerializable(encoder.Encode(v, plan.InputScale)).Save()))
                .ToArray();
            var output = Assert.Single(encrypted.Evaluate(unit, keys));
            Assert.True(encrypted.PlaintextsEncoded);
            var logits = LatencyPacking.Unpack(encoder.Decode(decryptor.Decrypt(Ciphertext.Load(context, output.Save()))), 2);
            var expected = network.Forward(image, 1, training: false).ToArray();
            for (var c = 0; c < 2; c++)
            {
                Assert.True(Math.Abs(expected[c] - logits[c]) < 1e-3, $"trial {trial} class {c}: {logits[c]} vs {expected[c]}");
            }
        }
    }

    [Fact]
    public void Missing_galois_keys_are_named()
    {
        var encrypted = new LatencyEncryptedModel(ThroughputModelTests.TestModel(TestNetworks.Small(23)));
        var keygen = new KeyGenerator(encrypted.Context);
        var partial = keygen.CreateGaloisKeysSerializable([1]).Save();
        var error = Assert.Throws<ArgumentException>(() => encrypted.LoadKeys(keygen.CreateRelinKeysSerializable().Save(), partial));
        Assert.Contains("lack rotation steps", error.Message);
    }
}
