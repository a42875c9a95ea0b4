using System.Text;
using System.Text.Json.Nodes;
using IcedServerless.Model.Serialization;
using IcedServerless.Model.Tests.Training;

namespace IcedServerless.Model.Tests.Serialization;

public class ModelFileTests
{
    private static JsonObject Json(ClassifierModel model) => JsonNode.Parse(ModelFileWriter.Serialize(model))!.AsObject();

    private static ModelFormatError ReadError(JsonNode json) => ReadError(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static ModelFormatError ReadError(byte[] bytes) =>
        Assert.Throws<ModelFormatException>(() => ModelFileReader.Read(bytes)).Error;

    private static JsonObject Layer(JsonObject json, int index) => json["architecture"]!["layers"]![index]!.AsObject();

    [Fact]
    public void RoundTrip_PreservesPredictionsAndBytes()
    {
        var model = TestModels.Binary();
        var bytes = ModelFileWriter.Serialize(model);
        var loaded = ModelFileReader.Read(bytes);

        var data = TrainerTests.Synthetic(16, 9);
        Assert.Equal(model.PredictProbabilities(data), loaded.PredictProbabilities(data));
        Assert.Equal(bytes, ModelFileWriter.Serialize(loaded));
        Assert.Equal(model.ClassNames, loaded.ClassNames);
        Assert.Equal(model.Decision, loaded.Decision);
        Assert.Equal(model.Preprocessing, loaded.Preprocessing);
        Assert.Equal(5, loaded.MultiplicativeDepth);
    }

    [Fact]
    public void File_DescribesArchitectureAndCkksFacts()
    {
        var json = Json(TestModels.Binary());
        Assert.Equal("iced-serverless-model", (string?)json["format"]);
        Assert.Equal(1, (int?)json["formatVersion"]);
        Assert.Equal(5, (int?)json["ckks"]!["multiplicativeDepth"]);
        Assert.Equal("conv2d", (string?)Layer(json, 0)["kind"]);
        Assert.Equal(new[] { 2, 1, 5, 5 }, Layer(json, 0)["tensors"]![0]!["shape"]!.AsArray().Select(n => (int)n!));
        Assert.Equal("poly", (string?)Layer(json, 1)["kind"]);
        Assert.Equal(new[] { "a", "b", "c" }, Layer(json, 1)["tensors"]!.AsArray().Select(t => (string?)t!["name"]));
        Assert.Equal(64, ((string?)json["checksum"]!["value"])!.Length);
    }

    [Fact]
    public void TamperedWeight_FailsTheChecksum()
    {
        var json = Json(TestModels.Binary());
        var tensor = Layer(json, 0)["tensors"]![0]!.AsObject();
        var data = ((string?)tensor["data"])!.ToCharArray();
        data[5] = data[5] == 'A' ? 'B' : 'A';
        tensor["data"] = new string(data);
        Assert.Equal(ModelFormatError.ChecksumMismatch, ReadError(json));
    }

    [Theory]
    [InlineData("threshold")]
    [InlineData("className")]
    [InlineData("mean")]
    [InlineData("bound")]
    public void TamperedPredictionRelevantField_FailsTheChecksum(string field)
    {
        var json = Json(TestModels.Binary());
        switch (field)
        {
            case "threshold": json["decision"]!["threshold"] = 0.41; break;
            case "className": json["classNames"]![0] = "healthy"; break;
            case "mean": json["preprocessing"]!["mean"] = 0.51; break;
            default: json["ckks"]!["activationBounds"]![0]!["maxAbsInput"] = 1.0; break;
        }

        Assert.Equal(ModelFormatError.ChecksumMismatch, ReadError(json));
    }

    [Fact]
    public void EditedMetrics_AreInformationalAndStillLoad()
    {
        var json = Json(TestModels.Binary());
        json["description"] = "edited";
        Assert.Equal("edited", ModelFileReader.Read(Encoding.UTF8.GetBytes(json.ToJsonString())).Description);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("null")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"format\": 5}")]
    [InlineData("")]
    public void MalformedJson_IsRejected(string text) =>
        Assert.Equal(ModelFormatError.MalformedJson, ReadError(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void DeeplyNestedJson_IsRejected() =>
        Assert.Equal(ModelFormatError.MalformedJson, ReadError(Encoding.UTF8.GetBytes("{\"dataCard\":" + new string('[', 100) + new string(']', 100) + "}")));

    [Fact]
    public void UnknownFormatAndVersion_AreRejected()
    {
        var json = Json(TestModels.Binary());
        json["formatVersion"] = 2;
        Assert.Equal(ModelFormatError.UnsupportedVersion, ReadError(json));
        json["format"] = "something-else";
        Assert.Equal(ModelFormatError.UnknownFormat, ReadError(json));
    }

    [Fact]
    public void BatchNormLayer_IsRejectedAsUnfolded()
    {
        var json = Json(TestModels.Binary());
        Layer(json, 1)["kind"] = "batchnorm";
        Assert.Equal(ModelFormatError.InvalidArchitecture, ReadError(json));
    }

    [Theory]
    [InlineData("kind", "relu")]
    [InlineData("kernelSize", 3)]
    [InlineData("stride", 0)]
    [InlineData("padding", -1)]
    [InlineData("multiplyAccumulates", 1)]
    public void InconsistentConvolution_IsRejected(string field, object value)
    {
        var json = Json(TestModels.Binary());
        Layer(json, 0)[field] = JsonValue.Create(value);
        Assert.Equal(ModelFormatError.InvalidArchitecture, ReadError(json));
    }

    [Fact]
    public void WrongOutputShape_IsRejected()
    {
        var json = Json(TestModels.Binary());
        Layer(json, 0)["outputShape"] = new JsonArray(2, 6, 6);
        Assert.Equal(ModelFormatError.InvalidArchitecture, ReadError(json));
    }

    [Fact]
    public void TensorProblems_AreRejected()
    {
        var json = Json(TestModels.Binary());
        Layer(json, 0)["tensors"]![0]!["shape"] = new JsonArray(2, 1, 5, 4);
        Assert.Equal(ModelFormatError.InvalidTensor, ReadError(json));

        json = Json(TestModels.Binary());
        Layer(json, 0)["tensors"]![0]!["data"] = "AAAA";
        Assert.Equal(ModelFormatError.InvalidTensor, ReadError(json));

        json = Json(TestModels.Binary());
        var data = (string)Layer(json, 0)["tensors"]![0]!["data"]!;
        Layer(json, 0)["tensors"]![0]!["data"] = "!" + data[1..];
        Assert.Equal(ModelFormatError.InvalidTensor, ReadError(json));

        json = Json(TestModels.Binary());
        Layer(json, 0)["tensors"]![1]!["encoding"] = "base64-float32-le";
        Assert.Equal(ModelFormatError.InvalidTensor, ReadError(json));

        json = Json(TestModels.Binary());
        Layer(json, 0)["tensors"]!.AsArray().RemoveAt(1);
        Assert.Equal(ModelFormatError.InvalidTensor, ReadError(json));
    }

    [Fact]
    public void NonFiniteWeight_IsRejected()
    {
        var json = Json(TestModels.Binary());
        var bias = new byte[16];
        BitConverter.TryWriteBytes(bias.AsSpan(8), double.NaN);
        Layer(json, 0)["tensors"]![1]!["data"] = Convert.ToBase64String(bias);
        Assert.Equal(ModelFormatError.InvalidTensor, ReadError(json));
    }

    [Fact]
    public void MissingOrInvalidFields_AreRejected()
    {
        foreach (var mutate in new Action<JsonObject>[]
        {
            j => j.Remove("preprocessing"),
            j => j.Remove("dataCard"),
            j => j.Remove("checksum"),
            j => j["preprocessing"]!["std"] = 0,
            j => j["preprocessing"]!["resize"] = "bicubic",
            j => j["ckks"]!["multiplicativeDepth"] = 3,
            j => j["decision"]!["rule"] = "vote",
            j => j["decision"]!["threshold"] = 1.5,
            j => j["classNames"] = new JsonArray("only-one"),
            j => j["ckks"]!["activationBounds"]!.AsArray().RemoveAt(0),
            j => j["name"] = "",
        })
        {
            var json = Json(TestModels.Binary());
            mutate(json);
            Assert.Equal(ModelFormatError.InvalidField, ReadError(json));
        }
    }

    [Fact]
    public void ArchitectureProblems_AreRejected()
    {
        var json = Json(TestModels.Binary());
        json["architecture"]!["inputShape"] = new JsonArray(1, 28, 28);
        Assert.Equal(ModelFormatError.InvalidArchitecture, ReadError(json));

        json = Json(TestModels.Binary());
        json["architecture"]!["layers"]!.AsArray().RemoveAt(2); // the flatten: the dense layer then gets [C, H, W]
        Assert.Equal(ModelFormatError.InvalidArchitecture, ReadError(json));

        json = Json(TestModels.Binary());
        var layers = json["architecture"]!["layers"]!.AsArray();
        for (int i = 0; i < 70; i++)
        {
            layers.Add(layers[0]!.DeepClone());
        }

        Assert.Equal(ModelFormatError.InvalidArchitecture, ReadError(json));
    }

    [Fact]
    public void HugeDeclaredLayerWithoutData_IsRejectedBeforeAllocating()
    {
        // A dense layer declaring 10^7 × 10^6 weights but carrying a few bytes must fail on the data check, not
        // on an attempt to allocate 80 TB.
        var json = Json(TestModels.Binary());
        var dense = Layer(json, 3);
        dense["outputShape"] = new JsonArray(10_000_000);
        Assert.Equal(ModelFormatError.InvalidTensor, ReadError(json));
    }

    [Fact]
    public void NetworkOverTheActivationLimit_IsRejected()
    {
        // 8000 1×1 filters: tiny weights, but 1.15 M activations per image.
        var json = Json(TestModels.Binary());
        var conv = Layer(json, 0);
        conv["kernelSize"] = 1;
        conv["stride"] = 1;
        conv["padding"] = 0;
        conv["outputShape"] = new JsonArray(8000, 12, 12);
        conv["multiplyAccumulates"] = 8000 * 144;
        conv["tensors"] = new JsonArray(
            new JsonObject { ["name"] = "weight", ["shape"] = new JsonArray(8000, 1, 1, 1), ["encoding"] = "base64-float64-le", ["data"] = Convert.ToBase64String(new byte[64000]) },
            new JsonObject { ["name"] = "bias", ["shape"] = new JsonArray(8000), ["encoding"] = "base64-float64-le", ["data"] = Convert.ToBase64String(new byte[64000]) });
        Assert.Equal(ModelFormatError.LimitExceeded, ReadError(json));
    }

    [Fact]
    public void OversizedFile_IsRejectedBeforeParsing() =>
        Assert.Equal(ModelFormatError.LimitExceeded, ReadError(new byte[ModelFileReader.MaxFileBytes + 1]));

    [Fact]
    public void Writer_RefusesAnInvalidModel()
    {
        var model = TestModels.Binary();
        var broken = new ClassifierModel
        {
            Name = model.Name,
            ClassNames = ["a", "b", "c"],
            Preprocessing = model.Preprocessing,
            Network = model.Network,
            Decision = model.Decision,
            ActivationBounds = model.ActivationBounds,
            DataCard = model.DataCard,
        };
        Assert.Throws<ArgumentException>(() => ModelFileWriter.Serialize(broken));
    }
}
