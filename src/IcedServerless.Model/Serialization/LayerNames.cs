using IcedServerless.Model.Layers;

namespace IcedServerless.Model.Serialization;

/// <summary>The <c>kind</c> strings of layers in model files.</summary>
internal static class LayerNames
{
    public static string Of(LayerKind kind) => kind switch
    {
        LayerKind.Conv2d => "conv2d",
        LayerKind.Dense => "dense",
        LayerKind.AvgPool2d => "avgpool2d",
        LayerKind.Flatten => "flatten",
        LayerKind.BatchNorm => "batchnorm",
        LayerKind.PolyActivation => "poly",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
