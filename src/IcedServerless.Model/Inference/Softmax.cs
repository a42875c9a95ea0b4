namespace IcedServerless.Model.Inference;

/// <summary>
/// The numerically stable softmax. It runs only in plaintext — on the client after decryption, or in training —
/// never under encryption, which is why the network itself ends at the logits.
/// </summary>
public static class Softmax
{
    /// <summary>Writes <c>exp(z_k − max z) / Σ exp(z_j − max z)</c> for one sample.</summary>
    /// <param name="logits">The logits of one sample.</param>
    /// <param name="probabilities">Receives the probabilities; may alias <paramref name="logits"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ or are zero.</exception>
    public static void Apply(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        if (logits.Length == 0 || probabilities.Length != logits.Length)
        {
            throw new ArgumentException("Softmax needs equal, non-zero input and output lengths.", nameof(probabilities));
        }

        double max = double.NegativeInfinity;
        foreach (double z in logits)
        {
            max = Math.Max(max, z);
        }

        double sum = 0;
        for (int k = 0; k < logits.Length; k++)
        {
            probabilities[k] = Math.Exp(logits[k] - max);
            sum += probabilities[k];
        }

        for (int k = 0; k < probabilities.Length; k++)
        {
            probabilities[k] /= sum;
        }
    }

    /// <summary>Applies <see cref="Apply"/> to each of <c>logits.Length / classCount</c> samples.</summary>
    /// <param name="logits">Logits, sample after sample.</param>
    /// <param name="classCount">Classes per sample.</param>
    /// <param name="probabilities">Receives the probabilities; may alias <paramref name="logits"/>.</param>
    public static void ApplyBatch(ReadOnlySpan<double> logits, int classCount, Span<double> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        for (int s = 0; s + classCount <= logits.Length; s += classCount)
        {
            Apply(logits.Slice(s, classCount), probabilities.Slice(s, classCount));
        }
    }
}
