using IcedServerless.Imaging;
using IcedServerless.Imaging.Numpy;
using IcedServerless.Imaging.Preprocessing;

namespace IcedServerless.Client.Inputs;

/// <summary>NumPy sources: image stacks in a .npy file and MedMNIST .npz archives (with their labels).</summary>
internal static class NumpyInputs
{
    public static bool IsZip(ReadOnlySpan<byte> header) => header.StartsWith("PK\x03\x04"u8);

    /// <summary>
    /// Reads a .npy file and returns it if it is a stack of gray images (N, H, W) — a last axis above 4 tells a stack
    /// from one (H, W, C) color image — or null when it is a single image for the image decoders.
    /// </summary>
    public static NpyArray? ReadStack(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var array = NpyReader.Read(file);
        return array.Shape is [_, _, > 4] || array.Shape.Count > 3 ? array : null;
    }

    public static InputSet FromStack(string path, NpyArray stack, PreprocessingSpec spec)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        return FromImages(path, stack, spec, i => $"{stem}/{i:D5}", "the .npy stack");
    }

    public static async Task<InputSet> LoadNpzAsync(string path, PreprocessingSpec spec, NpzSplit split, CancellationToken cancellationToken)
    {
        using var npz = await NpzArchive.LoadAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        string[] prefixes = split switch
        {
            NpzSplit.All => [.. new[] { "train", "val", "test" }.Where(p => npz.Contains(p + "_images"))],
            NpzSplit.Train => ["train"],
            NpzSplit.Val => ["val"],
            _ => ["test"],
        };
        var missing = prefixes.FirstOrDefault(p => !npz.Contains(p + "_images"));
        if (prefixes.Length == 0 || missing is not null)
        {
            throw new InputException(path, $"{path} has no {(missing is null ? "MedMNIST split" : $"'{missing}_images' array")}; " +
                $"it holds [{string.Join(", ", npz.Keys)}]. Choose another split (--split test|val|train|all) or another file.");
        }

        var names = new List<string>();
        var images = new List<double[]>();
        var labels = new List<int>();
        var labelled = true;
        foreach (var prefix in prefixes)
        {
            var part = FromImages(path, npz.Read(prefix + "_images"), spec, i => $"{prefix}/{i:D5}", $"'{prefix}_images'");
            names.AddRange(part.Names);
            images.AddRange(part.Images);
            var splitLabels = npz.Contains(prefix + "_labels") ? ReadLabels(path, npz.Read(prefix + "_labels"), part.Count) : null;
            labelled &= splitLabels is not null;
            labels.AddRange(splitLabels ?? []);
        }

        return new InputSet(names, images, labelled ? labels : null);
    }

    private static InputSet FromImages(string path, NpyArray array, PreprocessingSpec spec, Func<int, string> name, string what)
    {
        if (array.ElementType != NpyElementType.UInt8 || array.Shape is not [> 0, > 0, > 0])
        {
            throw new InputException(path, $"{what} in {path} must be uint8 images of shape (N, H, W) with N ≥ 1; it is {array.ElementType} " +
                $"({string.Join(", ", array.Shape)}).");
        }

        int count = array.Shape[0], height = array.Shape[1], width = array.Shape[2], pixels = height * width;
        var all = array.AsUInt8();
        var names = new string[count];
        var images = new double[count][];
        for (var i = 0; i < count; i++)
        {
            names[i] = name(i);
            images[i] = new double[spec.InputSize * spec.InputSize];
            ImagePreprocessor.Preprocess(all.Slice(i * pixels, pixels), width, height, PixelFormat.Gray8, spec, images[i]);
        }

        return new InputSet(names, images);
    }

    private static int[]? ReadLabels(string path, NpyArray labels, int count)
    {
        var shapeOk = labels.Shape is [var n] && n == count || labels.Shape is [var m, 1] && m == count;
        if (!shapeOk || labels.ElementType is not (NpyElementType.UInt8 or NpyElementType.Int64))
        {
            throw new InputException(path, $"The labels in {path} must be {count} integers of shape ({count}, 1); they are {labels.ElementType} " +
                $"({string.Join(", ", labels.Shape)}).");
        }

        return [.. labels.ToInt64Array().Select(l => l is >= 0 and <= int.MaxValue ? (int)l : -1)];
    }
}
