using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Model.Data;
using IcedServerless.Model.Inference;
using IcedServerless.Model.Layers;
using IcedServerless.Model.Metrics;

namespace IcedServerless.Model;

/// <summary>
/// A released classifier: the CKKS-evaluable network (batch-norm already folded), the preprocessing it expects, its
/// classes and decision rule, the CKKS facts the encrypted planner needs, and the data card and metrics it was
/// released with. This is what a model file holds.
/// </summary>
public sealed class ClassifierModel
{
    /// <summary>The model file format version this code writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The model's name, e.g. <c>pneumoniamnist-28</c>.</summary>
    public required string Name { get; init; }

    /// <summary>A one-line description.</summary>
    public string? Description { get; init; }

    /// <summary>The class names, in output order.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>The preprocessing the network's input expects.</summary>
    public required PreprocessingSpec Preprocessing { get; init; }

    /// <summary>The network: convolution, dense, pooling, flatten and polynomial layers only.</summary>
    public required Sequential Network { get; init; }

    /// <summary>How probabilities become a diagnosis.</summary>
    public required DecisionRule Decision { get; init; }

    /// <summary>The observed input range of every polynomial activation, in layer order.</summary>
    public required IReadOnlyList<ActivationBound> ActivationBounds { get; init; }

    /// <summary>The training data's provenance.</summary>
    public required DataCard DataCard { get; init; }

    /// <summary>The metrics the model was released with.</summary>
    public ReleaseMetrics? Metrics { get; init; }

    /// <summary>How the model was trained.</summary>
    public TrainingRecord? Training { get; init; }

    /// <summary>CKKS multiplicative depth (see <see cref="Sequential.MultiplicativeDepth"/>).</summary>
    public int MultiplicativeDepth => Network.MultiplicativeDepth;

    /// <summary>Multiply-accumulates per image in the linear layers.</summary>
    public long MultiplyAccumulates => Network.MultiplyAccumulates;

    /// <summary>Checks the invariants every model file must satisfy.</summary>
    /// <exception cref="ArgumentException">An invariant is broken; the message says which.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Preprocessing);
        Preprocessing.Validate();
        if (ClassNames.Count is < 2 or > 64 || ClassNames.Any(string.IsNullOrWhiteSpace) || ClassNames.Distinct(StringComparer.Ordinal).Count() != ClassNames.Count)
        {
            throw new ArgumentException("A model needs 2 to 64 distinct, non-empty class names.");
        }

        if (Network.InputShape != new TensorShape(1, Preprocessing.InputSize, Preprocessing.InputSize))
        {
            throw new ArgumentException($"The network input {Network.InputShape} does not match the {Preprocessing.InputSize}×{Preprocessing.InputSize} preprocessing.");
        }

        if (Network.OutputShape != TensorShape.Vector(ClassNames.Count))
        {
            throw new ArgumentException($"The network output {Network.OutputShape} does not match {ClassNames.Count} classes.");
        }

        if (Network.Layers.Any(l => l.Kind == LayerKind.BatchNorm))
        {
            throw new ArgumentException("A released network must have its batch-norm layers folded.");
        }

        var polys = Network.Layers.Where(l => l.Kind == LayerKind.PolyActivation).Select(l => l.Name).ToArray();
        if (!polys.SequenceEqual(ActivationBounds.Select(b => b.Layer), StringComparer.Ordinal)
            || ActivationBounds.Any(b => !double.IsFinite(b.MaxAbsInput) || b.MaxAbsInput < 0 || !(b.TrainingBound > 0)))
        {
            throw new ArgumentException("There must be one finite, non-negative activation bound per polynomial layer, in layer order.");
        }

        if (Decision.Threshold is not null && ClassNames.Count != 2)
        {
            throw new ArgumentException("A threshold decision rule needs exactly two classes.");
        }
    }

    /// <summary>Class probabilities for already-normalised inputs.</summary>
    /// <param name="inputs"><c>count × InputSize²</c> values, from <see cref="ImagePreprocessor"/>.</param>
    /// <param name="count">The number of images.</param>
    /// <returns><c>count × K</c> probabilities.</returns>
    public double[] PredictProbabilities(ReadOnlyMemory<double> inputs, int count)
    {
        int k = ClassNames.Count;
        var logits = Network.Forward(inputs, count, training: false);
        var probabilities = new double[count * k];
        Softmax.ApplyBatch(logits.Span, k, probabilities);
        return probabilities;
    }

    /// <summary>Class probabilities for every image of a data set (normalised with <see cref="Preprocessing"/>).</summary>
    /// <param name="data">The images.</param>
    /// <returns><c>data.Count × K</c> probabilities.</returns>
    public double[] PredictProbabilities(ImageDataset data) => BatchPredictor.Predict(Network, data, Preprocessing);

    /// <summary>Computes every metric on a labelled data set with this model's decision rule.</summary>
    /// <param name="data">The labelled images.</param>
    /// <returns>The metrics.</returns>
    public ClassificationMetrics Evaluate(ImageDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ClassificationMetrics.Compute(PredictProbabilities(data), data.Labels, ClassNames, Decision);
    }
}
