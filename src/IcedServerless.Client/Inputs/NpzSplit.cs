namespace IcedServerless.Client.Inputs;

/// <summary>Which split of a MedMNIST <c>.npz</c> archive to score.</summary>
public enum NpzSplit
{
    /// <summary>The test split (<c>test_images</c>), the default.</summary>
    Test,

    /// <summary>The validation split (<c>val_images</c>).</summary>
    Val,

    /// <summary>The training split (<c>train_images</c>).</summary>
    Train,

    /// <summary>Every split present, in the order train, val, test.</summary>
    All,
}
