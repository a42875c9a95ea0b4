using System.Text.Json;
using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Model.Layers;

namespace IcedServerless.Model.Serialization;

/// <summary>Writes a <see cref="ClassifierModel"/> as a versioned, self-describing JSON model file.</summary>
public static class ModelFileWriter
{
    /// <summary>The <c>format</c> value that identifies a model file.</summary>
    public const string FormatName = "iced-serverless-model";

    /// <summary>Serialises the model to UTF-8 JSON (deterministic: equal models give equal bytes).</summary>
    /// <param name="model">A valid model.</param>
    /// <returns>The file content.</returns>
    /// <exception cref="ArgumentException">The model breaks an invariant of <see cref="ClassifierModel.Validate"/>.</exception>
    public static byte[] Serialize(ClassifierModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(ToDto(model), ModelJsonContext.Relaxed.ModelFileDto);
        return [.. bytes, (byte)'\n'];
    }

    /// <summary>Writes the model file to <paramref name="path"/>, replacing it.</summary>
    /// <param name="model">A valid model.</param>
    /// <param name="path">The destination file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public static Task SaveAsync(ClassifierModel model, string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return File.WriteAllBytesAsync(path, Serialize(model), cancellationToken);
    }

    private static ModelFileDto ToDto(ClassifierModel model) => new()
    {
        Format = FormatName,
        FormatVersion = ClassifierModel.FormatVersion,
        Name = model.Name,
        Description = model.Description,
        ClassNames = [.. model.ClassNames],
        Preprocessing = new PreprocessingDto
        {
            Grayscale = Grayscale.MethodName,
            Crop = SquareResampler.CropMethodName,
            Resize = SquareResampler.ResizeMethodName,
            InputSize = model.Preprocessing.InputSize,
            RoundToGrayLevels = model.Preprocessing.RoundToGrayLevels,
            Normalization = ModelFileReader.NormalizationFormula,
            Mean = model.Preprocessing.Mean,
            Std = model.Preprocessing.Std,
        },
        Decision = new DecisionDto
        {
            Rule = model.Decision.Threshold is null ? "argmax" : "threshold",
            PositiveClass = model.Decision.PositiveClass,
            Threshold = model.Decision.Threshold,
            SelectedBy = model.Decision.SelectedBy,
        },
        Architecture = new ArchitectureDto
        {
            TensorLayout = ModelFileReader.TensorLayout,
            InputShape = [.. model.Network.InputShape.ToArray()],
            Layers = [.. model.Network.Layers.Select(ToDto)],
        },
        Ckks = new CkksDto
        {
            SlotLayout = ModelFileReader.SlotLayout,
            MultiplicativeDepth = model.MultiplicativeDepth,
            MultiplyAccumulates = model.MultiplyAccumulates,
            ActivationBounds = [.. model.ActivationBounds],
        },
        Checksum = new ChecksumDto
        {
            Algorithm = ModelChecksum.Algorithm,
            Canonicalization = ModelChecksum.Canonicalization,
            Value = ModelChecksum.Compute(model),
        },
        DataCard = model.DataCard,
        Metrics = model.Metrics is null ? null : new MetricsDto { Validation = model.Metrics.Validation, Test = model.Metrics.Test },
        Training = model.Training,
    };

    private static LayerDto ToDto(Layer layer) => new()
    {
        Kind = LayerNames.Of(layer.Kind),
        Name = layer.Name,
        InputShape = [.. layer.InputShape.ToArray()],
        OutputShape = [.. layer.OutputShape.ToArray()],
        KernelSize = layer switch { Conv2d c => c.KernelSize, AvgPool2d a => a.KernelSize, _ => null },
        Stride = layer switch { Conv2d c => c.Stride, AvgPool2d a => a.Stride, _ => null },
        Padding = (layer as Conv2d)?.Padding,
        PerChannel = (layer as PolyActivation)?.PerChannel,
        MultiplyAccumulates = layer.MultiplyAccumulates,
        Tensors = layer.Parameters.Count == 0
            ? null
            : [.. layer.Parameters.Select(p => new TensorDto { Name = p.Name, Shape = [.. p.Shape], Encoding = TensorCodec.Encoding, Data = TensorCodec.Encode(p.Value) })],
    };
}
