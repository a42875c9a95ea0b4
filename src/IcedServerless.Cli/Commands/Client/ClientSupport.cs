using IcedServerless.Cli.Hosting;
using IcedServerless.Client.Jobs;
using IcedServerless.Client.Keys;
using IcedServerless.Client.Workflow;
using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Inference;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Client;

/// <summary>What the client commands share: passphrases, key folders, loading or creating keys, the workflow.</summary>
internal static class ClientSupport
{
    /// <summary>The passphrase from the variable <c>--passphrase-env</c> names, or null without the option.</summary>
    /// <exception cref="UserFacingException">The variable is unset or empty.</exception>
    public static string? Passphrase(CliContext context, string? variable)
    {
        if (string.IsNullOrEmpty(variable))
        {
            return null;
        }

        return context.Host.Environment(variable) is { Length: > 0 } value
            ? value
            : throw new UserFacingException($"--passphrase-env names {variable}, but that environment variable is not set; export it (the passphrase itself never goes on the command line).");
    }

    /// <summary>The key folder: <c>--keys</c>, or the model's default under ICED_HOME.</summary>
    public static string KeyDirectory(CliContext context, string? keys, string modelId) =>
        Path.GetFullPath(string.IsNullOrEmpty(keys) ? context.KeysDirectory(modelId) : keys);

    /// <summary>Whether a key set exists in the folder.</summary>
    public static bool HasKeySet(string directory) => File.Exists(Path.Combine(directory, KeySetDirectory.InfoFile));

    /// <summary>Loads a key set (warning when a passphrase is given for an unsealed one) and checks it serves the plan.</summary>
    public static async Task<ClientKeySet> LoadKeysAsync(CliContext context, string directory, string? passphrase, ModelPlan? plan, CancellationToken cancellationToken)
    {
        if (!HasKeySet(directory))
        {
            throw new UserFacingException($"There is no key set in {directory}; create one with `iced keys create --model {plan?.ModelId ?? "ID"}` (or point --keys at yours).");
        }

        var info = await KeySetDirectory.ReadInfoAsync(directory, cancellationToken).ConfigureAwait(false);
        if (passphrase is not null && !info.SecretSealed)
        {
            context.Output.Error.MarkupLineInterpolated($"[yellow]warning:[/] the secret key in {directory} is not sealed; the passphrase is ignored.");
        }

        var keys = await KeySetDirectory.LoadAsync(directory, info.SecretSealed ? passphrase : null, cancellationToken).ConfigureAwait(false);
        try
        {
            if (plan is not null)
            {
                keys.EnsureMatches(plan);
            }

            return keys;
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    /// <summary>Creates and saves a key set for the plan.</summary>
    public static async Task<(ClientKeySet Keys, KeySetInfo Info)> CreateKeysAsync(string directory, ModelPlan plan, string? passphrase, bool overwrite, CancellationToken cancellationToken)
    {
        var keys = await Task.Run(() => ClientKeySet.Create(plan), cancellationToken).ConfigureAwait(false);
        try
        {
            var info = await KeySetDirectory.SaveAsync(directory, keys, passphrase, overwrite, cancellationToken).ConfigureAwait(false);
            return (keys, info);
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    /// <summary>
    /// How the plan's model wants images preprocessed. A service older than the published preprocessing does not say,
    /// and guessing would silently feed the model wrongly scaled pixels.
    /// </summary>
    /// <exception cref="PlanIncompleteException">The plan does not say.</exception>
    public static PreprocessingSpec Preprocessing(ModelPlan plan) =>
        plan.Preprocessing ?? throw new PlanIncompleteException(plan.ModelId, "how to preprocess images");

    /// <summary>The workflow over a session, with job records under ICED_HOME.</summary>
    public static ScoreWorkflow Workflow(CliContext context, ServiceSession service) =>
        new(service.Client, new JobRecordStore(context.Home), context.Endpoint.ToString());

    /// <summary>Loads a job record, warning when it was made on another endpoint than the one in use.</summary>
    public static async Task<JobRecord> RecordAsync(CliContext context, string jobId, CancellationToken cancellationToken)
    {
        var record = await new JobRecordStore(context.Home).LoadAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(record.Endpoint, context.Endpoint.ToString(), StringComparison.Ordinal))
        {
            context.Output.Error.MarkupLineInterpolated($"[yellow]warning:[/] job {jobId} was created on {record.Endpoint}, but --endpoint / ICED_ENDPOINT is {context.Endpoint}.");
        }

        return record;
    }
}
