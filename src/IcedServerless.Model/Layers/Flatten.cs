namespace IcedServerless.Model.Layers;

/// <summary>Reshapes <c>[C, H, W]</c> to the vector <c>[C·H·W]</c>; C order, so values keep their memory order.</summary>
public sealed class Flatten : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="inputShape">The shape to flatten.</param>
    public Flatten(string name, TensorShape inputShape)
        : base(name, inputShape, TensorShape.Vector(inputShape.Size))
    {
    }

    /// <inheritdoc />
    public override LayerKind Kind => LayerKind.Flatten;

    /// <inheritdoc />
    protected override void ForwardCore(ReadOnlyMemory<double> input, Memory<double> output, int batch, bool training) =>
        input.Span[..(batch * InputShape.Size)].CopyTo(output.Span);

    /// <inheritdoc />
    protected override void BackwardCore(ReadOnlyMemory<double> input, ReadOnlyMemory<double> outputGradient, Memory<double> inputGradient, int batch)
    {
        if (!inputGradient.IsEmpty)
        {
            outputGradient.Span[..(batch * InputShape.Size)].CopyTo(inputGradient.Span);
        }
    }
}
