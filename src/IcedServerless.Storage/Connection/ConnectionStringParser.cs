namespace IcedServerless.Storage;

/// <summary>Splits and interprets connection-string settings; messages name settings, never their secret values.</summary>
internal static class ConnectionStringParser
{
    private static readonly HashSet<string> s_known = new(StringComparer.OrdinalIgnoreCase)
    {
        "UseDevelopmentStorage", "DefaultEndpointsProtocol", "AccountName", "AccountKey", "SharedAccessSignature",
        "EndpointSuffix", "BlobEndpoint", "QueueEndpoint", "TableEndpoint", "FileEndpoint",
    };

    /// <summary>Splits <c>k=v;k=v</c> (values may contain '='); rejects unknown, duplicate or empty settings.</summary>
    public static Dictionary<string, string> Split(string connectionString)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in connectionString.Split(';'))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == part.Length - 1)
            {
                var name = eq <= 0 ? "(empty)" : part[..eq];
                throw new FormatException($"Connection string setting '{(eq < 0 ? "(no '=')" : name)}' is not of the form Name=Value.");
            }

            var key = part[..eq].Trim();
            if (!s_known.Contains(key))
            {
                throw new FormatException($"Unknown connection string setting '{key}'.");
            }

            if (!result.TryAdd(key, part[(eq + 1)..].Trim()))
            {
                throw new FormatException($"Connection string setting '{key}' appears twice.");
            }
        }

        if (result.Count == 0)
        {
            throw new FormatException("The connection string is empty.");
        }

        return result;
    }

    /// <summary>An explicit endpoint setting, or the one derived from account, protocol and suffix.</summary>
    public static Uri? Endpoint(Dictionary<string, string> parts, string setting, string protocol, string? account, string service, string suffix)
    {
        if (parts.TryGetValue(setting, out var explicitValue))
        {
            if (!Uri.TryCreate(explicitValue, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || !string.IsNullOrEmpty(uri.Query))
            {
                throw new FormatException($"{setting} must be an absolute http(s) URI without a query.");
            }

            return uri;
        }

        if (account is null)
        {
            return null;
        }

        if (!Uri.TryCreate($"{protocol}://{account}.{service}.{suffix}", UriKind.Absolute, out var derived))
        {
            throw new FormatException($"AccountName and EndpointSuffix do not form a valid {service} endpoint host.");
        }

        return derived;
    }

    /// <summary>Decodes the base64 account key.</summary>
    public static byte[] DecodeKey(string key)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(key);
        }
        catch (FormatException e)
        {
            throw new FormatException("AccountKey is not valid base64.", e);
        }

        return bytes.Length > 0 ? bytes : throw new FormatException("AccountKey is empty.");
    }
}
