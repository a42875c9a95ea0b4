using IcedServerless.Inference;

namespace IcedServerless.Functions.Keys;

/// <summary>
/// Loaded key sets, least recently used evicted beyond a fixed count: Galois keys run to tens of megabytes and
/// take a while to load, and consecutive shards of a job need the same set. Concurrent requests for one set share
/// a single load; only successful loads enter the cache, so a failure never evicts a good set.
/// </summary>
public sealed class KeySetCache(KeySetLoader loader, int capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(string Id, EvaluationKeys Keys)> _order = new();
    private readonly Dictionary<string, LinkedListNode<(string Id, EvaluationKeys Keys)>> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<EvaluationKeys>> _loading = new(StringComparer.Ordinal);

    /// <summary>The number of cached sets.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>The keys of a registered key set, loaded once.</summary>
    /// <param name="keySetId">The key set.</param>
    /// <param name="model">The model.</param>
    /// <param name="cancellationToken">Cancels waiting (a shared load goes on for other callers).</param>
    /// <returns>The keys.</returns>
    /// <exception cref="KeySetUnavailableException">The set is not registered for the model or does not load.</exception>
    public async Task<EvaluationKeys> GetAsync(string keySetId, IEncryptedModel model, CancellationToken cancellationToken)
    {
        var key = CacheKey(keySetId, model);
        Task<EvaluationKeys>? load;
        var started = false;
        lock (_gate)
        {
            if (_byId.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                return node.Value.Keys;
            }

            if (!_loading.TryGetValue(key, out load))
            {
                load = loader.LoadRegisteredAsync(keySetId, model, CancellationToken.None);
                _loading[key] = load;
                started = true;
            }
        }

        if (started)
        {
            // Settles the load whoever waits for it (or nobody, if every waiter was cancelled); registered before
            // this caller awaits and run synchronously, so the cache is updated before this caller resumes.
            _ = load.ContinueWith(done => Settle(key, done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return await load.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds keys just loaded during registration, so the first job does not load them again.</summary>
    /// <param name="keySetId">The key set.</param>
    /// <param name="model">The model.</param>
    /// <param name="keys">The keys.</param>
    public void Add(string keySetId, IEncryptedModel model, EvaluationKeys keys)
    {
        lock (_gate)
        {
            Insert(CacheKey(keySetId, model), keys);
        }
    }

    private static string CacheKey(string keySetId, IEncryptedModel model) => $"{model.Plan.ModelId}\n{keySetId}";

    private void Settle(string key, Task<EvaluationKeys> load)
    {
        lock (_gate)
        {
            _loading.Remove(key);
            if (load.IsCompletedSuccessfully)
            {
                Insert(key, load.Result);
            }
        }
    }

    /// <summary>Adds an entry as most recent unless present, evicting the least recent beyond capacity; under the lock.</summary>
    private void Insert(string key, EvaluationKeys keys)
    {
        if (_byId.ContainsKey(key))
        {
            return;
        }

        _byId[key] = _order.AddFirst((key, keys));
        while (_byId.Count > capacity)
        {
            _byId.Remove(_order.Last!.Value.Id);
            _order.RemoveLast();
        }
    }
}
