using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>Slot rotations and complex conjugation through Galois automorphisms.</summary>
public sealed partial class Evaluator
{
    /// <summary>
    /// Applies the automorphism X → X^g: permutes both components in the NTT domain, then key-switches c1 back
    /// to the secret s with the Galois key for g.
    /// </summary>
    public void ApplyGalois(Ciphertext encrypted, ulong galoisElement, GaloisKeys galoisKeys, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = RotatableLevel(encrypted, galoisKeys);
        if (galoisElement % 2 == 0 || galoisElement >= 2UL * (ulong)_n)
        {
            throw new ArgumentException($"Galois element {galoisElement} is not valid", nameof(galoisElement));
        }

        var key = galoisKeys.Entry(GaloisKeys.GetIndex(galoisElement))
            ?? throw new ArgumentException("Galois key not present", nameof(galoisKeys));
        var permutation = Permutation(galoisElement);
        var length = encrypted.PolyLength;
        var scale = encrypted.Scale;
        using var permutedC1 = PooledWords.Rent(length);
        for (var j = 0; j < level.PrimeCount; j++)
        {
            Galois.Permute(encrypted.Block(1, j), permutation, permutedC1.Block(j, _n));
        }

        // c0' = π(c0) + δ0 and c1' = δ1. A permutation cannot run in place, so an in-place rotation stages π(c0).
        using var permutedC0 = ReferenceEquals(destination, encrypted) ? PooledWords.Rent(length) : null;
        var source = encrypted.RawData;
        destination.Resize(level, _n, 2);
        var c0 = permutedC0 is null ? destination.RawData.AsSpan(0, length) : permutedC0.Span;
        for (var j = 0; j < level.PrimeCount; j++)
        {
            Galois.Permute(source.AsSpan(j * _n, _n), permutation, c0.Slice(j * _n, _n));
        }

        if (permutedC0 is not null)
        {
            permutedC0.Span.CopyTo(destination.RawData);
        }

        destination.Scale = scale;
        SwitchKey(level, permutedC1.Array, 0, key, destination.RawData, assignC1: true);
    }

    /// <summary>The level of a ciphertext that Galois automorphisms can take: size 2, with keys of this context.</summary>
    private ContextData RotatableLevel(Ciphertext encrypted, GaloisKeys galoisKeys)
    {
        ArgumentNullException.ThrowIfNull(galoisKeys);
        var level = LevelOf(encrypted, nameof(encrypted));
        if (galoisKeys.ParmsId != _context.KeyParmsId)
        {
            throw new ArgumentException("galois_keys is not valid for encryption parameters", nameof(galoisKeys));
        }

        if (encrypted.Size != 2)
        {
            throw new ArgumentException("encrypted size must be 2", nameof(encrypted));
        }

        return level;
    }

    /// <summary>
    /// Rotates the slots left by <paramref name="steps"/> (slot i takes slot i + steps). Uses the key for that step
    /// if present, otherwise composes power-of-two rotations in non-adjacent form, lowest digit first (as SEAL).
    /// </summary>
    public void RotateVector(Ciphertext encrypted, int steps, GaloisKeys galoisKeys, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(galoisKeys);
        ArgumentNullException.ThrowIfNull(destination);
        LevelOf(encrypted, nameof(encrypted));
        if (Math.Abs((long)steps) >= _n / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"rotation steps must be below N/2 = {_n / 2} in absolute value");
        }

        if (steps == 0)
        {
            destination.CopyFrom(encrypted);
            return;
        }

        var element = Galois.ElementFromStep(steps, _n);
        if (galoisKeys.HasKey(element))
        {
            ApplyGalois(encrypted, element, galoisKeys, destination);
            return;
        }

        var digits = Galois.NafDigits(steps, _n);
        if (digits.Length <= 1)
        {
            throw new ArgumentException("Galois key not present", nameof(galoisKeys));
        }

        destination.CopyFrom(encrypted);
        foreach (var digit in digits)
        {
            RotateVector(destination, digit, galoisKeys, destination);
        }
    }

    /// <summary>Rotates in place.</summary>
    public void RotateVectorInplace(Ciphertext encrypted, int steps, GaloisKeys galoisKeys) =>
        RotateVector(encrypted, steps, galoisKeys, encrypted);

    /// <summary>Conjugates every slot (Galois element 2N − 1).</summary>
    public void ComplexConjugate(Ciphertext encrypted, GaloisKeys galoisKeys, Ciphertext destination) =>
        ApplyGalois(encrypted, (2UL * (ulong)_n) - 1, galoisKeys, destination);

    /// <summary>Conjugates in place.</summary>
    public void ComplexConjugateInplace(Ciphertext encrypted, GaloisKeys galoisKeys) =>
        ComplexConjugate(encrypted, galoisKeys, encrypted);
}
