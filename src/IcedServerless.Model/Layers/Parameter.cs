namespace IcedServerless.Model.Layers;

/// <summary>
/// A trainable tensor of a layer: its values, the gradient accumulated by the last backward pass, its shape and
/// whether weight decay applies (weights yes; biases, normalisation and activation coefficients no).
/// </summary>
public sealed class Parameter
{
    /// <summary>Creates a zero-initialised parameter.</summary>
    /// <param name="name">The name within its layer, e.g. <c>weight</c>.</param>
    /// <param name="shape">The dimensions; their product is the length.</param>
    /// <param name="weightDecay">Whether the optimiser applies weight decay.</param>
    public Parameter(string name, int[] shape, bool weightDecay)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        long length = 1;
        foreach (int d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d, nameof(shape));
            length *= d;
            ArgumentOutOfRangeException.ThrowIfGreaterThan(length, TensorShape.MaxSize, nameof(shape));
        }

        Name = name;
        Shape = shape;
        WeightDecay = weightDecay;
        Value = new double[length];
        Gradient = new double[length];
    }

    /// <summary>The name within its layer.</summary>
    public string Name { get; }

    /// <summary>The dimensions (C order).</summary>
    public int[] Shape { get; }

    /// <summary>Whether weight decay applies.</summary>
    public bool WeightDecay { get; }

    /// <summary>The values, C order.</summary>
    public double[] Value { get; }

    /// <summary>The gradient of the loss, written by the layer's backward pass.</summary>
    public double[] Gradient { get; }
}
