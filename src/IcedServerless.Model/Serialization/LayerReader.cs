using IcedServerless.Model.Layers;

namespace IcedServerless.Model.Serialization;

/// <summary>Rebuilds one layer from its model-file description, checking shapes, hyper-parameters and tensors.</summary>
internal static class LayerReader
{
    public static Layer Read(LayerDto dto, TensorShape input)
    {
        string name = string.IsNullOrWhiteSpace(dto.Name) || dto.Name.Length > 64
            ? throw ModelFileReader.Fail(ModelFormatError.InvalidArchitecture, "Every layer needs a name of 1 to 64 characters.")
            : dto.Name;
        var declaredInput = ModelFileReader.ReadShape(dto.InputShape, $"{name}.inputShape");
        var declaredOutput = ModelFileReader.ReadShape(dto.OutputShape, $"{name}.outputShape");
        if (declaredInput != input)
        {
            throw ModelFileReader.Fail(ModelFormatError.InvalidArchitecture, $"Layer '{name}' declares input {declaredInput} but receives {input}.");
        }

        RequireTensorData(dto, name, input, declaredOutput);
        Layer layer;
        try
        {
            layer = dto.Kind switch
            {
                "conv2d" => new Conv2d(name, input, declaredOutput.Channels, Required(dto.KernelSize, name, "kernelSize"), Required(dto.Stride, name, "stride"), Required(dto.Padding, name, "padding")),
                "dense" => new Dense(name, input, declaredOutput.Size),
                "avgpool2d" => new AvgPool2d(name, input, Required(dto.KernelSize, name, "kernelSize"), Required(dto.Stride, name, "stride")),
                "flatten" => new Flatten(name, input),
                "poly" => new PolyActivation(name, input, dto.PerChannel ?? throw ModelFileReader.Fail(ModelFormatError.InvalidArchitecture, $"Layer '{name}' lacks 'perChannel'.")),
                "batchnorm" => throw ModelFileReader.Fail(ModelFormatError.InvalidArchitecture, $"Layer '{name}' is batch-norm; released models must have it folded into the preceding linear layer."),
                _ => throw ModelFileReader.Fail(ModelFormatError.InvalidArchitecture, $"Layer '{name}' has unknown kind '{dto.Kind}'; known: conv2d, dense, avgpool2d, flatten, poly."),
            };
        }
        catch (ArgumentException ex)
        {
            throw new ModelFormatException(ModelFormatError.InvalidArchitecture, $"Layer '{name}' is invalid: {ex.Message}", ex);
        }

        if (layer.OutputShape != declaredOutput || layer.MultiplyAccumulates != dto.MultiplyAccumulates)
        {
            throw ModelFileReader.Fail(ModelFormatError.InvalidArchitecture,
                $"Layer '{name}' declares output {declaredOutput} and {dto.MultiplyAccumulates} MACs, but its hyper-parameters give {layer.OutputShape} and {layer.MultiplyAccumulates}.");
        }

        ReadTensors(dto.Tensors ?? [], layer);
        return layer;
    }

    private static void ReadTensors(List<TensorDto> tensors, Layer layer)
    {
        var expected = layer.Parameters;
        if (tensors.Count != expected.Count)
        {
            throw ModelFileReader.Fail(ModelFormatError.InvalidTensor,
                $"Layer '{layer.Name}' needs tensors [{string.Join(", ", expected.Select(p => p.Name))}], but the file has {tensors.Count}.");
        }

        for (int i = 0; i < tensors.Count; i++)
        {
            var (dto, parameter) = (tensors[i], expected[i]);
            string id = $"{layer.Name}.{parameter.Name}";
            if (dto.Name != parameter.Name || dto.Shape is null || !dto.Shape.SequenceEqual(parameter.Shape))
            {
                throw ModelFileReader.Fail(ModelFormatError.InvalidTensor,
                    $"Tensor {i} of layer '{layer.Name}' must be '{parameter.Name}' of shape [{string.Join(", ", parameter.Shape)}]; the file has '{dto.Name}' [{string.Join(", ", dto.Shape ?? [])}].");
            }

            if (dto.Encoding != TensorCodec.Encoding)
            {
                throw ModelFileReader.Fail(ModelFormatError.InvalidTensor, $"Tensor '{id}' uses encoding '{dto.Encoding}', not '{TensorCodec.Encoding}'.");
            }

            TensorCodec.Decode(id, dto.Data, parameter.Value);
        }
    }

    /// <summary>
    /// Checks, before the layer allocates its parameters, that the file actually carries that many values: a
    /// hostile file cannot make the reader allocate more than its own size.
    /// </summary>
    private static void RequireTensorData(LayerDto dto, string name, TensorShape input, TensorShape output)
    {
        long k = dto.KernelSize ?? 0;
        long needed = dto.Kind switch
        {
            "conv2d" => (output.Channels * (long)input.Channels * k * k) + output.Channels,
            "dense" => ((long)output.Size * input.Size) + output.Size,
            "poly" => 3L * (dto.PerChannel == true ? input.Channels : 1),
            _ => 0,
        };
        long available = (dto.Tensors ?? []).Sum(t => (long)(t.Data?.Length ?? 0)) * 3 / 4;
        if (needed * sizeof(double) > available)
        {
            throw ModelFileReader.Fail(ModelFormatError.InvalidTensor,
                $"Layer '{name}' needs {needed} weights, but its tensors carry at most {available / sizeof(double)}.");
        }
    }

    private static int Required(int? value, string layer, string field) =>
        value ?? throw ModelFileReader.Fail(ModelFormatError.InvalidArchitecture, $"Layer '{layer}' lacks '{field}'.");
}
