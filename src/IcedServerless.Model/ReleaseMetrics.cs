using IcedServerless.Model.Metrics;

namespace IcedServerless.Model;

/// <summary>The plaintext metrics a model was released with, on the full validation and test splits.</summary>
/// <param name="Validation">Metrics on the validation split (used for early stopping and the threshold).</param>
/// <param name="Test">Metrics on the test split (never used for any choice).</param>
public sealed record ReleaseMetrics(ClassificationMetrics Validation, ClassificationMetrics Test);
