using IcedServerless.Model;
using IcedServerless.Model.Data;
using IcedServerless.Model.Inference;
using IcedServerless.Model.Metrics;

namespace IcedServerless.Inference.Evaluation;

/// <summary>
/// Decrypted logits set against the plaintext model on the same preprocessed images: how often the two agree, how far
/// the logits drift, and both sets of metrics.
/// </summary>
/// <param name="ArgmaxAgreement">Fraction of images whose encrypted and plaintext logits have the same argmax.</param>
/// <param name="DecisionAgreement">Fraction with the same diagnosis under the model's decision rule.</param>
/// <param name="MaxLogitError">Largest |encrypted − plaintext| logit.</param>
/// <param name="Encrypted">Metrics of the decrypted predictions.</param>
/// <param name="Plaintext">Metrics of the plaintext model on the same images.</param>
public sealed record PlaintextComparison(
    double ArgmaxAgreement, double DecisionAgreement, double MaxLogitError, ClassificationMetrics Encrypted, ClassificationMetrics Plaintext)
{
    /// <summary>Compares decrypted logits with the plaintext model's.</summary>
    /// <param name="model">The plaintext model.</param>
    /// <param name="data">The labelled images (labels for the metrics).</param>
    /// <param name="images">The same images, preprocessed as the model expects.</param>
    /// <param name="logits">The decrypted logits, image-major (images × classes).</param>
    /// <returns>The comparison.</returns>
    public static PlaintextComparison Compute(ClassifierModel model, ImageDataset data, double[][] images, double[] logits)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(logits);
        var classes = model.ClassNames.Count;
        var plainLogits = new double[logits.Length];
        for (var j = 0; j < images.Length; j++)
        {
            model.Network.Forward(images[j], 1, training: false).Span.CopyTo(plainLogits.AsSpan(j * classes, classes));
        }

        var encryptedProbabilities = Probabilities(logits, classes);
        var plainProbabilities = Probabilities(plainLogits, classes);
        int argmaxSame = 0, decisionSame = 0;
        var maxError = 0.0;
        for (var j = 0; j < images.Length; j++)
        {
            var e = logits.AsSpan(j * classes, classes);
            var p = plainLogits.AsSpan(j * classes, classes);
            argmaxSame += ArgMax(e) == ArgMax(p) ? 1 : 0;
            decisionSame += model.Decision.Predict(encryptedProbabilities.AsSpan(j * classes, classes)) ==
                            model.Decision.Predict(plainProbabilities.AsSpan(j * classes, classes)) ? 1 : 0;
            for (var c = 0; c < classes; c++)
            {
                maxError = Math.Max(maxError, Math.Abs(e[c] - p[c]));
            }
        }

        return new PlaintextComparison(
            (double)argmaxSame / images.Length, (double)decisionSame / images.Length, maxError,
            ClassificationMetrics.Compute(encryptedProbabilities, data.Labels, model.ClassNames, model.Decision),
            ClassificationMetrics.Compute(plainProbabilities, data.Labels, model.ClassNames, model.Decision));
    }

    private static double[] Probabilities(double[] logits, int classes)
    {
        var probabilities = new double[logits.Length];
        Softmax.ApplyBatch(logits, classes, probabilities);
        return probabilities;
    }

    private static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }
}
