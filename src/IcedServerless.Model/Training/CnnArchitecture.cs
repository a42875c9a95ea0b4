using IcedServerless.Model.Layers;

namespace IcedServerless.Model.Training;

/// <summary>
/// The CKKS-friendly network family of the released models:
/// <c>conv(k, stride, padding) → [batch-norm] → poly → flatten → [dense(hidden) → [batch-norm] → poly] → dense(classes)</c>.
/// With a hidden layer the multiplicative depth is 5, without it 3.
/// </summary>
public sealed record CnnArchitecture
{
    /// <summary>Convolution output channels.</summary>
    public int ConvChannels { get; init; } = 8;

    /// <summary>Convolution kernel side.</summary>
    public int KernelSize { get; init; } = 5;

    /// <summary>Convolution stride.</summary>
    public int Stride { get; init; } = 2;

    /// <summary>Convolution zero padding.</summary>
    public int Padding { get; init; } = 1;

    /// <summary>Hidden dense units (0: no hidden layer, depth 3).</summary>
    public int HiddenUnits { get; init; } = 16;

    /// <summary>Whether batch-norm (folded at export) follows each linear layer but the last during training.</summary>
    public bool BatchNorm { get; init; } = true;

    /// <summary>Initial x² coefficient of the activations.</summary>
    public double InitialA { get; init; } = 0.1;

    /// <summary>Initial x coefficient of the activations.</summary>
    public double InitialB { get; init; } = 0.5;

    /// <summary>Builds the training network (with batch-norm layers, if enabled).</summary>
    /// <param name="inputSize">The square input side.</param>
    /// <param name="classCount">The number of output logits.</param>
    /// <returns>The network, zero-initialised (the trainer initialises it from the seed).</returns>
    public Sequential Build(int inputSize, int classCount)
    {
        var input = new TensorShape(1, inputSize, inputSize);
        var layers = new List<Layer>();
        var conv = new Conv2d("conv1", input, ConvChannels, KernelSize, Stride, Padding);
        layers.Add(conv);
        AddActivation(layers, "1", conv.OutputShape);
        var flat = new Flatten("flatten", conv.OutputShape);
        layers.Add(flat);
        var shape = flat.OutputShape;
        if (HiddenUnits > 0)
        {
            var hidden = new Dense("fc1", shape, HiddenUnits);
            layers.Add(hidden);
            AddActivation(layers, "2", hidden.OutputShape);
            shape = hidden.OutputShape;
        }

        layers.Add(new Dense("output", shape, classCount));
        return new Sequential(input, layers);
    }

    private void AddActivation(List<Layer> layers, string suffix, TensorShape shape)
    {
        if (BatchNorm)
        {
            layers.Add(new BatchNorm("bn" + suffix, shape));
        }

        var act = new PolyActivation("act" + suffix, shape, perChannel: true);
        act.SetInitialCoefficients(InitialA, InitialB, 0);
        layers.Add(act);
    }
}
