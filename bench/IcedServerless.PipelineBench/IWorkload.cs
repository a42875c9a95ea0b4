using IcedServerless.Inference;

namespace IcedServerless.PipelineBench;

/// <summary>What the benchmark scores: the service's model, and the client's keys, inputs and check of results.</summary>
internal interface IWorkload
{
    /// <summary>A one-line description for the report.</summary>
    string Description { get; }

    /// <summary>The model the service scores with.</summary>
    IEncryptedModel Model { get; }

    /// <summary>The client's relinearization keys, if the plan needs them.</summary>
    byte[]? RelinKeys { get; }

    /// <summary>The client's Galois keys, if the plan needs them.</summary>
    byte[]? GaloisKeys { get; }

    /// <summary>Input units.</summary>
    int Units { get; }

    /// <summary>Encrypts one input unit (client side).</summary>
    byte[] EncryptUnit(int unit);

    /// <summary>Decrypts the result units and compares them with the plaintext model.</summary>
    /// <returns>The largest logit error and a summary line.</returns>
    (double MaxError, string Summary) Verify(IReadOnlyList<byte[]> results);
}
