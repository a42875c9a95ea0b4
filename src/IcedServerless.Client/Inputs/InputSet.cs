using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace IcedServerless.Client.Inputs;

/// <summary>
/// Images ready to encrypt: a name and the preprocessed model input (<c>InputSize²</c> values) per image, the true
/// labels when the source has them, and a fingerprint that identifies the exact inputs (to check, before resuming a
/// job, that the same images are being sent).
/// </summary>
public sealed class InputSet
{
    /// <summary>Creates the set and computes its fingerprint.</summary>
    /// <param name="names">One unique name per image (a file name, or e.g. <c>test/00042</c>).</param>
    /// <param name="images">The preprocessed inputs, all of the same length.</param>
    /// <param name="labels">The true class of each image, or null when unknown.</param>
    /// <exception cref="ArgumentException">The lists disagree in length, or the images in size.</exception>
    public InputSet(IReadOnlyList<string> names, IReadOnlyList<double[]> images, IReadOnlyList<int>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(images);
        if (names.Count != images.Count || (labels is not null && labels.Count != images.Count))
        {
            throw new ArgumentException($"{names.Count} names, {images.Count} images and {labels?.Count} labels do not match.");
        }

        if (images.Count > 0 && images.Any(i => i.Length != images[0].Length))
        {
            throw new ArgumentException("All preprocessed images must have the same length.", nameof(images));
        }

        Names = names;
        Images = images;
        Labels = labels;
        Fingerprint = ComputeFingerprint(names, images);
    }

    /// <summary>The image names, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The preprocessed inputs, in order.</summary>
    public IReadOnlyList<double[]> Images { get; }

    /// <summary>The true classes, when the source records them (MedMNIST archives).</summary>
    public IReadOnlyList<int>? Labels { get; }

    /// <summary>The number of images.</summary>
    public int Count => Names.Count;

    /// <summary>SHA-256 (lowercase hex) over the names and the preprocessed pixels, in order.</summary>
    public string Fingerprint { get; }

    private static string ComputeFingerprint(IReadOnlyList<string> names, IReadOnlyList<double[]> images)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData("iced-inputs-1\n"u8);
        Span<byte> length = stackalloc byte[4];
        Span<byte> value = stackalloc byte[8];
        for (var i = 0; i < names.Count; i++)
        {
            // Length-prefixed names, so ("ab", "c") and ("a", "bc") differ; pixels in little-endian IEEE order.
            var name = Encoding.UTF8.GetBytes(names[i]);
            BinaryPrimitives.WriteInt32LittleEndian(length, name.Length);
            hash.AppendData(length);
            hash.AppendData(name);
            if (BitConverter.IsLittleEndian)
            {
                hash.AppendData(MemoryMarshal.AsBytes(images[i].AsSpan()));
            }
            else
            {
                foreach (var v in images[i])
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(value, v);
                    hash.AppendData(value);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
