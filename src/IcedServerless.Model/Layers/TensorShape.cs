namespace IcedServerless.Model.Layers;

/// <summary>
/// The per-sample shape of a tensor: <c>[Channels, Height, Width]</c> in C order (width fastest). A flat feature
/// vector of n values is <c>[n, 1, 1]</c>.
/// </summary>
/// <param name="Channels">Number of channels (or features).</param>
/// <param name="Height">Rows per channel.</param>
/// <param name="Width">Columns per row.</param>
public readonly record struct TensorShape(int Channels, int Height, int Width)
{
    /// <summary>A flat vector of <paramref name="features"/> values.</summary>
    /// <param name="features">The vector length.</param>
    /// <returns>The shape <c>[features, 1, 1]</c>.</returns>
    public static TensorShape Vector(int features) => new(features, 1, 1);

    /// <summary>Values per sample.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Values per channel.</summary>
    public int Spatial => Height * Width;

    /// <summary>Whether this is a flat vector (height and width 1).</summary>
    public bool IsVector => Height == 1 && Width == 1;

    /// <summary>The shape as an array, <c>[C, H, W]</c>, or <c>[n]</c> for a vector.</summary>
    /// <returns>A new array.</returns>
    public int[] ToArray() => IsVector ? [Channels] : [Channels, Height, Width];

    /// <summary>Parses <see cref="ToArray"/> output back.</summary>
    /// <param name="dims">One or three positive dimensions.</param>
    /// <returns>The shape.</returns>
    /// <exception cref="ArgumentException">The dimensions are not 1 or 3 positive values.</exception>
    public static TensorShape FromArray(IReadOnlyList<int> dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var shape = dims.Count switch
        {
            1 => Vector(dims[0]),
            3 => new TensorShape(dims[0], dims[1], dims[2]),
            _ => throw new ArgumentException($"A shape has 1 or 3 dimensions, not {dims.Count}.", nameof(dims)),
        };
        shape.Validate();
        return shape;
    }

    /// <summary>Throws unless every dimension is positive and the size fits comfortably in memory.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive or the size exceeds 2^24 values.</exception>
    public void Validate()
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0 || (long)Channels * Height * Width > MaxSize)
        {
            throw new ArgumentException($"Invalid tensor shape {this}: dimensions must be positive with at most {MaxSize} values.");
        }
    }

    /// <summary>The largest per-sample size accepted (2^24 values).</summary>
    public const int MaxSize = 1 << 24;

    /// <inheritdoc />
    public override string ToString() => IsVector ? $"[{Channels}]" : $"[{Channels}, {Height}, {Width}]";
}
