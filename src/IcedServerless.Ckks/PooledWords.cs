using System.Buffers;
using System.Security.Cryptography;

namespace IcedServerless.Ckks;

/// <summary>
/// Working memory for one operation, rented from the shared array pool: ciphertext-sized buffers are on the large
/// object heap, and allocating them per call costs page faults, zeroing and gen-2 collections that dwarf the
/// arithmetic. The contents are not zeroed on rent; buffers that held secrets (the encryption mask and noise, powers
/// of the secret key) are wiped before they go back to the pool.
/// </summary>
internal sealed class PooledWords : IDisposable
{
    private readonly bool _secret;
    private ulong[]? _array;

    private PooledWords(int length, bool secret)
    {
        _array = ArrayPool<ulong>.Shared.Rent(length);
        Length = length;
        _secret = secret;
    }

    /// <summary>The number of usable words.</summary>
    public int Length { get; }

    /// <summary>The underlying array (at least <see cref="Length"/> words), for lambdas that cannot hold a span.</summary>
    public ulong[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledWords));

    /// <summary>The usable words.</summary>
    public Span<ulong> Span => Array.AsSpan(0, Length);

    /// <summary>Rents <paramref name="length"/> words of public data (their initial contents are arbitrary).</summary>
    public static PooledWords Rent(int length) => new(length, secret: false);

    /// <summary>Rents words that will hold secret-dependent values; they are wiped on return.</summary>
    public static PooledWords RentSecret(int length) => new(length, secret: true);

    /// <summary>Block <paramref name="index"/> of <paramref name="n"/> words.</summary>
    public Span<ulong> Block(int index, int n) => Array.AsSpan(index * n, n);

    /// <summary>Returns the array to the pool, wiping it first if it held secrets.</summary>
    public void Dispose()
    {
        var array = _array;
        if (array is null)
        {
            return;
        }

        _array = null;
        if (_secret)
        {
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsSpan()));
        }

        ArrayPool<ulong>.Shared.Return(array);
    }
}
