using IcedServerless.Ckks.Serialization;
using IcedServerless.Contracts;
using IcedServerless.Inference;

namespace IcedServerless.Functions.Keys;

/// <summary>Downloads, checks and loads the key files of a key set for its model.</summary>
public sealed class KeySetLoader(KeySetRepository repository)
{
    /// <summary>Loads the keys of a registered key set.</summary>
    /// <param name="keySetId">The key set.</param>
    /// <param name="model">The model the job uses; must be the one the set was registered for.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="KeySetUnavailableException">Not registered for this model, or the files are gone or invalid.</exception>
    public async Task<EvaluationKeys> LoadRegisteredAsync(string keySetId, IEncryptedModel model, CancellationToken cancellationToken)
    {
        var manifest = await repository.GetManifestAsync(keySetId, cancellationToken).ConfigureAwait(false);
        if (manifest is null || manifest.ModelId != model.Plan.ModelId)
        {
            throw new KeySetUnavailableException($"Key set {keySetId} is not registered for model '{model.Plan.ModelId}'.");
        }

        try
        {
            return await LoadAsync(manifest.RelinKeys, manifest.GaloisKeys, model, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or Storage.StorageNotFoundException or SealFormatException or ArgumentException)
        {
            throw new KeySetUnavailableException($"Key set {keySetId} no longer loads: {e.Message}", e);
        }
    }

    /// <summary>Downloads and loads key files for a model.</summary>
    /// <param name="relinKeys">The relinearization key file, if any.</param>
    /// <param name="galoisKeys">The Galois key file, if any.</param>
    /// <param name="model">The model.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="InvalidDataException">A file does not match its hash or length.</exception>
    /// <exception cref="SealFormatException">A file is not a valid SEAL key object for the model's parameters.</exception>
    /// <exception cref="ArgumentException">A key the model needs is missing.</exception>
    public async Task<EvaluationKeys> LoadAsync(
        KeyBlobDescriptor? relinKeys, KeyBlobDescriptor? galoisKeys, IEncryptedModel model, CancellationToken cancellationToken)
    {
        var relin = relinKeys is null ? (ReadOnlyMemory<byte>?)null : await repository.ReadFileAsync(relinKeys, cancellationToken).ConfigureAwait(false);
        var galois = galoisKeys is null ? (ReadOnlyMemory<byte>?)null : await repository.ReadFileAsync(galoisKeys, cancellationToken).ConfigureAwait(false);
        return model.LoadKeys(relin, galois);
    }
}
