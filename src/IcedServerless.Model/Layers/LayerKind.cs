namespace IcedServerless.Model.Layers;

/// <summary>The layer types; all are polynomial, so CKKS can evaluate an exported network.</summary>
public enum LayerKind
{
    /// <summary>2-D convolution with stride and zero padding (<see cref="Conv2d"/>).</summary>
    Conv2d,

    /// <summary>Fully connected layer (<see cref="Dense"/>).</summary>
    Dense,

    /// <summary>Average pooling (<see cref="AvgPool2d"/>).</summary>
    AvgPool2d,

    /// <summary>Reshape to a vector, C order (<see cref="Flatten"/>).</summary>
    Flatten,

    /// <summary>Batch normalisation, training only: folded into the preceding linear layer at export (<see cref="BatchNorm"/>).</summary>
    BatchNorm,

    /// <summary>Quadratic activation a·x² + b·x + c (<see cref="PolyActivation"/>).</summary>
    PolyActivation,
}
