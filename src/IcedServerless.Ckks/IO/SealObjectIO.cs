using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks.IO;

/// <summary>Reads the members of one SEAL object kind from a bounded reader.</summary>
internal delegate T MembersReader<out T>(ref SealReader reader);

/// <summary>Shared save/load plumbing for every serializable CKKS object: header, compression, bounds.</summary>
internal static class SealObjectIO
{
    /// <summary>Serializes an object whose members <paramref name="writeMembers"/> writes.</summary>
    public static byte[] Save(Action<SealWriter> writeMembers, long sizeHint, ComprModeType mode)
    {
        var writer = new SealWriter((int)Math.Clamp(sizeHint, 64, Array.MaxLength));
        writeMembers(writer);
        return SealEnvelope.Seal(writer.WrittenSpan, mode);
    }

    /// <summary>Writes a serialized object to a stream.</summary>
    public static async Task SaveAsync(Stream stream, Action<SealWriter> writeMembers, long sizeHint,
        ComprModeType mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = Save(writeMembers, sizeHint, mode);
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Loads an object from untrusted bytes: header and compression are validated, decompression is capped at
    /// <paramref name="maxMembersBytes"/>, and the members must be consumed exactly.
    /// </summary>
    public static T Load<T>(ReadOnlyMemory<byte> data, long maxMembersBytes, string kind, MembersReader<T> read)
    {
        var members = SealEnvelope.Open(data, maxMembersBytes, out _);
        return ReadAll(members.Span, kind, read);
    }

    /// <summary>Loads an object from a stream, validating the header's size before allocating for it.</summary>
    public static async ValueTask<T> LoadAsync<T>(Stream stream, long maxMembersBytes, string kind,
        MembersReader<T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var members = await SealEnvelope.ReadAsync(stream, maxMembersBytes + SealHeader.ByteCount, maxMembersBytes,
            cancellationToken).ConfigureAwait(false);
        return ReadAll(members.Span, kind, read);
    }

    private static T ReadAll<T>(ReadOnlySpan<byte> members, string kind, MembersReader<T> read)
    {
        var reader = new SealReader(members);
        var result = read(ref reader);
        reader.ExpectEnd(kind);
        return result;
    }
}
