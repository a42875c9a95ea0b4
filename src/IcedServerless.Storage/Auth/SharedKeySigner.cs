using System.Security.Cryptography;
using System.Text;

namespace IcedServerless.Storage;

/// <summary>
/// Builds the SharedKey string to sign for the Blob and Queue services (version 2015-02-21 and later) and its
/// HMAC-SHA256 signature. The layout is the verified one: 12 standard header lines (Content-Length empty when
/// 0, Date empty because x-ms-date is sent), the sorted lowercase x-ms-* headers, then "/account" + the escaped
/// path + the sorted, decoded query parameters.
/// </summary>
internal static class SharedKeySigner
{
    private static readonly string[] s_standardHeaders =
        ["If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range"];

    /// <summary>The string to sign for <paramref name="request"/>.</summary>
    public static string StringToSign(HttpRequestMessage request, string accountName)
    {
        var sb = new StringBuilder(256);
        sb.Append(request.Method.Method.ToUpperInvariant()).Append('\n');
        var content = request.Content?.Headers;
        sb.Append(Join(content, "Content-Encoding")).Append('\n');
        sb.Append(Join(content, "Content-Language")).Append('\n');
        var length = content?.ContentLength;
        sb.Append(length is null or 0 ? string.Empty : length.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        sb.Append(Join(content, "Content-MD5")).Append('\n');
        sb.Append(content?.ContentType?.ToString() ?? string.Empty).Append('\n');
        sb.Append('\n'); // Date: x-ms-date is used instead.
        foreach (var name in s_standardHeaders)
        {
            sb.Append(Join(request.Headers, name)).Append('\n');
        }

        AppendCanonicalHeaders(sb, request);
        AppendCanonicalResource(sb, request.RequestUri!, accountName);
        return sb.ToString();
    }

    /// <summary>base64(HMAC-SHA256(key, UTF-8(stringToSign))).</summary>
    public static string Sign(string stringToSign, ReadOnlySpan<byte> key)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign), mac);
        return Convert.ToBase64String(mac);
    }

    private static void AppendCanonicalHeaders(StringBuilder sb, HttpRequestMessage request)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            if (name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
                headers[name.ToLowerInvariant()] = string.Join(',', values).Trim();
            }
        }

        foreach (var (name, value) in headers)
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    private static void AppendCanonicalResource(StringBuilder sb, Uri uri, string accountName)
    {
        sb.Append('/').Append(accountName).Append(uri.AbsolutePath);
        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (!parameters.TryGetValue(name, out var list))
            {
                parameters[name] = list = [];
            }

            list.Add(value);
        }

        foreach (var (name, values) in parameters)
        {
            values.Sort(StringComparer.Ordinal);
            sb.Append('\n').Append(name).Append(':').Append(string.Join(',', values));
        }
    }

    private static string Join(System.Net.Http.Headers.HttpHeaders? headers, string name) =>
        headers is not null && headers.TryGetValues(name, out var values) ? string.Join(',', values) : string.Empty;
}
