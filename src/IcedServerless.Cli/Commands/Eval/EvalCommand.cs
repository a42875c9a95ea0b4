using IcedServerless.Cli.Rendering;
using IcedServerless.Model.Data;
using IcedServerless.Model.Serialization;
using IcedServerless.Cli.Output;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Eval;

/// <summary><c>iced eval</c>: recomputes a model's plaintext metrics on a full split.</summary>
internal sealed class EvalCommand(CliOutput output)
{
    public async Task<int> ExecuteAsync(EvalSettings settings, CancellationToken cancellationToken)
    {
        var split = settings.Split switch
        {
            "train" => DatasetSplit.Train,
            "val" => DatasetSplit.Validation,
            "test" => DatasetSplit.Test,
            _ => throw new UserFacingException($"Unknown split '{settings.Split}'; use train, val or test."),
        };
        var model = await ModelFileReader.LoadAsync(settings.ModelPath, cancellationToken).ConfigureAwait(false);
        var data = await MedMnistLoader.LoadAsync(settings.DataPath, model.ClassNames.Count, cancellationToken).ConfigureAwait(false);
        var images = data[split];
        if (images.ImageSize != model.Preprocessing.InputSize)
        {
            throw new UserFacingException(
                $"The model takes {model.Preprocessing.InputSize}×{model.Preprocessing.InputSize} images but '{settings.DataPath}' holds {images.ImageSize}×{images.ImageSize}.");
        }

        var metrics = model.Evaluate(images);
        if (output.Json)
        {
            // The model library's own metrics document, so `iced eval --json` and the model file agree.
            output.WriteRaw(MetricsJson.Serialize(metrics));
            return ExitCodes.Success;
        }

        var console = output.Console;
        MetricsRenderer.WriteModelSummary(console, model);
        if (model.DataCard.Sha256 is string sha && !string.Equals(sha, data.Sha256, StringComparison.Ordinal))
        {
            console.MarkupLineInterpolated($"[yellow]note:[/] the archive's SHA-256 {data.Sha256} differs from the one the model was trained on ({sha}).");
        }

        MetricsRenderer.WriteMetrics(console, $"{settings.Split} split of {Path.GetFileName(settings.DataPath)}", metrics);
        return ExitCodes.Success;
    }
}
