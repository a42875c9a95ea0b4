using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace IcedServerless.Client.Keys;

/// <summary>
/// Seals the secret key file with a passphrase: AES-256-GCM under a key derived with PBKDF2-HMAC-SHA256. The file is
/// a 42-byte header (magic <c>ICEDSEAL</c>, version, iterations, 16-byte salt, 12-byte nonce), the ciphertext and
/// the 16-byte tag; the header is authenticated as associated data, so changing the iteration count or salt is
/// detected like any other tampering.
/// </summary>
internal static class SecretKeySeal
{
    /// <summary>PBKDF2 iterations for new files (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).</summary>
    public const int Iterations = 600_000;

    /// <summary>Bytes a sealed file adds to the plain key: header and tag.</summary>
    public const int Overhead = HeaderLength + TagLength;

    /// <summary>The KDF, for the key set description.</summary>
    public const string KdfName = "PBKDF2-HMAC-SHA256";

    /// <summary>The cipher, for the key set description.</summary>
    public const string CipherName = "AES-256-GCM";

    private const int SaltLength = 16;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const ushort Version = 1;
    private const int HeaderLength = 8 + 2 + 4 + SaltLength + NonceLength;

    // Iteration counts read from a file are bounded: too few would weaken the seal, too many would let a planted
    // file stall the client.
    private const int MinIterations = 100_000;
    private const int MaxIterations = 10_000_000;

    private static ReadOnlySpan<byte> Magic => "ICEDSEAL"u8;

    /// <summary>Whether the file content starts like a sealed key.</summary>
    public static bool IsSealed(ReadOnlySpan<byte> file) => file.StartsWith(Magic);

    /// <summary>Encrypts <paramref name="secret"/> under <paramref name="passphrase"/> with a fresh salt and nonce.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> secret, string passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        var file = new byte[HeaderLength + secret.Length + TagLength];
        var header = file.AsSpan(0, HeaderLength);
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(header[10..], Iterations);
        RandomNumberGenerator.Fill(header.Slice(14, SaltLength));
        RandomNumberGenerator.Fill(header.Slice(14 + SaltLength, NonceLength));
        Span<byte> key = stackalloc byte[32];
        try
        {
            DeriveKey(passphrase, header.Slice(14, SaltLength), Iterations, key);
            using var aes = new AesGcm(key, TagLength);
            aes.Encrypt(header.Slice(14 + SaltLength, NonceLength), secret,
                file.AsSpan(HeaderLength, secret.Length), file.AsSpan(HeaderLength + secret.Length), header);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return file;
    }

    /// <summary>Decrypts a sealed file; the caller wipes the returned bytes after use.</summary>
    /// <exception cref="KeyFileException">The header is malformed.</exception>
    /// <exception cref="KeyPassphraseException">No passphrase, a wrong one, or tampered content.</exception>
    public static byte[] Open(ReadOnlySpan<byte> file, string? passphrase, string path)
    {
        if (file.Length < Overhead || !IsSealed(file))
        {
            throw new KeyFileException(path, $"The sealed secret key {path} is truncated or not a sealed key file; restore it from a backup or create new keys.");
        }

        var header = file[..HeaderLength];
        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        var iterations = BinaryPrimitives.ReadInt32LittleEndian(header[10..]);
        if (version != Version || iterations is < MinIterations or > MaxIterations)
        {
            throw new KeyFileException(path, $"The sealed secret key {path} has an unsupported header (version {version}, {iterations} iterations); restore it from a backup or create new keys.");
        }

        if (string.IsNullOrEmpty(passphrase))
        {
            throw new KeyPassphraseException(path, $"The secret key {path} is sealed with a passphrase; provide it (e.g. iced --passphrase-env VAR).");
        }

        var secret = new byte[file.Length - Overhead];
        Span<byte> key = stackalloc byte[32];
        try
        {
            DeriveKey(passphrase, header.Slice(14, SaltLength), iterations, key);
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(header.Slice(14 + SaltLength, NonceLength), file.Slice(HeaderLength, secret.Length), file[^TagLength..], secret, header);
            return secret;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            CryptographicOperations.ZeroMemory(secret);
            throw new KeyPassphraseException(path, $"The passphrase does not open the secret key {path} (wrong passphrase, or the file was altered).", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static void DeriveKey(string passphrase, ReadOnlySpan<byte> salt, int iterations, Span<byte> key)
    {
        var bytes = Encoding.UTF8.GetBytes(passphrase);
        try
        {
            Rfc2898DeriveBytes.Pbkdf2(bytes, salt, key, iterations, HashAlgorithmName.SHA256);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
