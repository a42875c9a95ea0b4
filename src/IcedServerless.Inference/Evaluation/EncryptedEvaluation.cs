using System.Diagnostics;
using IcedServerless.Ckks;
using IcedServerless.Ckks.Serialization;
using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Model;
using IcedServerless.Model.Data;
using IcedServerless.Model.Inference;
using IcedServerless.Model.Metrics;

namespace IcedServerless.Inference.Evaluation;

/// <summary>
/// Runs a model's encrypted plan over a labelled data set the way a client and the service would — client keys,
/// seeded uploads through real serialization, evaluation, decryption — and compares with the plaintext model.
/// Used by the agreement tests and the classifier benchmark.
/// </summary>
public static class EncryptedEvaluation
{
    /// <summary>Scores <paramref name="data"/> (or its first <paramref name="limit"/> images) encrypted.</summary>
    public static EncryptedEvaluationResult Run(IEncryptedModel encrypted, ClassifierModel model, ImageDataset data, int? limit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var plan = encrypted.Plan;
        var count = Math.Min(limit ?? data.Count, data.Count);
        var subset = count == data.Count ? data : data.Subset(Enumerable.Range(0, count).ToArray());
        var images = Preprocess(subset, model.Preprocessing);
        var classes = plan.ClassNames.Count;

        var clock = Stopwatch.StartNew();
        var context = new CkksContext(EncryptionParameters.Load(plan.EncryptionParameters));
        var keygen = new KeyGenerator(context);
        var relinBytes = plan.NeedsRelinKeys ? keygen.CreateRelinKeysSerializable().Save() : null;
        var galoisBytes = plan.RotationSteps.Count > 0 ? keygen.CreateGaloisKeysSerializable(plan.RotationSteps).Save() : null;
        var keyTime = clock.Elapsed;
        var keys = encrypted.LoadKeys(relinBytes, galoisBytes);

        var encoder = new CkksEncoder(context);
        var encryptor = new Encryptor(context, keygen.SecretKey);
        var decryptor = new Decryptor(context, keygen.SecretKey);
        var logits = new double[count * classes];
        TimeSpan encryption = default, loading = default, evaluation = default, decryption = default;
        long upload = 0, download = 0;
        var units = PlanPacking.Units(plan, count).ToArray();
        foreach (var (start, size) in units)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Restart();
            var vectors = PlanPacking.Pack(plan, images, start, size);
            var uploaded = vectors.Select(v => encryptor.EncryptSymmetricSerializable(encoder.Encode(v, plan.InputScale)).Save()).ToArray();
            encryption += clock.Elapsed;
            upload = Math.Max(upload, uploaded.Sum(b => (long)b.Length));

            clock.Restart();
            var unit = uploaded.Select(b => Ciphertext.Load(encrypted.Context, b)).ToArray();
            loading += clock.Elapsed;

            clock.Restart();
            var outputs = encrypted.Evaluate(unit, keys, cancellationToken);
            evaluation += clock.Elapsed;

            clock.Restart();
            var returned = outputs.Select(o => o.Save(ComprModeType.ZLib)).ToArray();
            download = Math.Max(download, returned.Sum(b => (long)b.Length));
            var decoded = returned.Select(b => encoder.Decode(decryptor.Decrypt(Ciphertext.Load(context, b)))).ToArray();
            PlanPacking.Unpack(plan, decoded, start, size, logits);
            decryption += clock.Elapsed;
        }

        return Compare(encrypted, model, subset, images, logits, units.Length,
            new StageTimings(keyTime, encryption, loading, evaluation, decryption),
            new WireSizes(relinBytes?.Length ?? 0, galoisBytes?.Length ?? 0, upload, download));
    }

    private static EncryptedEvaluationResult Compare(IEncryptedModel encrypted, ClassifierModel model, ImageDataset data, double[][] images,
        double[] logits, int units, StageTimings timings, WireSizes sizes)
    {
        var c = PlaintextComparison.Compute(model, data, images, logits);
        return new EncryptedEvaluationResult(
            encrypted.Plan, images.Length, units, c.ArgmaxAgreement, c.DecisionAgreement, c.MaxLogitError, c.Encrypted, c.Plaintext,
            timings, sizes, Process.GetCurrentProcess().PeakWorkingSet64);
    }

    /// <summary>The preprocessed images of a data set, exactly as training saw them.</summary>
    public static double[][] Preprocess(ImageDataset data, PreprocessingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(data);
        var images = new double[data.Count][];
        for (var j = 0; j < images.Length; j++)
        {
            images[j] = new double[data.PixelsPerImage];
            ImagePreprocessor.Normalize(data.Image(j), spec, images[j]);
        }

        return images;
    }
}
