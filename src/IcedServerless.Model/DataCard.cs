namespace IcedServerless.Model;

/// <summary>Where a model's training data came from, under which terms, and its known weaknesses.</summary>
public sealed record DataCard
{
    /// <summary>The data set's name.</summary>
    public required string Dataset { get; init; }

    /// <summary>What the images show and how they were prepared.</summary>
    public required string Description { get; init; }

    /// <summary>The origin (repositories, collections).</summary>
    public required string Source { get; init; }

    /// <summary>The license terms.</summary>
    public required string License { get; init; }

    /// <summary>Works to cite.</summary>
    public IReadOnlyList<string> Citations { get; init; } = [];

    /// <summary>Known caveats and biases.</summary>
    public IReadOnlyList<string> Caveats { get; init; } = [];

    /// <summary>Whether the images themselves are committed to the repository.</summary>
    public bool ImagesInRepository { get; init; }

    /// <summary>Where the data lives or how to obtain it.</summary>
    public string? Location { get; init; }

    /// <summary>The SHA-256 of the archive the model was trained on.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Images per class in each split of that archive.</summary>
    public SplitClassCounts? ClassCounts { get; init; }
}

/// <summary>Images per class in each split.</summary>
/// <param name="Train">Training split counts.</param>
/// <param name="Validation">Validation split counts.</param>
/// <param name="Test">Test split counts.</param>
public sealed record SplitClassCounts(int[] Train, int[] Validation, int[] Test);
