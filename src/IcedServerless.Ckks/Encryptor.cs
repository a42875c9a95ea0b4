using IcedServerless.Ckks.Hashing;
using IcedServerless.Ckks.IO;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>
/// Encrypts plaintexts with the public key (what a service or a third party does) or with the secret key (smaller,
/// seedable ciphertexts for the key owner's uploads), exactly as SEAL's <c>Encryptor</c>. Thread-safe.
/// </summary>
public sealed class Encryptor
{
    private readonly CkksContext _context;
    private readonly PublicKey? _publicKey;
    private readonly SecretKey? _secretKey;

    /// <summary>Creates a public-key encryptor.</summary>
    public Encryptor(CkksContext context, PublicKey publicKey)
        : this(context, publicKey ?? throw new ArgumentNullException(nameof(publicKey)), null)
    {
    }

    /// <summary>Creates a symmetric (secret-key) encryptor.</summary>
    public Encryptor(CkksContext context, SecretKey secretKey)
        : this(context, null, secretKey ?? throw new ArgumentNullException(nameof(secretKey)))
    {
    }

    /// <summary>Creates an encryptor that can do both.</summary>
    public Encryptor(CkksContext context, PublicKey? publicKey, SecretKey? secretKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (publicKey is not null && publicKey.ParmsId != context.KeyParmsId)
        {
            throw new ArgumentException("public key is not valid for encryption parameters", nameof(publicKey));
        }

        if (secretKey is not null && secretKey.ParmsId != context.KeyParmsId)
        {
            throw new ArgumentException("secret key is not valid for encryption parameters", nameof(secretKey));
        }

        _context = context;
        _publicKey = publicKey;
        _secretKey = secretKey;
    }

    /// <summary>Encrypts with the public key into a new ciphertext.</summary>
    public Ciphertext Encrypt(Plaintext plain)
    {
        var destination = new Ciphertext();
        Encrypt(plain, destination);
        return destination;
    }

    /// <summary>
    /// Public-key encryption: works one level up, adds (pk·u + e), divides by the extra prime and adds the plaintext.
    /// </summary>
    /// <remarks>
    /// The noise e stays in coefficient form: the division by the extra prime already transforms the last block
    /// back and each correction term forward, and adding e there (it is small and the same integer modulo every prime)
    /// gives exactly round((pk·u + e) / q_last) without transforming e separately: 3k transforms instead of 5k.
    /// </remarks>
    public void Encrypt(Plaintext plain, Ciphertext destination) => Encrypt(plain, destination, () => SealPrng.CreateRandom());

    /// <summary>Public-key encryption drawing its three streams (u, then e for c0 and c1) from
    /// <paramref name="randomness"/>: the OS CSPRNG in production, fixed seeds in tests.</summary>
    internal void Encrypt(Plaintext plain, Ciphertext destination, Func<SealPrng> randomness)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var publicKey = _publicKey ?? throw new InvalidOperationException("public key is not set");
        var level = PlainLevel(plain);
        var n = _context.PolyModulusDegree;
        var upper = level.Previous ?? level; // a single-prime context has no level above
        var k = upper.PrimeCount;
        using var u = PooledWords.RentSecret(k * n);
        RlweSampling.TernaryNtt(_context, upper.Ntt, k, randomness(), u.Span);
        SealPrng[] noiseStreams = [randomness(), randomness()];

        destination.Resize(level, n, 2);
        destination.Scale = plain.Scale;
        var output = destination.RawData;
        var length = level.PrimeCount * n;
        plain.Data.CopyTo(output);
        _context.ForEachLimb(2, c =>
        {
            using var noise = PooledWords.RentSecret(k * n);
            using var masked = PooledWords.RentSecret((k + 1) * n);
            RlweSampling.Noise(_context, upper.Ntt, k, noiseStreams[c], noise.Span);
            var product = masked.Span[..(k * n)];
            for (var j = 0; j < k; j++)
            {
                PolyArith.Multiply(publicKey.Data.Block(c, j), u.Block(j, n), product.Slice(j * n, n), upper.Moduli[j]);
            }

            // c0 = plain + round(...), c1 = round(...).
            var target = output.AsSpan(c * length, length);
            if (ReferenceEquals(upper, level))
            {
                RlweSampling.ForwardNtt(_context, upper.Ntt, k, noise.Span);
                for (var j = 0; j < k; j++)
                {
                    var q = upper.Moduli[j];
                    var sum = product.Slice(j * n, n);
                    var block = target.Slice(j * n, n);
                    PolyArith.Add(sum, noise.Block(j, n), sum, q);
                    if (c == 0)
                    {
                        PolyArith.Add(block, sum, block, q);
                    }
                    else
                    {
                        sum.CopyTo(block);
                    }
                }

                return;
            }

            upper.Rescaler!.Divide(product, product.Slice((k - 1) * n, n), noise.Span, masked.Block(k, n), target, accumulate: c == 0);
        });
    }

    /// <summary>Encrypts with the secret key into a new ciphertext.</summary>
    public Ciphertext EncryptSymmetric(Plaintext plain)
    {
        var destination = new Ciphertext();
        EncryptSymmetric(plain, destination, keepSeed: false);
        return destination;
    }

    /// <summary>Symmetric encryption: c1 = a (uniform), c0 = −(a·s + e) + m.</summary>
    public void EncryptSymmetric(Plaintext plain, Ciphertext destination) => EncryptSymmetric(plain, destination, keepSeed: false);

    /// <summary>Symmetric encryption in seeded form (c1 replaced by its 64-byte seed): half the upload.</summary>
    public Serializable<Ciphertext> EncryptSymmetricSerializable(Plaintext plain)
    {
        var ct = new Ciphertext();
        EncryptSymmetric(plain, ct, keepSeed: true);
        return new Serializable<Ciphertext>(mode => SealObjectIO.Save(
            w => CiphertextFormat.Write(w, ct, seeded: true), CiphertextFormat.SeededSize(ct), mode));
    }

    private void EncryptSymmetric(Plaintext plain, Ciphertext destination, bool keepSeed)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var secretKey = _secretKey ?? throw new InvalidOperationException("secret key is not set");
        var level = PlainLevel(plain);
        RlweSampling.EncryptZeroSymmetric(_context, level, secretKey.Data, destination, keepSeed);
        for (var j = 0; j < level.PrimeCount; j++)
        {
            PolyArith.Add(destination.Block(0, j), plain.Block(j), destination.Block(0, j), level.Moduli[j]);
        }

        destination.Scale = plain.Scale;
    }

    private ContextData PlainLevel(Plaintext plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        if (!_context.IsDataLevel(plain.ParmsId) || plain.CoeffCount != _context.PolyModulusDegree * _context.GetContextData(plain.ParmsId).PrimeCount)
        {
            throw new ArgumentException("plain is not valid for encryption parameters", nameof(plain));
        }

        return _context.GetContextData(plain.ParmsId);
    }
}
