using System.Collections.Concurrent;
using System.Numerics;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>
/// Homomorphic operations on CKKS ciphertexts, with SEAL's semantics and checks: operands must share a level, scales
/// must match for additions and stay in bounds after multiplications, and results are bit-identical to SEAL's for the
/// same inputs. Each operation has a destination form (the destination may be an input) and an in-place form.
/// Stateless apart from caches, so one evaluator can serve many threads.
/// </summary>
public sealed partial class Evaluator
{
    private readonly CkksContext _context;
    private readonly int _n;
    private readonly int _logN;
    private readonly ConcurrentDictionary<ulong, int[]> _permutations = new();

    /// <summary>Creates an evaluator for <paramref name="context"/>.</summary>
    public Evaluator(CkksContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _n = context.PolyModulusDegree;
        _logN = BitOperations.Log2((uint)_n);
    }

    /// <summary>The level of a ciphertext, after SEAL's metadata checks.</summary>
    private ContextData LevelOf(Ciphertext encrypted, string name)
    {
        ArgumentNullException.ThrowIfNull(encrypted, name);
        var level = _context.TryGetContextData(encrypted.ParmsId);
        if (level is null || !_context.IsDataLevel(encrypted.ParmsId) || encrypted.PolyModulusDegree != _n ||
            encrypted.CoeffModulusSize != level.PrimeCount || encrypted.Size < 1)
        {
            throw new ArgumentException($"{name} is not valid for encryption parameters", name);
        }

        return level;
    }

    private ContextData LevelOf(Plaintext plain, string name)
    {
        ArgumentNullException.ThrowIfNull(plain, name);
        var level = _context.TryGetContextData(plain.ParmsId);
        if (level is null || !_context.IsDataLevel(plain.ParmsId) || plain.PolyModulusDegree != _n)
        {
            throw new ArgumentException($"{name} is not valid for encryption parameters", name);
        }

        return level;
    }

    private ContextData SameLevel(Ciphertext a, Ciphertext b)
    {
        var level = LevelOf(a, "encrypted1");
        LevelOf(b, "encrypted2");
        if (a.ParmsId != b.ParmsId)
        {
            throw new ArgumentException("encrypted1 and encrypted2 parameter mismatch");
        }

        return level;
    }

    /// <summary>SEAL's <c>are_close</c>: equal up to one double epsilon, relatively.</summary>
    internal static bool AreClose(double a, double b) =>
        Math.Abs(a - b) < (Math.Pow(2, -52) * Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), 1.0));

    private static void RequireScaleMatch(double a, double b)
    {
        if (!AreClose(a, b))
        {
            throw new ArgumentException($"scale mismatch ({a} vs {b})");
        }
    }

    private static void RequireScaleInBounds(ContextData level, double scale)
    {
        if (!level.IsScaleWithinBounds(scale))
        {
            throw new InvalidOperationException($"scale out of bounds ({scale} at a {level.TotalCoeffModulusBitCount}-bit level)");
        }
    }

    /// <summary>SEAL's default build refuses results that would reveal their plaintext (every c_i, i ≥ 1, zero).</summary>
    private void RequireNotTransparent(Ciphertext result)
    {
        if (!_context.Options.ThrowOnTransparentCiphertext)
        {
            return;
        }

        var data = result.RawData.AsSpan(result.PolyLength, (result.Size - 1) * result.PolyLength);
        if (!data.ContainsAnyExcept(0UL))
        {
            throw new InvalidOperationException("result ciphertext is transparent");
        }
    }

    /// <summary>
    /// A buffer for an element-wise result: the destination's own when it has room, else a new one. Operands share the
    /// result's level, hence its block offsets, so element-wise kernels may write over an operand that is the destination.
    /// </summary>
    private static ulong[] OutputBuffer(Ciphertext destination, int length) =>
        destination.RawData.Length >= length ? destination.RawData : new ulong[length];

    private int[] Permutation(ulong galoisElement) =>
        _permutations.GetOrAdd(galoisElement, e => Galois.NttPermutation(_logN, e));
}
