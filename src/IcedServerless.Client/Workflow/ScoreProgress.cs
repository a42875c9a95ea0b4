namespace IcedServerless.Client.Workflow;

/// <summary>The long stages of scoring, as reported to an <see cref="IProgress{T}"/>.</summary>
public enum ScoreStage
{
    /// <summary>Encrypting and uploading units (one pipeline; counts landed units).</summary>
    Upload,

    /// <summary>The service scoring the job (counts units done).</summary>
    Score,

    /// <summary>Downloading and decrypting result units.</summary>
    Download,
}

/// <summary>How far a stage is.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Done">Units done so far in it.</param>
/// <param name="Total">Units in it.</param>
public readonly record struct ScoreProgress(ScoreStage Stage, int Done, int Total);
