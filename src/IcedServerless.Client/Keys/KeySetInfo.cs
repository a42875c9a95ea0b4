namespace IcedServerless.Client.Keys;

/// <summary>One file of a key set folder: its name, the SHA-256 (lowercase hex) of its bytes and its length.</summary>
/// <param name="File">The file name inside the folder.</param>
/// <param name="Sha256">SHA-256 of the bytes as stored.</param>
/// <param name="Length">The byte length.</param>
public sealed record KeyFileEntry(string File, string Sha256, long Length);

/// <summary>How the secret key file is sealed: cipher, key derivation and its iteration count.</summary>
/// <param name="Cipher">The cipher, <c>AES-256-GCM</c>.</param>
/// <param name="Kdf">The key derivation, <c>PBKDF2-HMAC-SHA256</c>.</param>
/// <param name="Iterations">PBKDF2 iterations.</param>
public sealed record KeySealing(string Cipher, string Kdf, int Iterations);

/// <summary>
/// The description of a key set folder (<c>keyset.json</c>): readable without the secret key or its passphrase, e.g.
/// for <c>iced keys show</c>. It holds hashes and public parameters only, never key material.
/// </summary>
/// <param name="FormatVersion">The folder format version (<see cref="KeySetDirectory.FormatVersion"/>).</param>
/// <param name="ModelId">The model the keys were made for.</param>
/// <param name="KeySetId">The content address the service registers the evaluation keys under.</param>
/// <param name="ParmsSha256">SHA-256 of the plan's serialized encryption parameters.</param>
/// <param name="EncryptionParameters">The plan's serialized encryption parameters (public).</param>
/// <param name="RotationSteps">The rotation steps the Galois keys cover.</param>
/// <param name="SecretKey">The secret key file.</param>
/// <param name="RelinKeys">The relinearization key file, if the plan needs one.</param>
/// <param name="GaloisKeys">The Galois key file, if the plan rotates.</param>
/// <param name="CreatedOn">When the keys were created.</param>
/// <param name="SecretSealed">Whether the secret key file is sealed with a passphrase.</param>
/// <param name="Sealing">How it is sealed, when it is.</param>
public sealed record KeySetInfo(
    int FormatVersion,
    string ModelId,
    string KeySetId,
    string ParmsSha256,
    byte[] EncryptionParameters,
    IReadOnlyList<int> RotationSteps,
    KeyFileEntry SecretKey,
    KeyFileEntry? RelinKeys,
    KeyFileEntry? GaloisKeys,
    DateTimeOffset CreatedOn,
    bool SecretSealed,
    KeySealing? Sealing);
