using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>
/// Linear combinations with plaintext constants, the workhorse of encrypted linear layers: many terms summed into
/// one accumulator at a fixed scale, each constant rounded for that scale, with no rescale or relinearization per term.
/// </summary>
public sealed partial class Evaluator
{
    /// <summary>
    /// Creates an all-zero accumulator at a level, size and scale. It is transparent (it encrypts 0 with no noise)
    /// until terms from real ciphertexts are added; never send one that has not received any.
    /// </summary>
    public Ciphertext CreateAccumulator(ParmsId parmsId, int size, double scale)
    {
        var level = _context.TryGetContextData(parmsId);
        if (level is null || !_context.IsDataLevel(parmsId))
        {
            throw new ArgumentException($"parms_id {parmsId} is not a data level", nameof(parmsId));
        }

        if (size is < 2 or > Ciphertext.MaxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"size must be 2 to {Ciphertext.MaxSize}");
        }

        RequireScaleInBounds(level, scale);
        return new Ciphertext(level, _n, size, scale);
    }

    /// <summary>
    /// accumulator += encrypted · value, where value is encoded as the constant
    /// round(value · accumulator.Scale / encrypted.Scale) so that the term lands exactly at the accumulator's scale.
    /// The accumulator grows to the larger size. Both must be at the same level.
    /// </summary>
    /// <exception cref="ArgumentException">Level mismatch, or the constant does not fit the level.</exception>
    public void MultiplyConstAccumulate(Ciphertext encrypted, double value, Ciphertext accumulator)
    {
        ArgumentNullException.ThrowIfNull(accumulator);
        var level = SameLevel(accumulator, encrypted);
        if (value == 0)
        {
            return;
        }

        var coefficient = ConstantCoefficient(level, value, accumulator.Scale / encrypted.Scale);
        if (encrypted.Size > accumulator.Size)
        {
            Grow(accumulator, level, encrypted.Size);
        }

        // One fused pass per (polynomial, prime): the Shoup product of the constant added straight into the sum.
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = level.Moduli[j];
            var factor = CkksEncoder.ReduceExact(coefficient, q);
            for (var p = 0; p < encrypted.Size; p++)
            {
                PolyArith.MultiplyScalarAdd(encrypted.Block(p, j), factor, accumulator.Block(p, j), q);
            }
        }
    }

    /// <summary>
    /// accumulator += encrypted ⊙ plain (same level); the accumulator's scale must equal encrypted.Scale × plain.Scale
    /// to within 2^−40 relative (a plan computes those products in different orders of double operations; the error
    /// this admits, ~1e−12 relative, is far below CKKS noise), so terms add up without rescaling each one.
    /// </summary>
    /// <exception cref="ArgumentException">Level or scale mismatch.</exception>
    public void MultiplyPlainAccumulate(Ciphertext encrypted, Plaintext plain, Ciphertext accumulator)
    {
        ArgumentNullException.ThrowIfNull(accumulator);
        var level = SameLevel(accumulator, encrypted);
        LevelOf(plain, nameof(plain));
        if (plain.ParmsId != encrypted.ParmsId)
        {
            throw new ArgumentException("encrypted and plain parameter mismatch");
        }

        var termScale = encrypted.Scale * plain.Scale;
        if (Math.Abs(accumulator.Scale - termScale) > Math.Pow(2, -40) * Math.Max(accumulator.Scale, termScale))
        {
            throw new ArgumentException($"scale mismatch ({termScale} vs accumulator {accumulator.Scale})");
        }

        if (encrypted.Size > accumulator.Size)
        {
            Grow(accumulator, level, encrypted.Size);
        }

        // One fused pass per (polynomial, prime), reducing once per coefficient.
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = level.Moduli[j];
            for (var p = 0; p < encrypted.Size; p++)
            {
                PolyArith.MultiplyAdd(encrypted.Block(p, j), plain.Block(j), accumulator.Block(p, j), q);
            }
        }
    }

    /// <summary>accumulator += value in every slot, encoded at the accumulator's scale.</summary>
    public void AddConstInplace(Ciphertext accumulator, double value) => AddConst(accumulator, value, accumulator);

    private void Grow(Ciphertext ct, ContextData level, int size)
    {
        if (ct.RawData.Length >= size * ct.PolyLength)
        {
            ct.RawData.AsSpan(ct.Size * ct.PolyLength, (size - ct.Size) * ct.PolyLength).Clear();
            ct.SetSizeKeepData(size);
            return;
        }

        var data = new ulong[size * ct.PolyLength];
        ct.Data.CopyTo(data);
        ct.Adopt(data, level, _n, size, ct.Scale);
    }
}
