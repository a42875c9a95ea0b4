namespace IcedServerless.Client.Results;

/// <summary>Counts over a job's predictions.</summary>
/// <param name="Images">Predictions made.</param>
/// <param name="PerClass">How many images were predicted in each class (every class listed, in class order).</param>
/// <param name="Labelled">Images whose true class is known, when any is.</param>
/// <param name="Accuracy">The share of labelled images predicted correctly, when any is labelled.</param>
public sealed record PredictionSummary(int Images, IReadOnlyDictionary<string, int> PerClass, int? Labelled, double? Accuracy);

/// <summary>The predictions of one job, as written to <c>predictions.json</c>.</summary>
/// <param name="Model">The model id.</param>
/// <param name="JobId">The job, when the predictions came from the service.</param>
/// <param name="Classes">The class names, in probability order.</param>
/// <param name="Predictions">One prediction per image, in input order.</param>
/// <param name="Summary">Counts and, when labels are known, accuracy.</param>
public sealed record PredictionReport(string Model, string? JobId, IReadOnlyList<string> Classes, IReadOnlyList<Prediction> Predictions,
    PredictionSummary Summary)
{
    /// <summary>Builds the report and its summary.</summary>
    /// <param name="model">The model id.</param>
    /// <param name="jobId">The job, if any.</param>
    /// <param name="classes">The class names.</param>
    /// <param name="predictions">The predictions.</param>
    /// <returns>The report.</returns>
    public static PredictionReport Create(string model, string? jobId, IReadOnlyList<string> classes, IReadOnlyList<Prediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(predictions);
        var perClass = classes.ToDictionary(c => c, c => predictions.Count(p => p.PredictedLabel == c), StringComparer.Ordinal);
        var labelled = predictions.Where(p => p.TrueClass is not null).ToArray();
        double? accuracy = labelled.Length == 0 ? null : labelled.Count(p => p.TrueClass == p.PredictedClass) / (double)labelled.Length;
        return new PredictionReport(model, jobId, classes, predictions,
            new PredictionSummary(predictions.Count, perClass, labelled.Length == 0 ? null : labelled.Length, accuracy));
    }
}
