namespace IcedServerless.Model.Training;

/// <summary>The outcome of <see cref="Trainer.Train"/>: the network holds the best epoch's weights.</summary>
/// <param name="BestEpoch">The epoch whose weights were kept.</param>
/// <param name="BestValidationAuc">Its validation AUC.</param>
/// <param name="EpochsRun">Epochs run before early stopping or the limit.</param>
/// <param name="History">Every epoch's report.</param>
/// <param name="Elapsed">Total wall time.</param>
public sealed record TrainingResult(int BestEpoch, double BestValidationAuc, int EpochsRun, IReadOnlyList<EpochReport> History, TimeSpan Elapsed);
