using IcedServerless.Inference;

namespace IcedServerless.Functions.Keys;

/// <summary>
/// Loaded key sets, least recently used evicted beyond a fixed count: Galois keys run to tens of megabytes and
/// take a while to load, and consecutive shards of a job need the same set. Concurrent requests for one set share
/// a single load; a failed load is not cached.
/// </summary>
public sealed class KeySetCache(KeySetLoader loader, int capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(string Id, Task<EvaluationKeys> Keys)> _order = new();
    private readonly Dictionary<string, LinkedListNode<(string Id, Task<EvaluationKeys> Keys)>> _byId = new(StringComparer.Ordinal);

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
        Task<EvaluationKeys> load;
        lock (_gate)
        {
            if (_byId.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                load = node.Value.Keys;
            }
            else
            {
                load = loader.LoadRegisteredAsync(keySetId, model, CancellationToken.None);
                Insert(key, load);
            }
        }

        try
        {
            return await load.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (load.IsFaulted)
        {
            Forget(key, load);
            throw;
        }
    }

    /// <summary>Adds keys just loaded during registration, so the first job does not load them again.</summary>
    /// <param name="keySetId">The key set.</param>
    /// <param name="model">The model.</param>
    /// <param name="keys">The keys.</param>
    public void Add(string keySetId, IEncryptedModel model, EvaluationKeys keys)
    {
        var key = CacheKey(keySetId, model);
        lock (_gate)
        {
            if (!_byId.ContainsKey(key))
            {
                Insert(key, Task.FromResult(keys));
            }
        }
    }

    /// <summary>Adds an entry as most recent and evicts the least recent beyond capacity; called under the lock.</summary>
    private void Insert(string key, Task<EvaluationKeys> keys)
    {
        _byId[key] = _order.AddFirst((key, keys));
        while (_byId.Count > capacity)
        {
            _byId.Remove(_order.Last!.Value.Id);
            _order.RemoveLast();
        }
    }

    private static string CacheKey(string keySetId, IEncryptedModel model) => $"{model.Plan.ModelId}\n{keySetId}";

    private void Forget(string key, Task<EvaluationKeys> load)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(key, out var node) && node.Value.Keys == load)
            {
                _byId.Remove(key);
                _order.Remove(node);
            }
        }
    }
}
