using IcedServerless.Imaging;
using IcedServerless.Imaging.Decoders;
using IcedServerless.Imaging.Preprocessing;

namespace IcedServerless.Client.Inputs;

/// <summary>
/// Loads what a user points the client at — a folder of images, one PNG/DICOM/.npy image, a .npy stack (N×H×W
/// uint8) or a MedMNIST .npz — and preprocesses every image with the shared function training used. Formats are
/// recognised by content, not by file name.
/// </summary>
public static class ImageInputs
{
    private const string Accepted = "give a folder of PNG/DICOM/.npy images, one such image, a .npy stack (N×H×W uint8) or a MedMNIST .npz";

    /// <summary>Loads and preprocesses the images at <paramref name="path"/>.</summary>
    /// <param name="path">A folder, an image file, a .npy stack or a .npz archive.</param>
    /// <param name="spec">The model's preprocessing (<see cref="Inference.ModelPlan.Preprocessing"/>).</param>
    /// <param name="split">For a .npz: the split to load (test by default).</param>
    /// <param name="onSkipped">For a folder: receives each file that is not a readable image (they are not fatal).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The images, their names and (for .npz) labels.</returns>
    /// <exception cref="InputException">The path is missing, of an unknown or invalid format, or holds no image.</exception>
    public static async Task<InputSet> LoadAsync(string path, PreprocessingSpec spec, NpzSplit split = NpzSplit.Test,
        Action<SkippedFile>? onSkipped = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        if (Directory.Exists(path))
        {
            return await LoadFolderAsync(path, spec, onSkipped, cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(path))
        {
            throw new InputException(path, $"{path} does not exist; {Accepted}.");
        }

        try
        {
            return await LoadFileAsync(path, spec, split, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageFormatException ex)
        {
            throw new InputException(path, $"{path} cannot be read: {ex.Message} ({Accepted}).", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"{path} cannot be read: {ex.Message}", ex);
        }
    }

    private static async Task<InputSet> LoadFileAsync(string path, PreprocessingSpec spec, NpzSplit split, CancellationToken cancellationToken)
    {
        var header = new byte[ImageLoader.SniffLength];
        int read;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            read = await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        if (NumpyInputs.IsZip(header.AsSpan(0, read)))
        {
            return await NumpyInputs.LoadNpzAsync(path, spec, split, cancellationToken).ConfigureAwait(false);
        }

        switch (ImageLoader.Sniff(header.AsSpan(0, read)))
        {
            case ImageFileKind.Npy when NumpyInputs.ReadStack(path) is { } stack:
                return NumpyInputs.FromStack(path, stack, spec);
            case ImageFileKind.Unknown:
                throw new InputException(path, $"{path} is not a PNG, DICOM, .npy or .npz file; {Accepted}.");
            default:
                var image = await ImageLoader.LoadAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
                return new InputSet([Path.GetFileName(path)], [Preprocess(image, spec)]);
        }
    }

    private static async Task<InputSet> LoadFolderAsync(string path, PreprocessingSpec spec, Action<SkippedFile>? onSkipped, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(path);
        var names = new List<string>();
        var images = new List<double[]>();
        var skipped = 0;
        await foreach (var image in ImageFolder.LoadAsync(root, s => { skipped++; onSkipped?.Invoke(s); }, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            names.Add(Path.GetRelativePath(root, image.Path));
            images.Add(Preprocess(image.Image, spec));
        }

        if (images.Count == 0)
        {
            throw new InputException(path, skipped == 0
                ? $"The folder {path} is empty; put PNG, DICOM or .npy images in it, or give a .npz archive."
                : $"The folder {path} holds no readable PNG, DICOM or .npy image ({skipped} files skipped).");
        }

        return new InputSet(names, images);
    }

    /// <summary>Runs the shared preprocessing on one gray image.</summary>
    internal static double[] Preprocess(GrayImage image, PreprocessingSpec spec)
    {
        var values = new double[spec.InputSize * spec.InputSize];
        image.Preprocess(spec, values);
        return values;
    }
}
