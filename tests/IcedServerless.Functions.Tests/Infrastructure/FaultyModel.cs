using IcedServerless.Ckks;
using IcedServerless.Inference;

namespace IcedServerless.Functions.Tests.Infrastructure;

/// <summary>
/// Fault injection around the real model: it can hold a chosen evaluation until released (to stop a worker in the
/// middle of a shard), or fail every evaluation with an unexpected exception (to drive a message to the poison
/// queue). All other calls go to the real model.
/// </summary>
internal sealed class FaultyModel(IEncryptedModel inner) : IEncryptedModel
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _release = new(false);
    private int _evaluations;

    /// <summary>The 1-based evaluation to hold until <see cref="Release"/>; 0 for none.</summary>
    public int HoldEvaluation { get; init; }

    /// <summary>Throw <see cref="InvalidOperationException"/> from every evaluation.</summary>
    public bool AlwaysFail { get; init; }

    /// <summary>Completes when the held evaluation has started.</summary>
    public Task Held => _held.Task;

    public int Evaluations => Volatile.Read(ref _evaluations);

    public ModelPlan Plan => inner.Plan;

    public CkksContext Context => inner.Context;

    public void Release() => _release.Set();

    public EvaluationKeys LoadKeys(ReadOnlyMemory<byte>? relinKeys, ReadOnlyMemory<byte>? galoisKeys) => inner.LoadKeys(relinKeys, galoisKeys);

    public IReadOnlyList<Ciphertext> Evaluate(IReadOnlyList<Ciphertext> unit, EvaluationKeys keys, CancellationToken cancellationToken = default)
    {
        var count = Interlocked.Increment(ref _evaluations);
        if (AlwaysFail)
        {
            throw new InvalidOperationException("Injected fault: the evaluation crashed.");
        }

        if (count == HoldEvaluation)
        {
            _held.TrySetResult();
            _release.Wait(cancellationToken);
        }

        return inner.Evaluate(unit, keys, cancellationToken);
    }
}
