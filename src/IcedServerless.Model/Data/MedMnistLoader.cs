using System.Security.Cryptography;
using IcedServerless.Imaging;
using IcedServerless.Imaging.Numpy;

namespace IcedServerless.Model.Data;

/// <summary>
/// Loads an archive in MedMNIST's layout: <c>{train,val,test}_images</c> of shape <c>[n, H, W]</c> (uint8, H = W)
/// and <c>{train,val,test}_labels</c> of shape <c>[n, 1]</c> or <c>[n]</c>.
/// </summary>
public static class MedMnistLoader
{
    /// <summary>The archive key prefix of a split.</summary>
    /// <param name="split">The split.</param>
    /// <returns><c>train</c>, <c>val</c> or <c>test</c>.</returns>
    public static string KeyPrefix(DatasetSplit split) => split switch
    {
        DatasetSplit.Train => "train",
        DatasetSplit.Validation => "val",
        DatasetSplit.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split)),
    };

    /// <summary>Reads all three splits from the archive at <paramref name="path"/>.</summary>
    /// <param name="path">The <c>.npz</c> file.</param>
    /// <param name="classCount">The number of classes; labels must lie below it.</param>
    /// <param name="cancellationToken">Cancels the file read.</param>
    /// <returns>The splits and the file's SHA-256.</returns>
    /// <exception cref="ImageFormatException">The archive or an array is malformed or has the wrong shape.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<SplitDatasets> LoadAsync(string path, int classCount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long length = new FileInfo(path).Length;
        if (length > NumpyLimits.Default.MaxFileBytes)
        {
            throw new ImageFormatException(ImageFormatError.LimitExceeded,
                $"The file '{path}' has {length} bytes, more than the limit of {NumpyLimits.Default.MaxFileBytes}.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var npz = NpzArchive.Open(new MemoryStream(bytes, writable: false));
        return new SplitDatasets(
            ReadSplit(npz, DatasetSplit.Train, classCount),
            ReadSplit(npz, DatasetSplit.Validation, classCount),
            ReadSplit(npz, DatasetSplit.Test, classCount),
            sha);
    }

    private static ImageDataset ReadSplit(NpzArchive npz, DatasetSplit split, int classCount)
    {
        string prefix = KeyPrefix(split);
        var images = npz.Read(prefix + "_images");
        var labels = npz.Read(prefix + "_labels");
        var shape = images.Shape;
        if (images.ElementType != NpyElementType.UInt8 || shape.Count != 3 || shape[1] != shape[2] || shape[1] == 0)
        {
            throw new ImageFormatException(ImageFormatError.SizeMismatch,
                $"'{prefix}_images' must be uint8 of shape [n, H, H]; it is {images.ElementType} [{string.Join(", ", shape)}].");
        }

        bool labelShapeOk = labels.Shape.Count switch
        {
            1 => labels.Shape[0] == shape[0],
            2 => labels.Shape[0] == shape[0] && labels.Shape[1] == 1,
            _ => false,
        };
        if (!labelShapeOk || labels.ElementType is not (NpyElementType.UInt8 or NpyElementType.Int64))
        {
            throw new ImageFormatException(ImageFormatError.SizeMismatch,
                $"'{prefix}_labels' must be integers of shape [{shape[0]}, 1]; it is {labels.ElementType} [{string.Join(", ", labels.Shape)}].");
        }

        var raw = labels.ToInt64Array();
        var classes = new int[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] < 0 || raw[i] >= classCount)
            {
                throw new ImageFormatException(ImageFormatError.SizeMismatch,
                    $"'{prefix}_labels'[{i}] is {raw[i]}, outside the {classCount} classes.");
            }

            classes[i] = (int)raw[i];
        }

        return new ImageDataset(images.AsUInt8().ToArray(), classes, shape[1], classCount);
    }
}
