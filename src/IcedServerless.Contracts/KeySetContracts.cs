namespace IcedServerless.Contracts;

/// <summary>One evaluation-key file a client registers: its SHA-256 (lowercase hex) and its length in bytes.</summary>
/// <param name="Sha256">SHA-256 of the exact bytes the client will upload (64 lowercase hex digits).</param>
/// <param name="Length">The byte length.</param>
public sealed record KeyBlobDescriptor(string Sha256, long Length);

/// <summary>
/// The body of <c>POST /api/keysets</c>. The same request is sent twice: first to get upload links for the key files
/// the service does not have yet, then, after uploading, to have them validated and registered.
/// </summary>
/// <param name="ModelId">The model the keys are for.</param>
/// <param name="RelinKeys">The SEAL RelinKeys file, when the model needs relinearization keys.</param>
/// <param name="GaloisKeys">The SEAL GaloisKeys file, when the model needs rotations.</param>
public sealed record RegisterKeySetRequest(string ModelId, KeyBlobDescriptor? RelinKeys, KeyBlobDescriptor? GaloisKeys);

/// <summary>Where a key set stands.</summary>
public enum KeySetState
{
    /// <summary>Some key files are not uploaded yet; <see cref="KeySetResponse.Uploads"/> says where to put them.</summary>
    UploadRequired,

    /// <summary>The keys were validated against the model and can be named in jobs.</summary>
    Registered,
}

/// <summary>A write-only, create-only link for one upload.</summary>
/// <param name="Name">What to upload: <c>relinKeys</c> or <c>galoisKeys</c>.</param>
/// <param name="Url">PUT the bytes here with <c>If-None-Match: *</c> (and <c>x-ms-blob-type: BlockBlob</c> on Azure).</param>
/// <param name="ExpiresOn">When the link stops working.</param>
public sealed record UploadLink(string Name, Uri Url, DateTimeOffset ExpiresOn);

/// <summary>The answer of <c>POST /api/keysets</c>.</summary>
/// <param name="KeySetId">
/// The content address of the key set: SHA-256 (hex) of <c>"iced-keyset-1\n{modelId}\n{relin sha256 or -}\n{galois sha256 or -}"</c>.
/// </param>
/// <param name="ModelId">The model.</param>
/// <param name="State">Whether uploads are still needed.</param>
/// <param name="Uploads">The missing key files and their upload links (empty once registered).</param>
public sealed record KeySetResponse(string KeySetId, string ModelId, KeySetState State, IReadOnlyList<UploadLink> Uploads);
