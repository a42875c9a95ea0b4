using IcedServerless.Model.Metrics;

namespace IcedServerless.Model.Serialization;

/// <summary>The JSON shape of a model file (see models/README.md for the field reference).</summary>
internal sealed class ModelFileDto
{
    public string? Format { get; set; }

    public int FormatVersion { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<string>? ClassNames { get; set; }

    public PreprocessingDto? Preprocessing { get; set; }

    public DecisionDto? Decision { get; set; }

    public ArchitectureDto? Architecture { get; set; }

    public CkksDto? Ckks { get; set; }

    public ChecksumDto? Checksum { get; set; }

    public DataCard? DataCard { get; set; }

    public MetricsDto? Metrics { get; set; }

    public TrainingRecord? Training { get; set; }
}

internal sealed class PreprocessingDto
{
    public string? Grayscale { get; set; }

    public string? Crop { get; set; }

    public string? Resize { get; set; }

    public int InputSize { get; set; }

    public bool RoundToGrayLevels { get; set; }

    public string? Normalization { get; set; }

    public double Mean { get; set; }

    public double Std { get; set; }
}

internal sealed class DecisionDto
{
    public string? Rule { get; set; }

    public int? PositiveClass { get; set; }

    public double? Threshold { get; set; }

    public string? SelectedBy { get; set; }
}

internal sealed class ArchitectureDto
{
    public string? TensorLayout { get; set; }

    public List<int>? InputShape { get; set; }

    public List<LayerDto>? Layers { get; set; }
}

internal sealed class LayerDto
{
    public string? Kind { get; set; }

    public string? Name { get; set; }

    public List<int>? InputShape { get; set; }

    public List<int>? OutputShape { get; set; }

    public int? KernelSize { get; set; }

    public int? Stride { get; set; }

    public int? Padding { get; set; }

    public bool? PerChannel { get; set; }

    public long MultiplyAccumulates { get; set; }

    public List<TensorDto>? Tensors { get; set; }
}

internal sealed class TensorDto
{
    public string? Name { get; set; }

    public List<int>? Shape { get; set; }

    public string? Encoding { get; set; }

    public string? Data { get; set; }
}

internal sealed class CkksDto
{
    public string? SlotLayout { get; set; }

    public int MultiplicativeDepth { get; set; }

    public long MultiplyAccumulates { get; set; }

    public List<ActivationBound>? ActivationBounds { get; set; }
}

internal sealed class ChecksumDto
{
    public string? Algorithm { get; set; }

    public string? Canonicalization { get; set; }

    public string? Value { get; set; }
}

internal sealed class MetricsDto
{
    public ClassificationMetrics? Validation { get; set; }

    public ClassificationMetrics? Test { get; set; }
}
