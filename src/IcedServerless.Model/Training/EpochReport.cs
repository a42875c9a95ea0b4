namespace IcedServerless.Model.Training;

/// <summary>What one training epoch did.</summary>
/// <param name="Epoch">The 1-based epoch number.</param>
/// <param name="LearningRate">The learning rate used.</param>
/// <param name="TrainingLoss">Mean weighted cross-entropy over the epoch's batches.</param>
/// <param name="BoundPenalty">Mean pre-activation bound penalty over the epoch's batches.</param>
/// <param name="ValidationAuc">The validation AUC (binary, or macro one-vs-rest) after the epoch.</param>
/// <param name="ValidationAccuracy">The validation accuracy (most probable class) after the epoch.</param>
/// <param name="Improved">Whether this epoch set a new best validation AUC (its weights are kept).</param>
/// <param name="Elapsed">Wall time of the epoch including validation.</param>
public sealed record EpochReport(int Epoch, double LearningRate, double TrainingLoss, double BoundPenalty,
    double ValidationAuc, double ValidationAccuracy, bool Improved, TimeSpan Elapsed);
