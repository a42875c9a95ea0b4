using System.Diagnostics;
using System.Globalization;
using IcedServerless.Cli.Rendering;
using IcedServerless.Model.Serialization;
using IcedServerless.Model.Training;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Train;

/// <summary>
/// <c>iced train</c>: trains the recipe's network, folds batch-norm, picks the threshold on validation and writes a
/// model file with the test-split metrics. The same options and data reproduce the file byte for byte.
/// </summary>
internal sealed class TrainCommand(IAnsiConsole console)
{
    public async Task<int> ExecuteAsync(TrainSettings settings, CancellationToken cancellationToken)
    {
        TrainingRecipe recipe;
        try
        {
            recipe = TrainingRecipes.Get(settings.Dataset);
        }
        catch (ArgumentException ex)
        {
            throw new UserFacingException(ex.Message, ex);
        }

        if (settings.Epochs is <= 0)
        {
            throw new UserFacingException("--epochs must be positive.");
        }

        var options = recipe.Options with
        {
            Seed = settings.Seed ?? recipe.Options.Seed,
            MaxEpochs = settings.Epochs ?? recipe.Options.MaxEpochs,
        };
        string command = string.Create(CultureInfo.InvariantCulture,
            $"iced train --dataset {recipe.Id} --data {Path.GetFileName(settings.DataPath)} --out {Path.GetFileName(settings.OutPath)} --seed {options.Seed} --epochs {options.MaxEpochs}");
        console.MarkupLineInterpolated($"Training [bold]{recipe.ModelName}[/] (seed {options.Seed}, up to {options.MaxEpochs} epochs) on {settings.DataPath}");

        var clock = Stopwatch.StartNew();
        var (model, result) = await ModelRelease.TrainAsync(recipe, settings.DataPath, options, command, new EpochPrinter(console), cancellationToken).ConfigureAwait(false);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(settings.OutPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await ModelFileWriter.SaveAsync(model, settings.OutPath, cancellationToken).ConfigureAwait(false);
        console.MarkupLineInterpolated($"Kept epoch {result.BestEpoch} of {result.EpochsRun} (validation AUC {MetricsRenderer.F(result.BestValidationAuc)}); trained in {clock.Elapsed.TotalSeconds:0.0} s.");
        MetricsRenderer.WriteModelSummary(console, model);
        MetricsRenderer.WriteMetrics(console, "test split", model.Metrics!.Test);
        console.MarkupLineInterpolated($"Wrote [bold]{settings.OutPath}[/]");
        return ExitCodes.Success;
    }

    /// <summary>Prints each epoch as it finishes (synchronously, on the training thread).</summary>
    private sealed class EpochPrinter(IAnsiConsole console) : IProgress<EpochReport>
    {
        public void Report(EpochReport r) => console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {r.Epoch,3}  lr {r.LearningRate:0.00000}  loss {r.TrainingLoss:0.0000}  penalty {r.BoundPenalty:0.0000}  val AUC {r.ValidationAuc:0.0000}  val acc {r.ValidationAccuracy:0.0000}  {r.Elapsed.TotalSeconds:0.0}s{(r.Improved ? "  [green]*[/]" : string.Empty)}"));
    }
}
