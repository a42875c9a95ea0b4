using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Model.Layers;

namespace IcedServerless.Model.Serialization;

/// <summary>
/// SHA-256 over a canonical binary encoding of everything that determines a model's predictions: class names,
/// preprocessing, layers (kind, name, shapes, hyper-parameters, tensors), decision rule and activation bounds.
/// The encoding (<c>iced-canonical-v1</c>) is independent of JSON formatting; all integers are uint32/int32 LE,
/// floats are IEEE 754 binary64 LE, strings are a uint32 byte count then UTF-8, and optional values are a byte
/// 0/1 followed by the value when 1. Metrics, the data card and the training record are informational and
/// not covered.
/// </summary>
internal static class ModelChecksum
{
    public const string Algorithm = "sha256";
    public const string Canonicalization = "iced-canonical-v1";

    public static string Compute(ClassifierModel model)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var w = new Writer(hash);
        w.String(Canonicalization);
        w.Int(ClassifierModel.FormatVersion);
        w.Int(model.ClassNames.Count);
        foreach (var name in model.ClassNames)
        {
            w.String(name);
        }

        var p = model.Preprocessing;
        w.String(Grayscale.MethodName);
        w.String(SquareResampler.CropMethodName);
        w.String(SquareResampler.ResizeMethodName);
        w.Int(p.InputSize);
        w.Int(p.RoundToGrayLevels ? 1 : 0);
        w.Double(p.Mean);
        w.Double(p.Std);

        w.Int(model.Network.Layers.Count);
        foreach (var layer in model.Network.Layers)
        {
            WriteLayer(w, layer);
        }

        w.OptionalInt(model.Decision.PositiveClass);
        w.OptionalDouble(model.Decision.Threshold);
        w.Int(model.ActivationBounds.Count);
        foreach (var bound in model.ActivationBounds)
        {
            w.String(bound.Layer);
            w.Double(bound.MaxAbsInput);
            w.Double(bound.TrainingBound);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void WriteLayer(Writer w, Layer layer)
    {
        w.String(LayerNames.Of(layer.Kind));
        w.String(layer.Name);
        foreach (var shape in new[] { layer.InputShape, layer.OutputShape })
        {
            w.Int(shape.Channels);
            w.Int(shape.Height);
            w.Int(shape.Width);
        }

        int[] hyper = layer switch
        {
            Conv2d c => [c.KernelSize, c.Stride, c.Padding],
            AvgPool2d a => [a.KernelSize, a.Stride],
            PolyActivation a => [a.PerChannel ? 1 : 0],
            _ => [],
        };
        w.Int(hyper.Length);
        foreach (int h in hyper)
        {
            w.Int(h);
        }

        w.Int(layer.Parameters.Count);
        foreach (var parameter in layer.Parameters)
        {
            w.String(parameter.Name);
            w.Int(parameter.Shape.Length);
            foreach (int d in parameter.Shape)
            {
                w.Int(d);
            }

            foreach (double v in parameter.Value)
            {
                w.Double(v);
            }
        }
    }

    private readonly struct Writer(IncrementalHash hash)
    {
        public void Int(int value)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, value);
            hash.AppendData(b);
        }

        public void Double(double value)
        {
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteDoubleLittleEndian(b, value);
            hash.AppendData(b);
        }

        public void String(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            Int(bytes.Length);
            hash.AppendData(bytes);
        }

        public void OptionalInt(int? value)
        {
            hash.AppendData([value.HasValue ? (byte)1 : (byte)0]);
            if (value.HasValue)
            {
                Int(value.Value);
            }
        }

        public void OptionalDouble(double? value)
        {
            hash.AppendData([value.HasValue ? (byte)1 : (byte)0]);
            if (value.HasValue)
            {
                Double(value.Value);
            }
        }
    }
}
