namespace IcedServerless.Client.Results;

/// <summary>The diagnosis for one image, decrypted on the client.</summary>
/// <param name="Name">The image's name.</param>
/// <param name="PredictedClass">The class the plan's decision rule picks.</param>
/// <param name="PredictedLabel">Its name.</param>
/// <param name="Probabilities">Softmax of the logits, in class order.</param>
/// <param name="Logits">The decrypted logits, in class order.</param>
public sealed record Prediction(string Name, int PredictedClass, string PredictedLabel, double[] Probabilities, double[] Logits)
{
    /// <summary>The true class, when the input recorded one (MedMNIST archives).</summary>
    public int? TrueClass { get; init; }
}
