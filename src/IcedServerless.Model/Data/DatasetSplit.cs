namespace IcedServerless.Model.Data;

/// <summary>The three splits of a MedMNIST-layout archive.</summary>
public enum DatasetSplit
{
    /// <summary>The training split (<c>train_*</c>).</summary>
    Train,

    /// <summary>The validation split (<c>val_*</c>), used for early stopping and the decision threshold.</summary>
    Validation,

    /// <summary>The test split (<c>test_*</c>), used only for the released metrics.</summary>
    Test,
}
