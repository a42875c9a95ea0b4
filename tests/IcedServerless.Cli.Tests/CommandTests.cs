using IcedServerless.Model.Serialization;
using IcedServerless.Tests.Shared;

namespace IcedServerless.Cli.Tests;

public sealed class CommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("iced-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task TrainThenEval_WritesAModelWhoseMetricsEvalReproduces()
    {
        string model = Path.Combine(_dir, "m.model.json");
        var (trainExit, trainOutput) = await CliRunner.RunAsync(
            "train", "--dataset", "pneumoniamnist", "--data", TestRepository.PneumoniaMnist, "--out", model, "--epochs", "1");
        Assert.True(trainExit == 0, trainOutput);
        Assert.Contains("epoch   1", trainOutput, StringComparison.Ordinal);
        Assert.Contains("Wrote", trainOutput, StringComparison.Ordinal);

        var loaded = await ModelFileReader.LoadAsync(model);
        Assert.Equal("iced train --dataset pneumoniamnist --data pneumoniamnist_28.npz --out m.model.json --seed 20251122 --epochs 1", loaded.Training!.Command);

        var eval = await CliRunner.RunAsync("eval", "--model", model, "--data", TestRepository.PneumoniaMnist, "--json");
        Assert.True(eval.ExitCode == 0, eval.All);
        var metrics = MetricsJson.Deserialize(eval.Out);
        Assert.Equal(loaded.Metrics!.Test.Accuracy, metrics.Accuracy);
        Assert.Equal(loaded.Metrics.Test.RocAuc, metrics.RocAuc);
        Assert.Equal(624, metrics.SampleCount);

        var (tableExit, table) = await CliRunner.RunAsync("eval", "--model", model, "--data", TestRepository.PneumoniaMnist, "--split", "val");
        Assert.Equal(0, tableExit);
        Assert.Contains("confusion matrix", table, StringComparison.Ordinal);
        Assert.Contains("524", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_MissingModel_IsAUserError()
    {
        var (exit, output) = await CliRunner.RunAsync("eval", "--model", Path.Combine(_dir, "absent.json"), "--data", TestRepository.PneumoniaMnist);
        Assert.Equal(2, exit);
        Assert.Contains("error:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_TamperedModel_ReportsTheChecksum()
    {
        string model = Path.Combine(_dir, "t.model.json");
        var released = await File.ReadAllTextAsync(TestRepository.File("models", "pneumoniamnist-28.model.json"));
        await File.WriteAllTextAsync(model, released.Replace("\"threshold\": 0.", "\"threshold\": 0.0", StringComparison.Ordinal));
        var (exit, output) = await CliRunner.RunAsync("eval", "--model", model, "--data", TestRepository.PneumoniaMnist);
        Assert.Equal(2, exit);
        Assert.Contains("checksum", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_NotAnArchive_IsAUserError()
    {
        string junk = Path.Combine(_dir, "junk.npz");
        await File.WriteAllBytesAsync(junk, [1, 2, 3, 4]);
        var (exit, output) = await CliRunner.RunAsync("eval", "--model", TestRepository.File("models", "pneumoniamnist-28.model.json"), "--data", junk);
        Assert.Equal(2, exit);
        Assert.Contains("ZIP", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train", "--dataset", "mnist", "--data", "x.npz", "--out", "y.json")]
    [InlineData("train", "--dataset", "covid", "--out", "y.json")]
    [InlineData("eval", "--model", "m.json", "--data", "x.npz", "--split", "holdout")]
    public async Task InvalidOptions_AreRejectedByTheParser_AsUsageErrors(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error:", result.Error, StringComparison.Ordinal);
    }
}
