namespace IcedServerless.Model.Layers;

/// <summary>
/// A layer of a <see cref="Sequential"/> network, evaluated on a batch at a time. Buffers hold <c>batch</c> samples
/// back to back, each in C order with the layer's per-sample shape. Layers are not thread-safe: a layer keeps
/// what its backward pass needs from the last training-mode forward pass.
/// </summary>
public abstract class Layer
{
    /// <summary>Initialises the name and shapes.</summary>
    /// <param name="name">A unique name within the network, e.g. <c>conv1</c>.</param>
    /// <param name="inputShape">The per-sample input shape.</param>
    /// <param name="outputShape">The per-sample output shape.</param>
    protected Layer(string name, TensorShape inputShape, TensorShape outputShape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        inputShape.Validate();
        outputShape.Validate();
        Name = name;
        InputShape = inputShape;
        OutputShape = outputShape;
    }

    /// <summary>The layer's name, unique within its network.</summary>
    public string Name { get; }

    /// <summary>The layer type.</summary>
    public abstract LayerKind Kind { get; }

    /// <summary>The per-sample input shape.</summary>
    public TensorShape InputShape { get; }

    /// <summary>The per-sample output shape.</summary>
    public TensorShape OutputShape { get; }

    /// <summary>The trainable tensors, in a fixed order.</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>Non-trainable state that belongs to the weights (e.g. running statistics).</summary>
    public virtual IReadOnlyList<double[]> State => [];

    /// <summary>Plaintext-by-value multiply-accumulates per sample (what a linear layer costs under encryption).</summary>
    public virtual long MultiplyAccumulates => 0;

    /// <summary>Sets initial parameter values (deterministically from <paramref name="random"/>).</summary>
    /// <param name="random">The source of randomness.</param>
    public virtual void Initialize(DeterministicRandom random)
    {
    }

    /// <summary>Computes outputs for <paramref name="batch"/> samples.</summary>
    /// <param name="input">At least <c>batch × InputShape.Size</c> values.</param>
    /// <param name="output">At least <c>batch × OutputShape.Size</c> values; overwritten.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="training">Training mode: batch statistics, and remember what backward needs.</param>
    public void Forward(ReadOnlyMemory<double> input, Memory<double> output, int batch, bool training)
    {
        CheckLength(input.Length, InputShape, batch, nameof(input));
        CheckLength(output.Length, OutputShape, batch, nameof(output));
        ForwardCore(input, output, batch, training);
    }

    /// <summary>
    /// Back-propagates: writes each parameter's <see cref="Parameter.Gradient"/> (overwriting it) and, unless
    /// <paramref name="inputGradient"/> is empty, the gradient with respect to the input.
    /// </summary>
    /// <param name="input">The input of the preceding training-mode forward pass.</param>
    /// <param name="outputGradient">The loss gradient with respect to this layer's output.</param>
    /// <param name="inputGradient">Receives the gradient with respect to the input, or empty to skip it.</param>
    /// <param name="batch">The number of samples.</param>
    public void Backward(ReadOnlyMemory<double> input, ReadOnlyMemory<double> outputGradient, Memory<double> inputGradient, int batch)
    {
        CheckLength(input.Length, InputShape, batch, nameof(input));
        CheckLength(outputGradient.Length, OutputShape, batch, nameof(outputGradient));
        if (!inputGradient.IsEmpty)
        {
            CheckLength(inputGradient.Length, InputShape, batch, nameof(inputGradient));
        }

        BackwardCore(input, outputGradient, inputGradient, batch);
    }

    /// <summary>The forward computation; lengths are already checked.</summary>
    /// <param name="input">The batch input.</param>
    /// <param name="output">The batch output.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="training">Whether in training mode.</param>
    protected abstract void ForwardCore(ReadOnlyMemory<double> input, Memory<double> output, int batch, bool training);

    /// <summary>The backward computation; lengths are already checked.</summary>
    /// <param name="input">The batch input of the last forward pass.</param>
    /// <param name="outputGradient">The gradient with respect to the output.</param>
    /// <param name="inputGradient">The gradient with respect to the input, or empty.</param>
    /// <param name="batch">The number of samples.</param>
    protected abstract void BackwardCore(ReadOnlyMemory<double> input, ReadOnlyMemory<double> outputGradient, Memory<double> inputGradient, int batch);

    private static void CheckLength(int length, TensorShape shape, int batch, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        if (length < (long)batch * shape.Size)
        {
            throw new ArgumentException($"The buffer holds {length} values; {batch} samples of {shape} need {(long)batch * shape.Size}.", name);
        }
    }
}
