using System.Buffers.Binary;
using IcedServerless.Ckks.Hashing;

namespace IcedServerless.Ckks.Tests.Hashing;

/// <summary>A random stream that replays fixed bytes and fails if asked for more, so tests see exact consumption.</summary>
internal sealed class ScriptedStream(byte[] script) : IRandomStream
{
    public int Consumed { get; private set; }

    public static ScriptedStream FromWords(params ulong[] words)
    {
        var bytes = new byte[words.Length * sizeof(ulong)];
        for (int i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)), words[i]);
        }

        return new ScriptedStream(bytes);
    }

    public void Fill(Span<byte> destination)
    {
        if (destination.Length > script.Length - Consumed)
        {
            throw new InvalidOperationException($"The sampler asked for {destination.Length} bytes; only {script.Length - Consumed} were scripted.");
        }

        script.AsSpan(Consumed, destination.Length).CopyTo(destination);
        Consumed += destination.Length;
    }

    public ulong NextUInt64()
    {
        Span<byte> word = stackalloc byte[sizeof(ulong)];
        Fill(word);
        return BinaryPrimitives.ReadUInt64LittleEndian(word);
    }
}
