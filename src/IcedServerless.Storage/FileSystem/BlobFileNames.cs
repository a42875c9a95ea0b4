using System.Text;

namespace IcedServerless.Storage.FileSystem;

/// <summary>
/// Maps blob names to flat file names: RFC 3986 unreserved characters stay, every other UTF-8 byte (including
/// '/' and a leading '.') becomes %XX. The mapping is reversible, cannot escape the container directory, and
/// never produces a name starting with '.', which keeps ".lock" and ".tmp-*" apart from blobs.
/// </summary>
internal static class BlobFileNames
{
    /// <summary>Metadata sidecars end with this; they are the commit records.</summary>
    public const string MetaSuffix = ".meta";

    // 255 is the usual file-name limit; leave room for ".<32 hex>.data".
    private const int MaxEncodedLength = 200;

    /// <summary>Encodes a (validated) blob name.</summary>
    /// <exception cref="ArgumentException">The encoded name would be too long for a file name.</exception>
    public static string Encode(string blobName)
    {
        var sb = new StringBuilder(blobName.Length);
        var bytes = Encoding.UTF8.GetBytes(blobName);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var keep = char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'~' || (b == (byte)'.' && i > 0);
            if (keep)
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (sb.Length > MaxEncodedLength)
        {
            throw new ArgumentException(
                $"Blob name is too long for the file-system store ({sb.Length} encoded characters; the limit is {MaxEncodedLength}).",
                nameof(blobName));
        }

        return sb.ToString();
    }

    /// <summary>Decodes a file name produced by <see cref="Encode"/>.</summary>
    public static string Decode(string encoded) => Uri.UnescapeDataString(encoded);

    /// <summary>The data file of one blob version.</summary>
    public static string DataFile(string encoded, string version) => $"{encoded}.{version}.data";
}
