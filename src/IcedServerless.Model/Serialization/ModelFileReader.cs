using System.Text.Json;
using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Model.Inference;
using IcedServerless.Model.Layers;

namespace IcedServerless.Model.Serialization;

/// <summary>
/// Reads and fully validates a model file: structure, version, preprocessing, a network rebuilt layer by layer
/// (shapes, tensors, CKKS facts) and the checksum. Anything hostile or inconsistent is a
/// <see cref="ModelFormatException"/>; a model returned by this reader is safe to evaluate.
/// </summary>
public static class ModelFileReader
{
    /// <summary>The largest model file accepted (16 MiB).</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>The largest number of layers accepted.</summary>
    public const int MaxLayers = 64;

    /// <summary>The most activation values (summed over layers) one image may need.</summary>
    public const int MaxActivationsPerImage = 1 << 20;

    /// <summary>The most multiply-accumulates one image may need.</summary>
    public const long MaxMultiplyAccumulates = 50_000_000;

    internal const string NormalizationFormula = "(gray / 255 - mean) / std";
    internal const string TensorLayout = "C order, little-endian float64; activations [C, H, W] or [n]; conv2d weight [out, in, kh, kw], bias [out]; dense weight [out, in], bias [out]; poly a, b, c [channels] or [1], y = a*x^2 + b*x + c";
    internal const string SlotLayout = "one value per slot";

    /// <summary>Parses and validates a model file.</summary>
    /// <param name="utf8Json">The file content.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelFormatException">The file is malformed, unsupported, inconsistent or tampered with.</exception>
    public static ClassifierModel Read(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > MaxFileBytes)
        {
            throw Fail(ModelFormatError.LimitExceeded, $"The model file has {utf8Json.Length} bytes, more than the limit of {MaxFileBytes}.");
        }

        ModelFileDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(utf8Json, ModelJsonContext.Default.ModelFileDto);
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException(ModelFormatError.MalformedJson, $"The model file is not valid JSON of the expected shape: {ex.Message}", ex);
        }

        return FromDto(dto ?? throw Fail(ModelFormatError.MalformedJson, "The model file is empty (JSON null)."));
    }

    /// <summary>Reads and validates the model file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelFormatException">The file is invalid.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<ClassifierModel> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            throw Fail(ModelFormatError.LimitExceeded, $"The model file '{path}' has {length} bytes, more than the limit of {MaxFileBytes}.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Read(bytes);
    }

    private static ClassifierModel FromDto(ModelFileDto dto)
    {
        if (dto.Format != ModelFileWriter.FormatName)
        {
            throw Fail(ModelFormatError.UnknownFormat, $"The 'format' field is '{dto.Format}', not '{ModelFileWriter.FormatName}'.");
        }

        if (dto.FormatVersion != ClassifierModel.FormatVersion)
        {
            throw Fail(ModelFormatError.UnsupportedVersion, $"Model format version {dto.FormatVersion} is not supported; this build reads version {ClassifierModel.FormatVersion}.");
        }

        if (string.IsNullOrWhiteSpace(dto.Name) || dto.Name.Length > 200)
        {
            throw Fail(ModelFormatError.InvalidField, "The 'name' field must be 1 to 200 characters.");
        }

        var classNames = dto.ClassNames ?? throw Fail(ModelFormatError.InvalidField, "The 'classNames' field is missing.");
        var spec = ReadPreprocessing(dto.Preprocessing);
        var network = ReadArchitecture(dto.Architecture, spec);
        var ckks = dto.Ckks ?? throw Fail(ModelFormatError.InvalidField, "The 'ckks' field is missing.");
        if (ckks.MultiplicativeDepth != network.MultiplicativeDepth || ckks.MultiplyAccumulates != network.MultiplyAccumulates)
        {
            throw Fail(ModelFormatError.InvalidField,
                $"The 'ckks' field declares depth {ckks.MultiplicativeDepth} and {ckks.MultiplyAccumulates} MACs, but the layers give {network.MultiplicativeDepth} and {network.MultiplyAccumulates}.");
        }

        var model = new ClassifierModel
        {
            Name = dto.Name,
            Description = dto.Description,
            ClassNames = classNames,
            Preprocessing = spec,
            Network = network,
            Decision = ReadDecision(dto.Decision),
            ActivationBounds = ckks.ActivationBounds ?? throw Fail(ModelFormatError.InvalidField, "The 'ckks.activationBounds' field is missing."),
            DataCard = dto.DataCard ?? throw Fail(ModelFormatError.InvalidField, "The 'dataCard' field is missing."),
            Metrics = dto.Metrics?.Validation is { } v && dto.Metrics.Test is { } t ? new ReleaseMetrics(v, t) : null,
            Training = dto.Training,
        };

        try
        {
            model.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ModelFormatException(ModelFormatError.InvalidField, $"The model is inconsistent: {ex.Message}", ex);
        }

        VerifyChecksum(dto.Checksum, model);
        return model;
    }

    private static PreprocessingSpec ReadPreprocessing(PreprocessingDto? dto)
    {
        if (dto is null)
        {
            throw Fail(ModelFormatError.InvalidField, "The 'preprocessing' field is missing.");
        }

        if (dto.Grayscale != Grayscale.MethodName || dto.Crop != SquareResampler.CropMethodName || dto.Resize != SquareResampler.ResizeMethodName)
        {
            throw Fail(ModelFormatError.InvalidField,
                $"Unsupported preprocessing '{dto.Grayscale}/{dto.Crop}/{dto.Resize}'; this build implements '{Grayscale.MethodName}/{SquareResampler.CropMethodName}/{SquareResampler.ResizeMethodName}'.");
        }

        var spec = new PreprocessingSpec { InputSize = dto.InputSize, Mean = dto.Mean, Std = dto.Std, RoundToGrayLevels = dto.RoundToGrayLevels };
        try
        {
            spec.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new ModelFormatException(ModelFormatError.InvalidField, $"Invalid preprocessing: {ex.Message}", ex);
        }

        return spec;
    }

    private static DecisionRule ReadDecision(DecisionDto? dto)
    {
        switch (dto?.Rule)
        {
            case "argmax" when dto.Threshold is null && dto.PositiveClass is null:
                return DecisionRule.Argmax;
            case "threshold" when dto.Threshold is double t && dto.PositiveClass is int positive && positive is 0 or 1 && t is >= 0 and <= 1:
                return DecisionRule.ForThreshold(positive, t, dto.SelectedBy ?? "unspecified");
            default:
                throw Fail(ModelFormatError.InvalidField, "The 'decision' field must be {rule: argmax} or {rule: threshold, positiveClass: 0|1, threshold: [0, 1]}.");
        }
    }

    private static Sequential ReadArchitecture(ArchitectureDto? dto, PreprocessingSpec spec)
    {
        var layers = dto?.Layers ?? throw Fail(ModelFormatError.InvalidArchitecture, "The 'architecture.layers' field is missing.");
        var input = ReadShape(dto.InputShape, "architecture.inputShape");
        if (input != new TensorShape(1, spec.InputSize, spec.InputSize))
        {
            throw Fail(ModelFormatError.InvalidArchitecture, $"The input shape {input} does not match the {spec.InputSize}×{spec.InputSize} grayscale preprocessing.");
        }

        if (layers.Count is 0 or > MaxLayers)
        {
            throw Fail(ModelFormatError.InvalidArchitecture, $"A network has 1 to {MaxLayers} layers, not {layers.Count}.");
        }

        var built = new List<Layer>();
        var shape = input;
        long activations = 0, macs = 0;
        foreach (var layerDto in layers)
        {
            var layer = LayerReader.Read(layerDto, shape);
            activations += layer.OutputShape.Size;
            macs += layer.MultiplyAccumulates;
            if (activations > MaxActivationsPerImage || macs > MaxMultiplyAccumulates)
            {
                throw Fail(ModelFormatError.LimitExceeded,
                    $"The network needs more than {MaxActivationsPerImage} activations or {MaxMultiplyAccumulates} multiply-accumulates per image (at layer '{layer.Name}').");
            }

            built.Add(layer);
            shape = layer.OutputShape;
        }

        try
        {
            return new Sequential(input, built);
        }
        catch (ArgumentException ex)
        {
            throw new ModelFormatException(ModelFormatError.InvalidArchitecture, ex.Message, ex);
        }
    }

    internal static TensorShape ReadShape(List<int>? dims, string field)
    {
        try
        {
            return TensorShape.FromArray(dims ?? throw Fail(ModelFormatError.InvalidArchitecture, $"The '{field}' field is missing."));
        }
        catch (ArgumentException ex)
        {
            throw new ModelFormatException(ModelFormatError.InvalidArchitecture, $"The '{field}' field is invalid: {ex.Message}", ex);
        }
    }

    private static void VerifyChecksum(ChecksumDto? dto, ClassifierModel model)
    {
        if (dto?.Algorithm != ModelChecksum.Algorithm || dto.Canonicalization != ModelChecksum.Canonicalization || dto.Value is null)
        {
            throw Fail(ModelFormatError.InvalidField,
                $"The 'checksum' field must name algorithm '{ModelChecksum.Algorithm}' and canonicalization '{ModelChecksum.Canonicalization}' and carry a value.");
        }

        string actual = ModelChecksum.Compute(model);
        if (!string.Equals(dto.Value, actual, StringComparison.Ordinal))
        {
            throw Fail(ModelFormatError.ChecksumMismatch,
                $"The model's checksum does not match its content (stored {dto.Value}, computed {actual}): the file was modified or damaged.");
        }
    }

    internal static ModelFormatException Fail(ModelFormatError error, string message) => new(error, message);
}
