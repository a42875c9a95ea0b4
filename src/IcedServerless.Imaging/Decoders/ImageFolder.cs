using System.Runtime.CompilerServices;

namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// Lists and loads the images of a folder (not its subfolders). Files are recognised by content, so names and
/// extensions do not matter; anything else is reported with a reason instead of failing the whole folder.
/// </summary>
public static class ImageFolder
{
    /// <summary>Lists the supported images of <paramref name="directory"/> by reading the first bytes of each file.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="limits">Safety limits (files above <see cref="DecoderLimits.MaxFileBytes"/> are skipped).</param>
    /// <returns>The supported files and the skipped ones.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static ImageFolderScan Scan(string directory, DecoderLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        limits ??= DecoderLimits.Default;
        limits.Validate();
        var images = new List<ImageFolderEntry>();
        var skipped = new List<SkippedFile>();
        var header = new byte[ImageLoader.SniffLength];
        foreach (string path in Directory.GetFiles(Path.GetFullPath(directory)).Order(StringComparer.Ordinal))
        {
            try
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                if (file.Length > limits.MaxFileBytes)
                {
                    skipped.Add(new SkippedFile(path, $"It has {file.Length} bytes, more than the limit of {limits.MaxFileBytes}."));
                    continue;
                }

                int n = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
                var kind = ImageLoader.Sniff(header.AsSpan(0, n));
                if (kind == ImageFileKind.Unknown)
                {
                    skipped.Add(new SkippedFile(path, "Its content is not a PNG, DICOM or .npy file."));
                }
                else
                {
                    images.Add(new ImageFolderEntry(path, kind));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                skipped.Add(new SkippedFile(path, $"It cannot be read: {ex.Message}"));
            }
        }

        return new ImageFolderScan(images, skipped);
    }

    /// <summary>
    /// Loads every supported image of <paramref name="directory"/> one at a time, so only one decoded image is held at
    /// once. Files that are not images, or that fail to decode, are passed to <paramref name="onSkipped"/> with the
    /// reason rather than ending the enumeration.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="onSkipped">Receives each skipped file (unsupported, unreadable or invalid), in path order.</param>
    /// <param name="limits">Safety limits; <see cref="DecoderLimits.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the enumeration between and during file reads.</param>
    /// <returns>The loaded images, in path order.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static async IAsyncEnumerable<FolderImage> LoadAsync(string directory, Action<SkippedFile> onSkipped,
        DecoderLimits? limits = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onSkipped);
        limits ??= DecoderLimits.Default;
        var scan = Scan(directory, limits);
        var skipped = new Queue<SkippedFile>(scan.Skipped);
        foreach (var entry in scan.Images)
        {
            // Skipped files are reported interleaved in path order with the images.
            while (skipped.TryPeek(out var s) && StringComparer.Ordinal.Compare(s.Path, entry.Path) < 0)
            {
                onSkipped(skipped.Dequeue());
            }

            cancellationToken.ThrowIfCancellationRequested();
            GrayImage image;
            try
            {
                image = await ImageLoader.LoadAsync(entry.Path, limits, cancellationToken).ConfigureAwait(false);
            }
            catch (ImageFormatException ex)
            {
                onSkipped(new SkippedFile(entry.Path, $"It is not a valid {entry.Kind} image: {ex.Message}"));
                continue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                onSkipped(new SkippedFile(entry.Path, $"It cannot be read: {ex.Message}"));
                continue;
            }

            yield return new FolderImage(entry.Path, entry.Kind, image);
        }

        while (skipped.TryDequeue(out var s))
        {
            onSkipped(s);
        }
    }
}
