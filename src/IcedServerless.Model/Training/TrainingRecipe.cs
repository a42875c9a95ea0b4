namespace IcedServerless.Model.Training;

/// <summary>Everything needed to train one released model from its data file.</summary>
public sealed record TrainingRecipe
{
    /// <summary>The id used on the command line (<c>--dataset</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The released model's name.</summary>
    public required string ModelName { get; init; }

    /// <summary>A one-line description of the model.</summary>
    public required string Description { get; init; }

    /// <summary>The class names, in label order.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>The image side the data file holds and the network takes.</summary>
    public required int InputSize { get; init; }

    /// <summary>The network.</summary>
    public required CnnArchitecture Architecture { get; init; }

    /// <summary>The default hyper-parameters (the released model's).</summary>
    public required TrainingOptions Options { get; init; }

    /// <summary>The data card; the archive hash and class counts are filled in at training time.</summary>
    public required DataCard DataCard { get; init; }
}
