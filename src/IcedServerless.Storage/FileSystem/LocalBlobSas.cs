using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IcedServerless.Storage.FileSystem;

/// <summary>
/// Signed blob links for the embedded store, checked by the local HTTP endpoint that serves <c>PUT</c> and
/// <c>GET</c> of blobs. Format: <c>{BaseUri}{container}/{escaped blob}?sv=iced-local-1&amp;sp=cw&amp;se=2026-01-01T00:00:00Z&amp;sig=…</c>,
/// where <c>sig</c> is base64url(HMAC-SHA256(key, "iced-local-1\n{sp}\n{se}\n/{container}/{blob}")). Permission
/// letters mean what they mean in Azure SAS: r read, c create (no overwrite), w write.
/// </summary>
public sealed class LocalBlobSas
{
    /// <summary>The token format version, signed in and checked.</summary>
    public const string Version = "iced-local-1";

    /// <summary>The key length in bytes.</summary>
    public const int KeyLength = 32;

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <summary>Creates a signer/validator.</summary>
    /// <param name="key">The HMAC key, exactly <see cref="KeyLength"/> bytes.</param>
    /// <param name="baseUri">The URI the blob endpoint is served under; a trailing '/' is added if missing.</param>
    /// <param name="timeProvider">The clock for expiry checks; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The key has the wrong length, or the base URI is not absolute or has a query.</exception>
    public LocalBlobSas(ReadOnlySpan<byte> key, Uri baseUri, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"The SAS key must have {KeyLength} bytes; got {key.Length}.", nameof(key));
        }

        if (!baseUri.IsAbsoluteUri || !string.IsNullOrEmpty(baseUri.Query))
        {
            throw new ArgumentException("The SAS base URI must be absolute and have no query.", nameof(baseUri));
        }

        _key = key.ToArray();
        BaseUri = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The URI blobs are served under, ending in '/'.</summary>
    public Uri BaseUri { get; }

    /// <summary>
    /// Loads the store's key from <c>&lt;root&gt;/sas.key</c>, creating it (32 random bytes, written atomically) on
    /// first use, so every process that opens the same root signs and validates with the same key.
    /// </summary>
    /// <param name="rootPath">The store root.</param>
    /// <param name="baseUri">The URI the blob endpoint is served under.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <returns>The signer/validator.</returns>
    /// <exception cref="InvalidDataException">The key file exists but is not a key.</exception>
    public static LocalBlobSas ForStoreRoot(string rootPath, Uri baseUri, TimeProvider? timeProvider = null)
    {
        Directory.CreateDirectory(rootPath);
        var path = Path.Combine(rootPath, "sas.key");
        if (!File.Exists(path))
        {
            // Losing the race to another process is fine: its key wins and is read below.
            AtomicFile.Write(path, RandomNumberGenerator.GetBytes(KeyLength), overwrite: false);
        }

        var key = File.ReadAllBytes(path);
        return key.Length == KeyLength
            ? new LocalBlobSas(key, baseUri, timeProvider)
            : throw new InvalidDataException($"'{path}' holds {key.Length} bytes, not a {KeyLength}-byte SAS key.");
    }

    /// <summary>Creates a link granting <paramref name="permissions"/> on one blob until <paramref name="expiresOn"/>.</summary>
    /// <param name="container">Container name.</param>
    /// <param name="blobName">Blob name.</param>
    /// <param name="permissions">Read alone, or Create and/or Write.</param>
    /// <param name="expiresOn">When the link stops working (second precision).</param>
    /// <returns>The link.</returns>
    /// <exception cref="ArgumentException">Invalid names or permissions.</exception>
    public Uri CreateUri(string container, string blobName, BlobSasPermissions permissions, DateTimeOffset expiresOn)
    {
        StorageValidation.ResourceName(container, "container", nameof(container));
        StorageValidation.BlobName(blobName, nameof(blobName));
        StorageValidation.SasPermissions(permissions, nameof(permissions));
        var sp = StorageValidation.SasPermissionLetters(permissions);
        var se = expiresOn.UtcDateTime.ToString(StorageProtocol.SasTimeFormat, CultureInfo.InvariantCulture);
        var path = string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));
        return new Uri(
            $"{BaseUri}{container}/{path}?sv={Version}&sp={sp}&se={Uri.EscapeDataString(se)}&sig={Signature(sp, se, container, blobName)}");
    }

    /// <summary>
    /// Checks a request against its link: the path must lie under <see cref="BaseUri"/> (host and port are not
    /// compared, so 127.0.0.1 and localhost both work), the signature must match, the link must not have
    /// expired, and it must grant the method: <c>GET</c>/<c>HEAD</c> need r; a create-only <c>PUT</c> needs c or w;
    /// an overwriting <c>PUT</c> needs w.
    /// </summary>
    /// <param name="requestUri">The request's full URI, with the query.</param>
    /// <param name="httpMethod">The request method.</param>
    /// <param name="createOnly">For PUT: whether the write must not overwrite (<c>If-None-Match: *</c>).</param>
    /// <returns>The blob and what the link grants.</returns>
    /// <exception cref="SasAuthorizationException">Any check fails (maps to 403); the message says which.</exception>
    public LocalSasGrant Validate(Uri requestUri, string httpMethod, bool createOnly = false)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        ArgumentNullException.ThrowIfNull(httpMethod);
        var (container, blobName) = ParsePath(requestUri);
        var query = ParseQuery(requestUri.Query);
        string Field(string name) => query.TryGetValue(name, out var v)
            ? v : throw Denied($"The link has no '{name}' parameter.");

        if (Field("sv") != Version)
        {
            throw Denied("The link's version is not supported.");
        }

        var sp = Field("sp");
        var se = Field("se");
        var expected = Encoding.ASCII.GetBytes(Signature(sp, se, container, blobName));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(Field("sig"))))
        {
            throw Denied("The link's signature does not match its content.");
        }

        if (!DateTimeOffset.TryParseExact(se, StorageProtocol.SasTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiresOn))
        {
            throw Denied("The link's expiry is not a UTC time.");
        }

        if (_time.GetUtcNow() >= expiresOn)
        {
            throw Denied($"The link expired at {se}.");
        }

        var granted = ParsePermissions(sp);
        var allowed = httpMethod.ToUpperInvariant() switch
        {
            "GET" or "HEAD" => granted.HasFlag(BlobSasPermissions.Read),
            "PUT" => granted.HasFlag(BlobSasPermissions.Write) || (createOnly && granted.HasFlag(BlobSasPermissions.Create)),
            _ => false,
        };
        if (!allowed)
        {
            throw new SasAuthorizationException(
                StorageErrorCodes.AuthorizationPermissionMismatch,
                $"The link grants '{sp}', which does not allow {httpMethod}{(createOnly ? " (create-only)" : string.Empty)} of '{container}/{blobName}'.");
        }

        return new LocalSasGrant(container, blobName, granted, expiresOn);
    }

    private string Signature(string sp, string se, string container, string blobName) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{Version}\n{sp}\n{se}\n/{container}/{blobName}")));

    private (string Container, string BlobName) ParsePath(Uri requestUri)
    {
        var basePath = BaseUri.AbsolutePath;
        var path = requestUri.IsAbsoluteUri ? requestUri.AbsolutePath : string.Empty;
        var slash = path.StartsWith(basePath, StringComparison.Ordinal) ? path.IndexOf('/', basePath.Length) : -1;
        if (slash < 0 || slash == path.Length - 1)
        {
            throw Denied($"The path is not a blob under '{basePath}'.");
        }

        var container = path[basePath.Length..slash];
        var blobName = Uri.UnescapeDataString(path[(slash + 1)..]);
        try
        {
            StorageValidation.ResourceName(container, "container", nameof(requestUri));
            StorageValidation.BlobName(blobName, nameof(requestUri));
        }
        catch (ArgumentException e)
        {
            throw Denied(e.Message);
        }

        return (container, blobName);
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            if (!result.TryAdd(name, eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..])))
            {
                throw Denied($"The link repeats the '{name}' parameter.");
            }
        }

        return result;
    }

    private static BlobSasPermissions ParsePermissions(string sp)
    {
        var result = BlobSasPermissions.None;
        foreach (var c in sp)
        {
            result |= c switch
            {
                'r' => BlobSasPermissions.Read,
                'c' => BlobSasPermissions.Create,
                'w' => BlobSasPermissions.Write,
                _ => throw Denied($"The link has an unknown permission '{c}'."),
            };
        }

        return result;
    }

    private static SasAuthorizationException Denied(string reason) => new(StorageErrorCodes.AuthorizationFailure, reason);
}
