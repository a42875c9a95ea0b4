using IcedServerless.Model.Inference;

namespace IcedServerless.Model.Training;

/// <summary>
/// Softmax cross-entropy with per-class weights, averaged over the batch:
/// <c>L = (1/B) Σ_s w[y_s] · (−log softmax(z_s)[y_s])</c>. Weights <c>n / (K · n_k)</c> make every class count as
/// much as in a balanced set, which matters for PneumoniaMNIST (3:1) and the small COVID-19 class.
/// </summary>
public sealed class WeightedCrossEntropy
{
    private readonly double[] _weights;

    /// <summary>Creates the loss with the given class weights.</summary>
    /// <param name="classWeights">One positive weight per class.</param>
    public WeightedCrossEntropy(IReadOnlyList<double> classWeights)
    {
        ArgumentNullException.ThrowIfNull(classWeights);
        if (classWeights.Count < 2 || classWeights.Any(w => !(w > 0) || !double.IsFinite(w)))
        {
            throw new ArgumentException("Class weights must be at least two positive finite values.", nameof(classWeights));
        }

        _weights = [.. classWeights];
    }

    /// <summary>The class weights.</summary>
    public IReadOnlyList<double> ClassWeights => _weights;

    /// <summary>Balanced weights <c>n / (K · n_k)</c> for the given class counts (a missing class gets weight 1).</summary>
    /// <param name="classCounts">Training samples per class.</param>
    /// <returns>The loss.</returns>
    public static WeightedCrossEntropy Balanced(IReadOnlyList<int> classCounts)
    {
        ArgumentNullException.ThrowIfNull(classCounts);
        double total = classCounts.Sum();
        return new WeightedCrossEntropy([.. classCounts.Select(n => n > 0 ? total / (classCounts.Count * (double)n) : 1.0)]);
    }

    /// <summary>Equal weights.</summary>
    /// <param name="classCount">The number of classes.</param>
    /// <returns>The loss.</returns>
    public static WeightedCrossEntropy Unweighted(int classCount) => new([.. Enumerable.Repeat(1.0, classCount)]);

    /// <summary>Computes the loss of a batch and its gradient with respect to the logits.</summary>
    /// <param name="logits"><c>batch × K</c> logits.</param>
    /// <param name="labels">The true class of each sample.</param>
    /// <param name="gradient">Receives <c>(w[y]/B)·(softmax(z) − onehot(y))</c>, <c>batch × K</c>.</param>
    /// <returns>The mean weighted loss.</returns>
    public double Compute(ReadOnlySpan<double> logits, ReadOnlySpan<int> labels, Span<double> gradient)
    {
        int k = _weights.Length, batch = labels.Length;
        if (logits.Length < batch * k || gradient.Length < batch * k)
        {
            throw new ArgumentException($"{batch} samples of {k} classes need {batch * k} logits and gradients.");
        }

        double loss = 0;
        for (int s = 0; s < batch; s++)
        {
            int y = labels[s];
            if ((uint)y >= (uint)k)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), y, $"A label must lie in [0, {k}).");
            }

            var g = gradient.Slice(s * k, k);
            Softmax.Apply(logits.Slice(s * k, k), g);
            double w = _weights[y] / batch;
            loss -= w * Math.Log(Math.Max(g[y], double.Epsilon));
            g[y] -= 1;
            for (int j = 0; j < k; j++)
            {
                g[j] *= w;
            }
        }

        return loss;
    }
}
