namespace IcedServerless.Model.Data;

/// <summary>The train, validation and test splits of one archive, with the archive's SHA-256.</summary>
/// <param name="Train">The training split.</param>
/// <param name="Validation">The validation split.</param>
/// <param name="Test">The test split.</param>
/// <param name="Sha256">The lowercase hex SHA-256 of the archive file.</param>
public sealed record SplitDatasets(ImageDataset Train, ImageDataset Validation, ImageDataset Test, string Sha256)
{
    /// <summary>The requested split.</summary>
    /// <param name="split">Which split.</param>
    /// <returns>The data set.</returns>
    public ImageDataset this[DatasetSplit split] => split switch
    {
        DatasetSplit.Train => Train,
        DatasetSplit.Validation => Validation,
        DatasetSplit.Test => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(split)),
    };
}
