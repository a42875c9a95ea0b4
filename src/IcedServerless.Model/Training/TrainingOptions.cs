namespace IcedServerless.Model.Training;

/// <summary>Hyper-parameters of a training run. Equal options and data give bit-identical weights.</summary>
public sealed record TrainingOptions
{
    /// <summary>The seed of every random choice (initialisation, shuffling, augmentation).</summary>
    public ulong Seed { get; init; } = 20251122;

    /// <summary>The most epochs to run.</summary>
    public int MaxEpochs { get; init; } = 60;

    /// <summary>Stop after this many epochs without a better validation AUC.</summary>
    public int Patience { get; init; } = 20;

    /// <summary>Samples per mini-batch (a final batch of fewer than two samples is skipped: batch-norm needs two).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The peak learning rate.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>The learning rate decays by a cosine to this fraction of the peak at <see cref="MaxEpochs"/>.</summary>
    public double MinLearningRateFactor { get; init; } = 0.05;

    /// <summary>Decoupled weight decay for convolution and dense weights.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Gradients are scaled down to this global L2 norm (0 disables clipping).</summary>
    public double GradientClipNorm { get; init; } = 5;

    /// <summary>Whether the loss weights classes inversely to their training frequency.</summary>
    public bool ClassWeighting { get; init; } = true;

    /// <summary>The pre-activation magnitude beyond which the bound penalty applies.</summary>
    public double ActivationBound { get; init; } = 4;

    /// <summary>The weight of the pre-activation bound penalty.</summary>
    public double ActivationBoundPenalty { get; init; } = 1;

    /// <summary>
    /// Decay of the exponential moving average of the weights (and batch-norm statistics) that is validated and
    /// kept instead of the raw weights; 0 disables averaging.
    /// </summary>
    public double WeightAveraging { get; init; } = 0.995;

    /// <summary>Data augmentation.</summary>
    public AugmentationOptions Augmentation { get; init; } = new();

    /// <summary>Throws if a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEpochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Patience);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 2);
        if (!(LearningRate > 0) || !(MinLearningRateFactor is > 0 and <= 1) || !(WeightDecay >= 0) || !(GradientClipNorm >= 0)
            || !(ActivationBound > 0) || !(ActivationBoundPenalty >= 0) || !(WeightAveraging is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), "Learning rate, decay, clipping and bound settings must be positive (or zero where allowed).");
        }

        ArgumentNullException.ThrowIfNull(Augmentation);
        Augmentation.Validate();
    }
}
