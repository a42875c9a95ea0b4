namespace IcedServerless.Model.Metrics;

/// <summary>One-vs-rest metrics of a single class.</summary>
/// <param name="Name">The class name.</param>
/// <param name="Support">Samples whose true class this is.</param>
/// <param name="Sensitivity">Recall: TP / (TP + FN); NaN without positives.</param>
/// <param name="Specificity">TN / (TN + FP); NaN without negatives.</param>
/// <param name="Precision">TP / (TP + FP); NaN when never predicted.</param>
/// <param name="RocAuc">One-vs-rest AUC of this class's probability.</param>
public sealed record ClassMetrics(string Name, int Support, double Sensitivity, double Specificity, double Precision, double RocAuc);
