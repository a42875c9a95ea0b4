namespace IcedServerless.Storage;

/// <summary>A byte range of a blob: <see cref="Length"/> bytes from <see cref="Offset"/>, or to the end.</summary>
public readonly record struct BlobRange
{
    /// <summary>Creates a range.</summary>
    /// <param name="offset">The first byte, zero-based.</param>
    /// <param name="length">The byte count, or <see langword="null"/> for "to the end of the blob".</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative offset, or a length below 1.</exception>
    public BlobRange(long offset, long? length = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } n)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n, nameof(length));
        }

        Offset = offset;
        Length = length;
    }

    /// <summary>The first byte, zero-based.</summary>
    public long Offset { get; }

    /// <summary>The byte count, or <see langword="null"/> for "to the end of the blob".</summary>
    public long? Length { get; }

    /// <summary>The HTTP form, e.g. <c>bytes=0-15</c> or <c>bytes=100-</c>.</summary>
    /// <returns>The header value.</returns>
    public override string ToString() =>
        Length is { } n ? $"bytes={Offset}-{Offset + n - 1}" : $"bytes={Offset}-";
}
