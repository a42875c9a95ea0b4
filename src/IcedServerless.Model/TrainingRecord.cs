using IcedServerless.Model.Training;

namespace IcedServerless.Model;

/// <summary>How a released model was trained: enough to reproduce it bit for bit.</summary>
public sealed record TrainingRecord
{
    /// <summary>The recipe id (<c>pneumoniamnist</c> or <c>covid</c>).</summary>
    public required string Recipe { get; init; }

    /// <summary>The command that produced the file.</summary>
    public required string Command { get; init; }

    /// <summary>The hyper-parameters, including the seed.</summary>
    public required TrainingOptions Options { get; init; }

    /// <summary>The epoch whose weights were kept.</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Epochs run before stopping.</summary>
    public required int EpochsRun { get; init; }

    /// <summary>The validation AUC of the kept epoch (before batch-norm folding).</summary>
    public required double BestValidationAuc { get; init; }
}
