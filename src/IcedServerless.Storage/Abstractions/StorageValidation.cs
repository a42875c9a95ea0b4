namespace IcedServerless.Storage;

/// <summary>
/// Client-side checks both implementations run before any I/O, so a name or value that Azure would refuse is
/// refused locally too, and so that names are safe to turn into file paths.
/// </summary>
internal static class StorageValidation
{
    /// <summary>The longest blob name Azure accepts.</summary>
    public const int MaxBlobNameLength = 1024;

    /// <summary>Azure's limit on the total size of a blob's metadata names and values.</summary>
    public const int MaxMetadataBytes = 8 * 1024;

    /// <summary>Checks an Azure container or queue name: 3–63 of [a-z0-9-], alphanumeric at both ends, no "--".</summary>
    public static void ResourceName(string name, string kind, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        var ok = name.Length is >= 3 and <= 63 && IsLowerAlnum(name[0]) && IsLowerAlnum(name[^1]) && !name.Contains("--", StringComparison.Ordinal);
        foreach (var c in name)
        {
            ok &= IsLowerAlnum(c) || c == '-';
        }

        if (!ok)
        {
            throw new ArgumentException(
                $"Invalid {kind} name '{name}': use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                paramName);
        }
    }

    /// <summary>Checks a blob name: 1–1024 characters, no control characters, no "." or ".." segments.</summary>
    public static void BlobName(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (name.Length is 0 or > MaxBlobNameLength)
        {
            throw new ArgumentException($"Blob names must have 1-{MaxBlobNameLength} characters; got {name.Length}.", paramName);
        }

        // URIs collapse dot segments, so "a/../b" would silently address "b".
        foreach (var segment in name.Split('/'))
        {
            if (segment is "." or "..")
            {
                throw new ArgumentException($"Blob name '{name}' has a '.' or '..' segment, which URIs would collapse.", paramName);
            }
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException("Blob names must not contain control characters.", paramName);
            }
        }
    }

    /// <summary>Checks metadata: C# identifier names, printable-ASCII values without outer spaces, 8 KiB in total.</summary>
    public static void Metadata(IReadOnlyDictionary<string, string>? metadata, string paramName)
    {
        if (metadata is null)
        {
            return;
        }

        var total = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in metadata)
        {
            if (!IsIdentifier(key))
            {
                throw new ArgumentException($"Metadata name '{key}' is not a C# identifier (letters, digits, '_', not starting with a digit).", paramName);
            }

            if (!seen.Add(key))
            {
                throw new ArgumentException($"Metadata name '{key}' appears twice (names are case-insensitive).", paramName);
            }

            ArgumentNullException.ThrowIfNull(value, paramName);
            foreach (var c in value)
            {
                if (c is < ' ' or > '~')
                {
                    throw new ArgumentException($"Metadata value of '{key}' must be printable ASCII.", paramName);
                }
            }

            if (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
            {
                throw new ArgumentException($"Metadata value of '{key}' must not start or end with a space (HTTP trims it).", paramName);
            }

            total += key.Length + value.Length;
        }

        if (total > MaxMetadataBytes)
        {
            throw new ArgumentException($"Metadata has {total} bytes; the limit is {MaxMetadataBytes}.", paramName);
        }
    }

    /// <summary>Checks upload options: metadata, and a content type that HTTP can carry.</summary>
    public static void UploadOptions(BlobUploadOptions options, string paramName)
    {
        Metadata(options.Metadata, paramName);
        if (options.ContentType is { } type && !System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(type, out _))
        {
            throw new ArgumentException($"Content type '{type}' is not a valid media type.", paramName);
        }
    }

    /// <summary>Checks that a SAS grant is Read alone or a non-empty subset of Create|Write.</summary>
    public static void SasPermissions(BlobSasPermissions permissions, string paramName)
    {
        var valid = permissions == BlobSasPermissions.Read
            || (permissions != BlobSasPermissions.None && (permissions & ~(BlobSasPermissions.Create | BlobSasPermissions.Write)) == 0);
        if (!valid)
        {
            throw new ArgumentException(
                $"SAS permissions '{permissions}' are not allowed: grant Read alone, or Create and/or Write (never Read with a write right).",
                paramName);
        }
    }

    /// <summary>The SAS letters for a grant, in the order the service requires (r, c, w).</summary>
    public static string SasPermissionLetters(BlobSasPermissions permissions) =>
        (permissions.HasFlag(BlobSasPermissions.Read) ? "r" : string.Empty)
        + (permissions.HasFlag(BlobSasPermissions.Create) ? "c" : string.Empty)
        + (permissions.HasFlag(BlobSasPermissions.Write) ? "w" : string.Empty);

    /// <summary>Checks a message body's size.</summary>
    public static void MessageBody(ReadOnlyMemory<byte> body, string paramName)
    {
        if (body.Length > QueueLimits.MaxMessageBytes)
        {
            throw new ArgumentException(
                $"Queue message bodies are limited to {QueueLimits.MaxMessageBytes} bytes (64 KiB as base64); got {body.Length}. Store the payload in a blob and enqueue its name.",
                paramName);
        }
    }

    /// <summary>Checks a receive/peek count.</summary>
    public static void MessageCount(int maxMessages, string paramName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1, paramName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, QueueLimits.MaxMessagesPerCall, paramName);
    }

    /// <summary>Converts a visibility span to the whole seconds the service uses (rounded up), within [min, 7 days].</summary>
    public static int VisibilitySeconds(TimeSpan value, int minSeconds, string paramName)
    {
        var seconds = Math.Ceiling(value.TotalSeconds);
        if (seconds < minSeconds || value > QueueLimits.MaxVisibility)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Must be between {minSeconds} s and 7 days.");
        }

        return (int)seconds;
    }

    /// <summary>Converts a time to live to whole seconds; -1 means "never expires".</summary>
    public static long TimeToLiveSeconds(TimeSpan? value, string paramName)
    {
        if (value is null)
        {
            return (long)QueueLimits.DefaultTimeToLive.TotalSeconds;
        }

        if (value.Value == Timeout.InfiniteTimeSpan)
        {
            return -1;
        }

        var seconds = (long)Math.Ceiling(value.Value.TotalSeconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1, paramName);
        return seconds;
    }

    private static bool IsLowerAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static bool IsIdentifier(string name)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
