using System.Globalization;
using IcedServerless.Cli.Hosting;
using IcedServerless.Cli.Rendering;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Models;

/// <summary><c>iced models</c>: the plans the service publishes, as a table or JSON.</summary>
internal sealed class ModelsCommand(CliContext context)
{
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        await using var service = await context.OpenServiceAsync(queueListener: false, cancellationToken).ConfigureAwait(false);
        var plans = (await service.Client.ListModelsAsync(cancellationToken).ConfigureAwait(false)).Models;
        var models = plans.Select(ModelSummary.From).ToArray();
        context.Output.WriteResult(new ModelsResult(service.Description, models), console => Render(console, service.Description, models));
        return ExitCodes.Success;
    }

    private static void Render(IAnsiConsole console, string service, IReadOnlyList<ModelSummary> models)
    {
        var table = new Table().Title($"[bold]Models[/] of {Markup.Escape(service)}")
            .AddColumns("model", "packing", "classes", "N", "images/unit")
            .AddColumn("keys to register (seeded, once)")
            .AddColumn(new TableColumn("upload/image").RightAligned());
        foreach (var m in models)
        {
            table.AddRow(
                Markup.Escape(m.ModelId),
                m.Packing.ToString().ToLowerInvariant(),
                Markup.Escape(string.Join(", ", m.ClassNames)),
                m.PolyModulusDegree.ToString(CultureInfo.InvariantCulture),
                m.ImagesPerUnit.ToString("N0", CultureInfo.InvariantCulture),
                Keys(m),
                Sizes.Bytes(m.UploadBytesPerImage));
        }

        console.Write(table);
        console.MarkupLine("Pick one with [bold]--model ID[/]; the throughput packing suits folders of images, the latency packing single images.");
    }

    private static string Keys(ModelSummary m)
    {
        var parts = new List<string>();
        if (m.NeedsRelinKeys)
        {
            parts.Add("relin");
        }

        if (m.RotationSteps.Count > 0)
        {
            parts.Add($"galois ×{m.RotationSteps.Count}");
        }

        return parts.Count == 0 ? "none" : $"{string.Join(" + ", parts)} ≈ {Sizes.Bytes(m.EvaluationKeyBytesEstimate)}";
    }
}

/// <summary>The JSON result of <c>iced models</c>.</summary>
/// <param name="Service">The service asked.</param>
/// <param name="Models">Its models.</param>
internal sealed record ModelsResult(string Service, IReadOnlyList<ModelSummary> Models);
