namespace IcedServerless.Model;

/// <summary>
/// The observed input range of one polynomial activation, which the CKKS planner needs for scale headroom.
/// </summary>
/// <param name="Layer">The activation layer's name.</param>
/// <param name="MaxAbsInput">The largest |pre-activation| over the training split (no augmentation).</param>
/// <param name="TrainingBound">The bound B that training penalised beyond (|x| ≤ B was the target).</param>
public sealed record ActivationBound(string Layer, double MaxAbsInput, double TrainingBound);
