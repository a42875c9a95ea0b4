using System.IO.Compression;

namespace IcedServerless.Imaging.Numpy;

/// <summary>
/// A NumPy <c>.npz</c> archive (a ZIP of <c>.npy</c> members, stored or DEFLATE-compressed). Member sizes are
/// checked against <see cref="NumpyLimits"/> from the central directory before anything is decompressed, and
/// every read is bounded, so a ZIP bomb or a forged size is rejected rather than expanded. Not thread-safe.
/// </summary>
public sealed class NpzArchive : IDisposable
{
    private const string MemberSuffix = ".npy";
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _members;
    private readonly NumpyLimits _limits;

    private NpzArchive(ZipArchive zip, Dictionary<string, ZipArchiveEntry> members, NumpyLimits limits)
    {
        _zip = zip;
        _members = members;
        _limits = limits;
    }

    /// <summary>The array names (member names without the <c>.npy</c> suffix), in archive order.</summary>
    public IReadOnlyList<string> Keys { get; private init; } = [];

    /// <summary>Opens an archive held in <paramref name="stream"/>.</summary>
    /// <param name="stream">The archive; a non-seekable stream is first copied into memory (bounded).</param>
    /// <param name="limits">Safety limits; <see cref="NumpyLimits.Default"/> when null.</param>
    /// <param name="leaveOpen">Whether disposing the archive leaves <paramref name="stream"/> open.</param>
    /// <returns>The opened archive.</returns>
    /// <exception cref="ImageFormatException">The archive is corrupt or exceeds a limit.</exception>
    public static NpzArchive Open(Stream stream, NumpyLimits? limits = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= NumpyLimits.Default;
        limits.Validate();
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            CopyBounded(stream, copy, limits.MaxFileBytes);
            copy.Position = 0;
            if (!leaveOpen)
            {
                stream.Dispose();
            }

            stream = copy;
            leaveOpen = false;
        }
        else if (stream.Length - stream.Position > limits.MaxFileBytes)
        {
            throw new ImageFormatException(ImageFormatError.LimitExceeded,
                $"The archive has {stream.Length - stream.Position} bytes, more than the limit of {limits.MaxFileBytes}.");
        }

        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen);
        }
        catch (InvalidDataException ex)
        {
            throw new ImageFormatException(ImageFormatError.CorruptArchive, $"Not a readable .npz (ZIP) archive: {ex.Message}", ex);
        }

        try
        {
            return FromZip(zip, limits);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>Reads the file at <paramref name="path"/> into memory (bounded) and opens it as an archive.</summary>
    /// <param name="path">The <c>.npz</c> file.</param>
    /// <param name="limits">Safety limits; <see cref="NumpyLimits.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the file read.</param>
    /// <returns>The opened archive.</returns>
    /// <exception cref="ImageFormatException">The file is corrupt or exceeds a limit.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<NpzArchive> LoadAsync(string path, NumpyLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        limits ??= NumpyLimits.Default;
        limits.Validate();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        if (file.Length > limits.MaxFileBytes)
        {
            throw new ImageFormatException(ImageFormatError.LimitExceeded,
                $"The file '{path}' has {file.Length} bytes, more than the limit of {limits.MaxFileBytes}.");
        }

        var bytes = new byte[file.Length];
        await file.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return Open(new MemoryStream(bytes, writable: false), limits);
    }

    /// <summary>Whether the archive holds an array named <paramref name="key"/>.</summary>
    /// <param name="key">The array name, without <c>.npy</c>.</param>
    /// <returns>True when present.</returns>
    public bool Contains(string key) => _members.ContainsKey(key);

    /// <summary>Decompresses and parses the array named <paramref name="key"/>.</summary>
    /// <param name="key">The array name, without <c>.npy</c>.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ImageFormatException">The member is missing, corrupt, truncated or too large.</exception>
    public NpyArray Read(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_members.TryGetValue(key, out var entry))
        {
            throw new ImageFormatException(ImageFormatError.MissingEntry,
                $"The archive has no array '{key}'; it holds: {string.Join(", ", Keys)}.");
        }

        try
        {
            using var stream = new Crc32CheckingStream(entry.Open());
            var array = NpyReader.Read(stream, entry.Length, _limits);
            if (stream.Crc32 != entry.Crc32)
            {
                throw new ImageFormatException(ImageFormatError.CorruptArchive,
                    $"The archive member '{entry.FullName}' fails its CRC-32 check (stored {entry.Crc32:x8}, computed {stream.Crc32:x8}).");
            }

            return array;
        }
        catch (InvalidDataException ex)
        {
            throw new ImageFormatException(ImageFormatError.CorruptArchive, $"The archive member '{entry.FullName}' is corrupt: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _zip.Dispose();

    private static NpzArchive FromZip(ZipArchive zip, NumpyLimits limits)
    {
        IReadOnlyCollection<ZipArchiveEntry> entries;
        try
        {
            entries = zip.Entries;
        }
        catch (InvalidDataException ex)
        {
            throw new ImageFormatException(ImageFormatError.CorruptArchive, $"The archive directory is corrupt: {ex.Message}", ex);
        }

        if (entries.Count > limits.MaxEntries)
        {
            throw new ImageFormatException(ImageFormatError.LimitExceeded,
                $"The archive lists {entries.Count} members, more than the limit of {limits.MaxEntries}.");
        }

        // The largest member that can hold an array within the limits: payload, header and a 12-byte preamble.
        long maxMember = limits.MaxArrayBytes + limits.MaxHeaderBytes + 12;
        long total = 0;
        var members = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var entry in entries)
        {
            if (entry.Length > maxMember)
            {
                throw new ImageFormatException(ImageFormatError.LimitExceeded,
                    $"The archive member '{entry.FullName}' declares {entry.Length} bytes, more than the limit of {maxMember}.");
            }

            total += entry.Length;
            if (total > limits.MaxArchiveBytes)
            {
                throw new ImageFormatException(ImageFormatError.LimitExceeded,
                    $"The archive members declare more than the limit of {limits.MaxArchiveBytes} bytes in all.");
            }

            if (!entry.FullName.EndsWith(MemberSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            string key = entry.FullName[..^MemberSuffix.Length];
            if (!members.TryAdd(key, entry))
            {
                throw new ImageFormatException(ImageFormatError.CorruptArchive, $"The archive holds '{entry.FullName}' twice.");
            }

            keys.Add(key);
        }

        return new NpzArchive(zip, members, limits) { Keys = keys };
    }

    private static void CopyBounded(Stream source, Stream destination, long maxBytes)
    {
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            copied += read;
            if (copied > maxBytes)
            {
                throw new ImageFormatException(ImageFormatError.LimitExceeded,
                    $"The archive stream exceeds the limit of {maxBytes} bytes.");
            }

            destination.Write(buffer, 0, read);
        }
    }
}
