using IcedServerless.Ckks.Serialization;
using IcedServerless.Contracts;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Functions.Keys;
using IcedServerless.Inference;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Functions.Api;

/// <summary>
/// <c>POST /api/keysets</c>: registers evaluation keys by content. Key files never pass through the function: the
/// first call answers 202 with create-only upload links for the files the service lacks; the same call after the
/// uploads downloads them, checks hash and length, loads them for the model and answers 200 with the key set id.
/// </summary>
public sealed partial class KeySetsApi(
    IModelCatalog catalog,
    KeySetRepository repository,
    KeySetCache cache,
    PipelineOptions options,
    TimeProvider time,
    ILogger<KeySetsApi> logger)
{
    /// <summary>Registers (or asks for the uploads of) a key set.</summary>
    /// <param name="request">The HTTP request with a <see cref="RegisterKeySetRequest"/> body.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>200 registered, or 202 with upload links.</returns>
    /// <exception cref="ApiException">Unknown model (404), malformed descriptors (400/413), invalid keys (400).</exception>
    public async Task<ApiResult> RegisterAsync(HttpTriggerRequest request, CancellationToken cancellationToken)
    {
        var body = ApiRequests.ReadBody<RegisterKeySetRequest>(request);
        var model = ApiRequests.Model(catalog, body.ModelId);
        var files = Files(body, model);
        var keySetId = KeySetManifest.ComputeId(model.Plan.ModelId, body.RelinKeys, body.GaloisKeys);
        if (await repository.GetManifestAsync(keySetId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return Registered(keySetId, model);
        }

        var expiresOn = time.GetUtcNow() + options.UploadLinkLifetime;
        var uploads = new List<UploadLink>();
        foreach (var (name, file) in files)
        {
            var stored = await repository.GetFileLengthAsync(file.Sha256, cancellationToken).ConfigureAwait(false);
            if (stored != file.Length)
            {
                if (stored is not null)
                {
                    // Bytes under this hash with another length cannot be the declared file: make room for it.
                    await repository.DeleteFileAsync(file.Sha256, cancellationToken).ConfigureAwait(false);
                }

                uploads.Add(new UploadLink(name, await repository.UploadLinkAsync(file.Sha256, expiresOn, cancellationToken).ConfigureAwait(false), expiresOn));
            }
        }

        if (uploads.Count > 0)
        {
            return new ApiResult(202, new KeySetResponse(keySetId, model.Plan.ModelId, KeySetState.UploadRequired, uploads));
        }

        var keys = await LoadAsync(files, model, cancellationToken).ConfigureAwait(false);
        await repository.SaveManifestAsync(
            new KeySetManifest(keySetId, model.Plan.ModelId, body.RelinKeys, body.GaloisKeys, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        cache.Add(keySetId, model, keys);
        LogRegistered(keySetId, model.Plan.ModelId);
        return Registered(keySetId, model);
    }

    private static ApiResult Registered(string keySetId, IEncryptedModel model) =>
        new(200, new KeySetResponse(keySetId, model.Plan.ModelId, KeySetState.Registered, []));

    /// <summary>The key files the request declares, checked against what the model needs.</summary>
    private static List<(string Name, KeyBlobDescriptor File)> Files(RegisterKeySetRequest body, IEncryptedModel model)
    {
        var plan = model.Plan;
        var files = new List<(string, KeyBlobDescriptor)>();
        Check("relinKeys", body.RelinKeys, plan.NeedsRelinKeys, KeyLimits.MaxRelinBytes(model));
        Check("galoisKeys", body.GaloisKeys, plan.RotationSteps.Count > 0, KeyLimits.MaxGaloisBytes(model));
        return files;

        void Check(string name, KeyBlobDescriptor? file, bool needed, long maxBytes)
        {
            if (file is null)
            {
                if (needed)
                {
                    throw ApiException.BadRequest($"Model '{plan.ModelId}' needs {name}; declare its sha256 and length.");
                }

                return;
            }

            if (!needed)
            {
                throw ApiException.BadRequest($"Model '{plan.ModelId}' does not use {name}; leave it out.");
            }

            if (!KeySetManifest.IsDigest(file.Sha256))
            {
                throw ApiException.BadRequest($"{name}.sha256 must be 64 lowercase hex digits.");
            }

            if (file.Length < 1 || file.Length > maxBytes)
            {
                throw new ApiException(413, ApiErrorCodes.InvalidKeys, $"{name} declares {file.Length} bytes; for this model it has 1 to {maxBytes}.");
            }

            files.Add((name, file));
        }
    }

    private async Task<EvaluationKeys> LoadAsync(
        List<(string Name, KeyBlobDescriptor File)> files, IEncryptedModel model, CancellationToken cancellationToken)
    {
        var bytes = new Dictionary<string, byte[]>();
        foreach (var (name, file) in files)
        {
            try
            {
                bytes[name] = await repository.ReadFileAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                await repository.DeleteFileAsync(file.Sha256, cancellationToken).ConfigureAwait(false);
                throw new ApiException(400, ApiErrorCodes.InvalidKeys, $"{name}: {e.Message} It was deleted; upload it again.");
            }
        }

        try
        {
            return model.LoadKeys(
                bytes.TryGetValue("relinKeys", out var relin) ? relin : null,
                bytes.TryGetValue("galoisKeys", out var galois) ? galois : null);
        }
        catch (Exception e) when (e is SealFormatException or ArgumentException)
        {
            throw new ApiException(400, ApiErrorCodes.InvalidKeys, $"The keys do not load for model '{model.Plan.ModelId}': {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered key set {KeySetId} for model {ModelId}")]
    private partial void LogRegistered(string keySetId, string modelId);
}
