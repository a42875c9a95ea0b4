using System.Globalization;
using IcedServerless.Ckks;
using IcedServerless.Ckks.Serialization;
using IcedServerless.Client;
using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Inference;
using IcedServerless.Inference.Latency;
using IcedServerless.Inference.Throughput;
using IcedServerless.Model.Data;
using IcedServerless.Model.Serialization;

namespace IcedServerless.PipelineBench;

/// <summary>
/// A released classifier on the test split of its bundled data set, as a hospital client would send it: images
/// preprocessed per the model file, packed per the plan, encrypted (seeded symmetric, as SEAL clients upload),
/// results decrypted and compared with the plaintext network.
/// </summary>
internal sealed class ClassifierWorkload : IWorkload
{
    private readonly double[][] _images;
    private readonly ModelPlan _plan;
    private readonly CkksContext _context;
    private readonly KeyGenerator _keys;
    private readonly string _description;
    private readonly ComprModeType _compression;

    private ClassifierWorkload(IEncryptedModel model, double[][] images, ComprModeType compression, string description)
    {
        Model = model;
        _images = images;
        _compression = compression;
        _plan = model.Plan;
        _description = description;

        // The client's own context, from the published parameters only.
        _context = new CkksContext(EncryptionParameters.Load(_plan.EncryptionParameters));
        _keys = new KeyGenerator(_context);
        RelinKeys = _plan.NeedsRelinKeys ? _keys.CreateRelinKeysSerializable().Save() : null;
        GaloisKeys = _plan.RotationSteps.Count > 0 ? _keys.CreateGaloisKeysSerializable(_plan.RotationSteps).Save() : null;
        Units = (images.Length + _plan.ImagesPerUnit - 1) / _plan.ImagesPerUnit;
    }

    public string Description => _description;

    public IEncryptedModel Model { get; }

    public byte[]? RelinKeys { get; }

    public byte[]? GaloisKeys { get; }

    public int Units { get; }

    public static async Task<ClassifierWorkload> LoadAsync(string modelPath, string dataPath, string packing, int? limit, ComprModeType compression)
    {
        var model = await ModelFileReader.LoadAsync(modelPath);
        var test = (await MedMnistLoader.LoadAsync(dataPath, model.ClassNames.Count)).Test;
        var count = Math.Min(limit ?? test.Count, test.Count);
        var images = new double[count][];
        for (var j = 0; j < count; j++)
        {
            images[j] = new double[test.PixelsPerImage];
            ImagePreprocessor.Normalize(test.Image(j), model.Preprocessing, images[j]);
        }

        IEncryptedModel encrypted = packing == "latency" ? new LatencyEncryptedModel(model) : new ThroughputEncryptedModel(model);
        return new ClassifierWorkload(
            encrypted, images, compression,
            string.Create(CultureInfo.InvariantCulture,
                $"classifier `{model.Name}`, {packing} packing (N = {encrypted.Plan.PolyModulusDegree}), {count} test images of `{Path.GetFileName(dataPath)}`, seeded uploads with compression {compression}"));
    }

    public byte[] EncryptUnit(int unit)
    {
        var encoder = new CkksEncoder(_context);
        var encryptor = new Encryptor(_context, _keys.SecretKey);
        var (start, count) = Range(unit);
        var vectors = _plan.Packing == Packing.Throughput
            ? ThroughputPacking.Pack(_images.Skip(start).Take(count).Select(i => (ReadOnlyMemory<double>)i).ToArray(), _images[0].Length, _context.SlotCount)
            : LatencyPacking.Pack(_images[start], _plan);
        return UnitBlob.Join(vectors.Select(v => encryptor.EncryptSymmetricSerializable(encoder.Encode(v, _plan.InputScale)).Save(_compression)));
    }

    public (double MaxError, string Summary) Verify(IReadOnlyList<byte[]> results)
    {
        var encoder = new CkksEncoder(_context);
        var decryptor = new Decryptor(_context, _keys.SecretKey);
        var classes = _plan.ClassNames.Count;
        double maxError = 0;
        var agree = 0;
        for (var unit = 0; unit < results.Count; unit++)
        {
            var decoded = UnitBlob.Split(results[unit]).Select(c => encoder.Decode(decryptor.Decrypt(Ciphertext.Load(_context, c)))).ToArray();
            var (start, count) = Range(unit);
            var logits = _plan.Packing == Packing.Throughput
                ? ThroughputPacking.Unpack(decoded, count)
                : [LatencyPacking.Unpack(decoded[0], classes)];
            for (var j = 0; j < count; j++)
            {
                var plain = PlainLogits(_images[start + j]);
                maxError = Math.Max(maxError, plain.Zip(logits[j], (p, e) => Math.Abs(p - e)).Max());
                agree += ArgMax(plain) == ArgMax(logits[j]) ? 1 : 0;
            }
        }

        return (maxError, $"argmax agreement with the plaintext network {agree}/{_images.Length}");
    }

    private double[] PlainLogits(double[] image) => Model switch
    {
        ThroughputEncryptedModel t => t.EvaluatePlain(image),
        LatencyEncryptedModel l => l.EvaluatePlain(image),
        _ => throw new InvalidOperationException("Unknown model kind."),
    };

    private (int Start, int Count) Range(int unit)
    {
        var start = unit * _plan.ImagesPerUnit;
        return (start, Math.Min(_plan.ImagesPerUnit, _images.Length - start));
    }

    private static int ArgMax(IReadOnlyList<double> values) => values.Select((v, i) => (v, i)).MaxBy(p => p.v).i;
}
