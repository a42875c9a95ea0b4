using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>Decrypts ciphertexts of any size with the secret key (SEAL's <c>Decryptor</c>). Thread-safe.</summary>
public sealed class Decryptor
{
    private readonly CkksContext _context;
    private readonly SecretKey _secretKey;

    /// <summary>Creates a decryptor.</summary>
    public Decryptor(CkksContext context, SecretKey secretKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(secretKey);
        if (secretKey.ParmsId != context.KeyParmsId)
        {
            throw new ArgumentException("secret key is not valid for encryption parameters", nameof(secretKey));
        }

        _context = context;
        _secretKey = secretKey;
    }

    /// <summary>Decrypts into a new plaintext.</summary>
    public Plaintext Decrypt(Ciphertext encrypted)
    {
        var destination = new Plaintext();
        Decrypt(encrypted, destination);
        return destination;
    }

    /// <summary>Computes c0 + c1·s + c2·s² + … at the ciphertext's level, in NTT form, with its scale.</summary>
    public void Decrypt(Ciphertext encrypted, Plaintext destination)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        ArgumentNullException.ThrowIfNull(destination);
        var level = _context.TryGetContextData(encrypted.ParmsId);
        if (level is null || !_context.IsDataLevel(encrypted.ParmsId) || encrypted.PolyModulusDegree != _context.PolyModulusDegree)
        {
            throw new ArgumentException("encrypted is not valid for encryption parameters", nameof(encrypted));
        }

        var n = _context.PolyModulusDegree;
        destination.Resize(level, n);
        destination.Scale = encrypted.Scale;
        var size = encrypted.Size;
        var output = destination.RawData;
        var secret = _secretKey;
        _context.ForEachLimb(level.PrimeCount, j =>
        {
            var q = level.Moduli[j];
            var s = secret.Block(j);
            var result = output.AsSpan(j * n, n);
            encrypted.Block(0, j).CopyTo(result);
            if (size == 2)
            {
                PolyArith.MultiplyAdd(encrypted.Block(1, j), s, result, q);
                return;
            }

            using var power = PooledWords.RentSecret(n);
            s.CopyTo(power.Span);
            for (var p = 1; p < size; p++)
            {
                if (p > 1)
                {
                    PolyArith.Multiply(power.Span, s, power.Span, q);
                }

                PolyArith.MultiplyAdd(encrypted.Block(p, j), power.Span, result, q);
            }
        });
    }
}
