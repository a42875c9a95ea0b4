using IcedServerless.Functions.HostProtocol;

namespace IcedServerless.Functions.Configuration;

/// <summary>
/// Creates the pipeline's containers and queues once per process, on first need (the embedded store exists only
/// once the server listens), unless <see cref="PipelineOptions.CreateStorageResources"/> is off. A failed attempt is
/// retried by the next caller.
/// </summary>
public sealed class StorageBootstrap(PipelineStorage storage, PipelineOptions options)
{
    private readonly Lock _gate = new();
    private Task? _done;

    /// <summary>Completes when every container and queue exists.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>A task.</returns>
    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        Task task;
        lock (_gate)
        {
            if (_done is null || _done.IsFaulted || _done.IsCanceled)
            {
                _done = CreateAsync();
            }

            task = _done;
        }

        return task.WaitAsync(cancellationToken);
    }

    private async Task CreateAsync()
    {
        if (!options.CreateStorageResources)
        {
            return;
        }

        foreach (var container in new[] { options.KeysContainer, options.JobsContainer, options.InputsContainer, options.ResultsContainer })
        {
            await storage.Blobs.CreateContainerIfNotExistsAsync(container).ConfigureAwait(false);
        }

        await storage.Queues.CreateQueueIfNotExistsAsync(FunctionNames.ShardQueue).ConfigureAwait(false);
        await storage.Queues.CreateQueueIfNotExistsAsync(FunctionNames.PoisonQueue).ConfigureAwait(false);
    }
}
