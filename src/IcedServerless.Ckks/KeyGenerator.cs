using IcedServerless.Ckks.Hashing;
using IcedServerless.Ckks.Ring;
using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks;

/// <summary>
/// Generates a secret key (or adopts a given one) and the public, relinearization and Galois keys derived from it,
/// as SEAL's <c>KeyGenerator</c>. The <c>…Serializable</c> variants return seeded objects, half the size, for upload.
/// </summary>
public sealed class KeyGenerator
{
    private readonly CkksContext _context;

    /// <summary>Creates a generator with a fresh secret key.</summary>
    public KeyGenerator(CkksContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var key = context.KeyContextData;
        var data = new ulong[key.PrimeCount * context.PolyModulusDegree];
        RlweSampling.TernaryNtt(context, key.Ntt, key.PrimeCount, SealPrng.CreateRandom(), data);
        SecretKey = new SecretKey(key, context.PolyModulusDegree, data);
    }

    /// <summary>Creates a generator for an existing secret key (for example one loaded from SEAL).</summary>
    public KeyGenerator(CkksContext context, SecretKey secretKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(secretKey);
        if (secretKey.ParmsId != context.KeyParmsId)
        {
            throw new ArgumentException("secret key is not valid for encryption parameters", nameof(secretKey));
        }

        _context = context;
        SecretKey = secretKey;
    }

    /// <summary>The secret key. Keep it on the client.</summary>
    public SecretKey SecretKey { get; }

    /// <summary>A public key (pk0, pk1) = (−(a·s + e), a) at the key level.</summary>
    public PublicKey CreatePublicKey() => new(NewPublicKeyData(keepSeed: false));

    /// <summary>A public key in seeded form, for upload.</summary>
    public Serializable<PublicKey> CreatePublicKeySerializable()
    {
        var data = NewPublicKeyData(keepSeed: true);
        return new Serializable<PublicKey>(mode => IO.SealObjectIO.Save(
            w => IO.CiphertextFormat.Write(w, data, seeded: true), IO.CiphertextFormat.SeededSize(data), mode));
    }

    /// <summary>Relinearization keys for s² (what SEAL's <c>create_relin_keys</c> makes).</summary>
    public RelinKeys CreateRelinKeys() => NewRelinKeys(keepSeed: false);

    /// <summary>Relinearization keys in seeded form, for upload.</summary>
    public Serializable<RelinKeys> CreateRelinKeysSerializable()
    {
        var keys = NewRelinKeys(keepSeed: true);
        return new Serializable<RelinKeys>(mode => keys.Save(mode, seeded: true));
    }

    /// <summary>Galois keys for the given rotation steps (0 means complex conjugation).</summary>
    public GaloisKeys CreateGaloisKeys(IEnumerable<int> steps) =>
        CreateGaloisKeysFromElements(StepsToElements(steps));

    /// <summary>
    /// Galois keys for every power-of-two step in both directions (SEAL's default), enough for any rotation by NAF.
    /// </summary>
    public GaloisKeys CreateGaloisKeys() => CreateGaloisKeys(DefaultSteps());

    /// <summary>Galois keys for explicit Galois elements (odd, below 2N).</summary>
    public GaloisKeys CreateGaloisKeysFromElements(IEnumerable<ulong> galoisElements) =>
        NewGaloisKeys(galoisElements, keepSeed: false);

    /// <summary>Galois keys for the given steps in seeded form, for upload.</summary>
    public Serializable<GaloisKeys> CreateGaloisKeysSerializable(IEnumerable<int> steps)
    {
        var keys = NewGaloisKeys(StepsToElements(steps), keepSeed: true);
        return new Serializable<GaloisKeys>(mode => keys.Save(mode, seeded: true));
    }

    private Ciphertext NewPublicKeyData(bool keepSeed)
    {
        var data = new Ciphertext();
        RlweSampling.EncryptZeroSymmetric(_context, _context.KeyContextData, SecretKey.Data, data, keepSeed);
        return data;
    }

    private RelinKeys NewRelinKeys(bool keepSeed)
    {
        RequireKeySwitching();
        var key = _context.KeyContextData;
        var n = _context.PolyModulusDegree;
        var squared = new ulong[key.PrimeCount * n];
        for (var j = 0; j < key.PrimeCount; j++)
        {
            var s = SecretKey.Block(j);
            PolyArith.Multiply(s, s, squared.AsSpan(j * n, n), key.Moduli[j]);
        }

        return new RelinKeys(key.ParmsId, [NewKeySwitchingKey(squared, keepSeed)]);
    }

    private GaloisKeys NewGaloisKeys(IEnumerable<ulong> galoisElements, bool keepSeed)
    {
        ArgumentNullException.ThrowIfNull(galoisElements);
        RequireKeySwitching();
        var key = _context.KeyContextData;
        var n = _context.PolyModulusDegree;
        var logN = System.Numerics.BitOperations.Log2((uint)n);
        var entries = new PublicKey[]?[n];
        foreach (var element in galoisElements.Distinct())
        {
            if (element % 2 == 0 || element >= 2UL * (ulong)n)
            {
                throw new ArgumentException($"Galois element {element} is not odd and below 2N = {2 * n}", nameof(galoisElements));
            }

            var permutation = Galois.NttPermutation(logN, element);
            var rotated = new ulong[key.PrimeCount * n];
            for (var j = 0; j < key.PrimeCount; j++)
            {
                Galois.Permute(SecretKey.Block(j), permutation, rotated.AsSpan(j * n, n));
            }

            entries[GaloisKeys.GetIndex(element)] = NewKeySwitchingKey(rotated, keepSeed);
        }

        return new GaloisKeys(key.ParmsId, entries);
    }

    /// <summary>
    /// One key-switching key from s' to s: for each data prime q_j, an encryption of zero at the key level with
    /// (P mod q_j)·s' added to block j of b (SEAL's generate_one_kswitch_key).
    /// </summary>
    private PublicKey[] NewKeySwitchingKey(ReadOnlySpan<ulong> newKey, bool keepSeed)
    {
        var key = _context.KeyContextData;
        var n = _context.PolyModulusDegree;
        var special = key.Moduli[^1].Value;
        var keys = new PublicKey[key.PrimeCount - 1];
        for (var j = 0; j < keys.Length; j++)
        {
            var ct = new Ciphertext();
            RlweSampling.EncryptZeroSymmetric(_context, key, SecretKey.Data, ct, keepSeed);
            var q = key.Moduli[j];
            var factor = q.Reduce(special);
            var term = new ulong[n];
            PolyArith.MultiplyScalar(newKey.Slice(j * n, n), factor, term, q);
            PolyArith.Add(ct.Block(0, j), term, ct.Block(0, j), q);
            keys[j] = new PublicKey(ct);
        }

        return keys;
    }

    private IEnumerable<ulong> StepsToElements(IEnumerable<int> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return steps.Select(step => Galois.ElementFromStep(step, _context.PolyModulusDegree)).ToArray();
    }

    private IEnumerable<int> DefaultSteps()
    {
        for (var step = 1; step < _context.SlotCount; step <<= 1)
        {
            yield return step;
            yield return -step;
        }
    }

    private void RequireKeySwitching()
    {
        if (!_context.UsingKeySwitching)
        {
            throw new InvalidOperationException("these parameters have a single prime: key switching is not supported");
        }
    }
}
