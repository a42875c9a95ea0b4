using System.Text.Json;
using IcedServerless.Cli.Hosting;
using IcedServerless.Client.Inputs;
using IcedServerless.Imaging.Numpy;
using IcedServerless.Model.Serialization;
using IcedServerless.Testing;

namespace IcedServerless.Cli.Tests;

/// <summary><c>iced score file.npz --split test</c>: a MedMNIST archive with labels, so the report carries accuracy.</summary>
public sealed class NpzScoreTests : CliTestFolders
{
    private const string Model = "pneumoniamnist-28/latency";

    [Fact]
    public async Task Score_a_labelled_medmnist_npz_reports_the_plaintext_models_accuracy_on_its_images()
    {
        var npz = Path.Combine(Work, "pneumonia-subset.npz");
        await WriteSubsetAsync(npz, perClass: 3);
        var output = Path.Combine(Work, "out");

        var result = await CliRunner.RunInAsync(Home, new Dictionary<string, string?>(), CancellationToken.None,
            "score", npz, "--split", "test", "--model", Model, "--out", output, "--json");
        Assert.True(result.ExitCode == 0, result.All);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(6, json.RootElement.GetProperty("images").GetInt32());
        Assert.Equal(6, json.RootElement.GetProperty("labelled").GetInt32());

        var model = await ModelFileReader.LoadAsync(BundledFiles.ModelFile(Model));
        var inputs = await ImageInputs.LoadAsync(npz, model.Preprocessing, NpzSplit.Test);
        var probabilities = model.PredictProbabilities(inputs.Images.SelectMany(i => i).ToArray(), inputs.Count);
        var correct = Enumerable.Range(0, inputs.Count).Count(i => model.Decision.Predict(probabilities.AsSpan(i * 2, 2)) == inputs.Labels![i]);
        Assert.Equal(correct / 6.0, json.RootElement.GetProperty("accuracy").GetDouble(), 12);

        await using var stream = File.OpenRead(Path.Combine(output, "predictions.json"));
        var report = await Client.Results.PredictionWriter.ReadJsonAsync(stream);
        Assert.Equal(inputs.Labels, report.Predictions.Select(p => p.TrueClass!.Value));
        await ScoreCommandTests.AssertAgreesWithPlaintextAsync(npz, report);
    }

    /// <summary>The first <paramref name="perClass"/> test images of each class of the bundled PneumoniaMNIST, with their labels.</summary>
    private static async Task WriteSubsetAsync(string path, int perClass)
    {
        using var bundled = await NpzArchive.LoadAsync(Path.Combine(RepoPaths.Root, "data", "pneumoniamnist", "pneumoniamnist_28.npz"));
        var images = bundled.Read("test_images");
        var labels = bundled.Read("test_labels").AsUInt8().ToArray();
        var pixels = images.Shape[1] * images.Shape[2];
        var chosen = new[] { 0, 1 }.SelectMany(c => Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).Take(perClass)).ToArray();
        var subset = new byte[chosen.Length * pixels];
        for (var k = 0; k < chosen.Length; k++)
        {
            images.AsUInt8().Slice(chosen[k] * pixels, pixels).CopyTo(subset.AsSpan(k * pixels));
        }

        var subsetLabels = chosen.Select(i => labels[i]).ToArray();
        await TestNumpy.WriteNpzAsync(path, new Dictionary<string, byte[]>
        {
            ["test_images"] = TestNumpy.Npy([chosen.Length, images.Shape[1], images.Shape[2]], subset),
            ["test_labels"] = TestNumpy.Npy([chosen.Length, 1], subsetLabels),
        });
    }
}
