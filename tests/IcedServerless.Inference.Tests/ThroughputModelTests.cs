using IcedServerless.Ckks;
using IcedServerless.Inference.Throughput;
using IcedServerless.Model;
using IcedServerless.Model.Data;
using IcedServerless.Model.Inference;

namespace IcedServerless.Inference.Tests;

/// <summary>Encrypted logits decrypt to the plaintext model's logits, in the throughput packing.</summary>
public sealed class ThroughputModelTests
{
    [Fact]
    public void Encrypted_logits_match_the_plaintext_network()
    {
        var network = TestNetworks.Small(5);
        var model = TestModel(network);
        var encrypted = new ThroughputEncryptedModel(model);
        Assert.Equal(5, encrypted.Plan.Depth);
        Assert.Empty(encrypted.Plan.RotationSteps);
        Assert.True(encrypted.Plan.NeedsRelinKeys);
        // 64 seeded ciphertexts at the first data level (6 primes at N=16384) shared by 8192 images.
        Assert.Equal((long)Math.Ceiling(64 * (194.0 + (8.0 * 16384 * 6)) / 8192), encrypted.Plan.UploadBytesPerImage);

        var random = new Random(11);
        var images = Enumerable.Range(0, 37).Select(_ => TestNetworks.RandomImage(random, 64)).ToArray();
        var (logits, _) = Score(encrypted, images);
        for (var j = 0; j < images.Length; j++)
        {
            var expected = network.Forward(images[j], 1, training: false).ToArray();
            for (var c = 0; c < expected.Length; c++)
            {
                Assert.True(Math.Abs(expected[c] - logits[j][c]) < 1e-4, $"image {j} class {c}: {logits[j][c]} vs {expected[c]}");
            }
        }
    }

    [Fact]
    public void Units_with_the_wrong_shape_are_refused()
    {
        var encrypted = new ThroughputEncryptedModel(TestModel(TestNetworks.Small(6, hidden: false)));
        var context = encrypted.Context;
        var keygen = new KeyGenerator(context);
        var keys = encrypted.LoadKeys(keygen.CreateRelinKeysSerializable().Save(), null);
        var encoder = new CkksEncoder(context);
        var encryptor = new Encryptor(context, keygen.SecretKey);
        var ct = encryptor.EncryptSymmetric(encoder.Encode([1.0], encrypted.Plan.InputScale));
        Assert.Throws<ArgumentException>(() => encrypted.Evaluate([ct], keys));
        var wrongScale = encryptor.EncryptSymmetric(encoder.Encode([1.0], Math.Pow(2, 30)));
        Assert.Throws<ArgumentException>(() => encrypted.Evaluate(Enumerable.Repeat(wrongScale, 64).ToArray(), keys));
        Assert.Throws<ArgumentException>(() => encrypted.LoadKeys(null, null));
    }

    /// <summary>Client side: pack, encrypt (seeded symmetric), score, decrypt, unpack.</summary>
    internal static (double[][] Logits, IReadOnlyList<Ciphertext> Outputs) Score(ThroughputEncryptedModel encrypted, double[][] images)
    {
        var context = new CkksContext(EncryptionParameters.Load(encrypted.Plan.EncryptionParameters));
        var keygen = new KeyGenerator(context);
        var keys = encrypted.LoadKeys(keygen.CreateRelinKeysSerializable().Save(), null);
        var encoder = new CkksEncoder(context);
        var encryptor = new Encryptor(context, keygen.SecretKey);
        var vectors = ThroughputPacking.Pack(images.Select(i => (ReadOnlyMemory<double>)i).ToArray(), images[0].Length, context.SlotCount);
        var unit = vectors
            .Select(v => Ciphertext.Load(encrypted.Context, encryptor.EncryptSymmetricSerializable(encoder.Encode(v, encrypted.Plan.InputScale)).Save()))
            .ToArray();
        var outputs = encrypted.Evaluate(unit, keys);
        var decryptor = new Decryptor(context, keygen.SecretKey);
        var slots = outputs.Select(o => encoder.Decode(decryptor.Decrypt(Ciphertext.Load(context, o.Save())))).ToArray();
        return (ThroughputPacking.Unpack(slots, images.Length), outputs);
    }

    internal static ClassifierModel TestModel(Model.Layers.Sequential network) => new()
    {
        Name = "test-8",
        ClassNames = ["normal", "pneumonia"],
        Preprocessing = new Imaging.Preprocessing.PreprocessingSpec { InputSize = 8, Mean = 0.5, Std = 0.25 },
        Network = network,
        Decision = DecisionRule.Argmax,
        ActivationBounds = network.Layers.OfType<Model.Layers.PolyActivation>().Select(l => new ActivationBound(l.Name, 1.0, 8.0)).ToArray(),
        DataCard = new DataCard { Dataset = "synthetic", Description = "random weights", Source = "tests", License = "MIT" },
    };
}
