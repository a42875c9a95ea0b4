using System.Security.Cryptography;
using IcedServerless.Ckks;
using IcedServerless.Contracts;
using IcedServerless.Inference;

namespace IcedServerless.Client.Keys;

/// <summary>
/// A client's keys for one model plan: the secret key (which never leaves this machine), the seeded, serialized
/// relinearization and Galois key files it registers with the service, their SHA-256 and the resulting key set id.
/// Disposing wipes the secret key from memory.
/// </summary>
public sealed class ClientKeySet : IDisposable
{
    private readonly SecretKey _secretKey;

    internal ClientKeySet(string modelId, byte[] encryptionParameters, CkksContext context, SecretKey secretKey,
        byte[]? relinKeys, byte[]? galoisKeys, IReadOnlyList<int> rotationSteps, DateTimeOffset createdOn)
    {
        ModelId = modelId;
        EncryptionParameters = encryptionParameters;
        ParmsSha256 = Sha256Hex(encryptionParameters);
        Context = context;
        _secretKey = secretKey;
        RelinKeys = relinKeys;
        GaloisKeys = galoisKeys;
        RelinSha256 = relinKeys is null ? null : Sha256Hex(relinKeys);
        GaloisSha256 = galoisKeys is null ? null : Sha256Hex(galoisKeys);
        RotationSteps = rotationSteps;
        CreatedOn = createdOn;
        KeySetId = KeySetIds.Compute(modelId, RelinSha256, GaloisSha256);
    }

    /// <summary>The model the keys were made for.</summary>
    public string ModelId { get; }

    /// <summary>The plan's serialized encryption parameters.</summary>
    public byte[] EncryptionParameters { get; }

    /// <summary>SHA-256 (lowercase hex) of <see cref="EncryptionParameters"/>.</summary>
    public string ParmsSha256 { get; }

    /// <summary>The CKKS context of the parameters.</summary>
    public CkksContext Context { get; }

    /// <summary>The seeded SEAL RelinKeys file, when the plan needs relinearization.</summary>
    public byte[]? RelinKeys { get; }

    /// <summary>The seeded SEAL GaloisKeys file, when the plan rotates.</summary>
    public byte[]? GaloisKeys { get; }

    /// <summary>SHA-256 (lowercase hex) of <see cref="RelinKeys"/>.</summary>
    public string? RelinSha256 { get; }

    /// <summary>SHA-256 (lowercase hex) of <see cref="GaloisKeys"/>.</summary>
    public string? GaloisSha256 { get; }

    /// <summary>The rotation steps <see cref="GaloisKeys"/> cover.</summary>
    public IReadOnlyList<int> RotationSteps { get; }

    /// <summary>The content address the service registers these evaluation keys under (<see cref="KeySetIds.Compute"/>).</summary>
    public string KeySetId { get; }

    /// <summary>When the keys were created.</summary>
    public DateTimeOffset CreatedOn { get; }

    /// <summary>The secret key, for this library's encryptor and decoder only.</summary>
    internal SecretKey SecretKey => _secretKey;

    /// <summary>Generates a fresh secret key and the evaluation keys <paramref name="plan"/> asks for.</summary>
    /// <param name="plan">The plan the service publishes for the model.</param>
    /// <returns>The new key set.</returns>
    /// <exception cref="Ckks.Serialization.SealFormatException">The plan's encryption parameters are invalid.</exception>
    public static ClientKeySet Create(ModelPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var parameters = plan.EncryptionParameters.ToArray();
        var context = new CkksContext(Ckks.EncryptionParameters.Load(parameters));
        var generator = new KeyGenerator(context);
        var relin = plan.NeedsRelinKeys ? generator.CreateRelinKeysSerializable().Save() : null;
        var galois = plan.RotationSteps.Count > 0 ? generator.CreateGaloisKeysSerializable(plan.RotationSteps).Save() : null;
        return new ClientKeySet(plan.ModelId, parameters, context, generator.SecretKey, relin, galois,
            plan.RotationSteps.ToArray(), DateTimeOffset.UtcNow);
    }

    /// <summary>The relinearization key file as the service's key set request describes it.</summary>
    public KeyBlobDescriptor? RelinDescriptor => RelinKeys is null ? null : new KeyBlobDescriptor(RelinSha256!, RelinKeys.Length);

    /// <summary>The Galois key file as the service's key set request describes it.</summary>
    public KeyBlobDescriptor? GaloisDescriptor => GaloisKeys is null ? null : new KeyBlobDescriptor(GaloisSha256!, GaloisKeys.Length);

    /// <summary>
    /// Checks that these keys serve <paramref name="plan"/>: same model, same encryption parameters, and every
    /// evaluation key the plan needs.
    /// </summary>
    /// <param name="plan">The plan the service publishes now.</param>
    /// <exception cref="KeySetMismatchException">They do not; the message says what differs.</exception>
    public void EnsureMatches(ModelPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        const string Remedy = "create new keys for it (iced keys create --model {0} --force).";
        string? problem = null;
        if (!string.Equals(plan.ModelId, ModelId, StringComparison.Ordinal))
        {
            problem = $"These keys were made for model {ModelId}, not {plan.ModelId}";
        }
        else if (!string.Equals(Sha256Hex(plan.EncryptionParameters), ParmsSha256, StringComparison.Ordinal))
        {
            problem = $"The service now publishes other encryption parameters for {plan.ModelId} than these keys were made for";
        }
        else if (plan.NeedsRelinKeys && RelinKeys is null)
        {
            problem = $"The plan of {plan.ModelId} now needs relinearization keys, which this key set lacks";
        }
        else if (plan.RotationSteps.Except(GaloisKeys is null ? [] : RotationSteps).ToArray() is { Length: > 0 } missing)
        {
            problem = $"The plan of {plan.ModelId} rotates by steps [{string.Join(", ", missing)}], which this key set's Galois keys lack";
        }

        if (problem is not null)
        {
            throw new KeySetMismatchException(ModelId, plan.ModelId, $"{problem}; {string.Format(System.Globalization.CultureInfo.InvariantCulture, Remedy, plan.ModelId)}");
        }
    }

    /// <summary>Wipes the secret key.</summary>
    public void Dispose() => _secretKey.Dispose();

    /// <summary>Never prints key material.</summary>
    /// <returns>The model and key set id.</returns>
    public override string ToString() => $"ClientKeySet({ModelId}, key set {KeySetId})";

    internal static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
