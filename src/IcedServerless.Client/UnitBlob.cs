using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Client;

/// <summary>
/// The blob format of an input or result unit: serialized SEAL objects back to back, each self-delimited by the
/// size in its 16-byte header (so any SEAL client can write and read it).
/// </summary>
public static class UnitBlob
{
    /// <summary>Concatenates serialized ciphertexts into one unit.</summary>
    /// <param name="ciphertexts">SEAL ciphertext bytes, in unit order.</param>
    /// <returns>The unit's bytes.</returns>
    public static byte[] Join(IEnumerable<byte[]> ciphertexts)
    {
        ArgumentNullException.ThrowIfNull(ciphertexts);
        return ciphertexts.SelectMany(c => c).ToArray();
    }

    /// <summary>Splits a unit into its serialized objects (no copy).</summary>
    /// <param name="unit">The unit's bytes.</param>
    /// <returns>One slice per object.</returns>
    /// <exception cref="SealFormatException">A header is invalid or declares more bytes than remain.</exception>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> unit)
    {
        var parts = new List<ReadOnlyMemory<byte>>();
        for (var rest = unit; !rest.IsEmpty;)
        {
            var header = SealHeader.Read(rest.Span);
            if (header.Size > (ulong)rest.Length)
            {
                throw new SealFormatException($"SEAL object: the header declares {header.Size} bytes but only {rest.Length} remain in the unit (truncated).");
            }

            parts.Add(rest[..(int)header.Size]);
            rest = rest[(int)header.Size..];
        }

        return parts;
    }
}
