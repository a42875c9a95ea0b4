using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>Additive operations and products with plaintexts and constants.</summary>
public sealed partial class Evaluator
{
    /// <summary>destination = encrypted1 + encrypted2.</summary>
    public void Add(Ciphertext encrypted1, Ciphertext encrypted2, Ciphertext destination) =>
        AddOrSub(encrypted1, encrypted2, destination, subtract: false);

    /// <summary>encrypted1 += encrypted2.</summary>
    public void AddInplace(Ciphertext encrypted1, Ciphertext encrypted2) => Add(encrypted1, encrypted2, encrypted1);

    /// <summary>destination = encrypted1 − encrypted2.</summary>
    public void Sub(Ciphertext encrypted1, Ciphertext encrypted2, Ciphertext destination) =>
        AddOrSub(encrypted1, encrypted2, destination, subtract: true);

    /// <summary>encrypted1 −= encrypted2.</summary>
    public void SubInplace(Ciphertext encrypted1, Ciphertext encrypted2) => Sub(encrypted1, encrypted2, encrypted1);

    /// <summary>destination = −encrypted.</summary>
    public void Negate(Ciphertext encrypted, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = LevelOf(encrypted, nameof(encrypted));
        var length = encrypted.Size * encrypted.PolyLength;
        var output = OutputBuffer(destination, length);
        for (var p = 0; p < encrypted.Size; p++)
        {
            for (var j = 0; j < level.PrimeCount; j++)
            {
                PolyArith.Negate(encrypted.Block(p, j), Block(output, level, p, j), level.Moduli[j]);
            }
        }

        destination.Adopt(output, level, _n, encrypted.Size, encrypted.Scale);
    }

    /// <summary>encrypted = −encrypted.</summary>
    public void NegateInplace(Ciphertext encrypted) => Negate(encrypted, encrypted);

    /// <summary>destination = encrypted + plain (same level, matching scales).</summary>
    public void AddPlain(Ciphertext encrypted, Plaintext plain, Ciphertext destination) =>
        AddOrSubPlain(encrypted, plain, destination, subtract: false);

    /// <summary>encrypted += plain.</summary>
    public void AddPlainInplace(Ciphertext encrypted, Plaintext plain) => AddPlain(encrypted, plain, encrypted);

    /// <summary>destination = encrypted − plain.</summary>
    public void SubPlain(Ciphertext encrypted, Plaintext plain, Ciphertext destination) =>
        AddOrSubPlain(encrypted, plain, destination, subtract: true);

    /// <summary>encrypted −= plain.</summary>
    public void SubPlainInplace(Ciphertext encrypted, Plaintext plain) => SubPlain(encrypted, plain, encrypted);

    /// <summary>destination = encrypted ⊙ plain; the scales multiply.</summary>
    public void MultiplyPlain(Ciphertext encrypted, Plaintext plain, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = LevelOf(encrypted, nameof(encrypted));
        LevelOf(plain, nameof(plain));
        if (plain.ParmsId != encrypted.ParmsId)
        {
            throw new ArgumentException("encrypted and plain parameter mismatch");
        }

        var scale = encrypted.Scale * plain.Scale;
        RequireScaleInBounds(level, scale);
        var output = OutputBuffer(destination, encrypted.Size * encrypted.PolyLength);
        for (var p = 0; p < encrypted.Size; p++)
        {
            for (var j = 0; j < level.PrimeCount; j++)
            {
                PolyArith.Multiply(encrypted.Block(p, j), plain.Block(j), Block(output, level, p, j), level.Moduli[j]);
            }
        }

        destination.Adopt(output, level, _n, encrypted.Size, scale);
        RequireNotTransparent(destination);
    }

    /// <summary>encrypted ⊙= plain.</summary>
    public void MultiplyPlainInplace(Ciphertext encrypted, Plaintext plain) => MultiplyPlain(encrypted, plain, encrypted);

    /// <summary>
    /// destination = encrypted · value, with value encoded as the constant round(value·scale): the same result as
    /// SEAL's <c>encode(value, scale)</c> followed by <c>multiply_plain</c>, without building a plaintext.
    /// </summary>
    public void MultiplyConst(Ciphertext encrypted, double value, double scale, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = LevelOf(encrypted, nameof(encrypted));
        var resultScale = encrypted.Scale * scale;
        RequireScaleInBounds(level, resultScale);
        var coefficient = ConstantCoefficient(level, value, scale);
        var output = OutputBuffer(destination, encrypted.Size * encrypted.PolyLength);
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = level.Moduli[j];
            var factor = CkksEncoder.ReduceExact(coefficient, q);
            for (var p = 0; p < encrypted.Size; p++)
            {
                PolyArith.MultiplyScalar(encrypted.Block(p, j), factor, Block(output, level, p, j), q);
            }
        }

        destination.Adopt(output, level, _n, encrypted.Size, resultScale);
        RequireNotTransparent(destination);
    }

    /// <summary>destination = encrypted + value in every slot (encoded at the ciphertext's own scale).</summary>
    public void AddConst(Ciphertext encrypted, double value, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = LevelOf(encrypted, nameof(encrypted));
        var coefficient = ConstantCoefficient(level, value, encrypted.Scale);
        var output = OutputBuffer(destination, encrypted.Size * encrypted.PolyLength);
        encrypted.Data.CopyTo(output);
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = level.Moduli[j];
            PolyArith.AddScalar(encrypted.Block(0, j), CkksEncoder.ReduceExact(coefficient, q), Block(output, level, 0, j), q);
        }

        destination.Adopt(output, level, _n, encrypted.Size, encrypted.Scale);
    }

    private static double ConstantCoefficient(ContextData level, double value, double scale)
    {
        var scaled = value * scale;
        if (!double.IsFinite(scaled) || (scaled != 0 && (int)Math.Log2(Math.Abs(scaled)) + 2 >= level.TotalCoeffModulusBitCount))
        {
            throw new ArgumentException("encoded value is too large", nameof(value));
        }

        return Math.Round(scaled, MidpointRounding.AwayFromZero);
    }

    private void AddOrSub(Ciphertext a, Ciphertext b, Ciphertext destination, bool subtract)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = SameLevel(a, b);
        RequireScaleMatch(a.Scale, b.Scale);
        var size = Math.Max(a.Size, b.Size);
        var output = OutputBuffer(destination, size * a.PolyLength);
        for (var p = 0; p < size; p++)
        {
            for (var j = 0; j < level.PrimeCount; j++)
            {
                var q = level.Moduli[j];
                var result = Block(output, level, p, j);
                if (p < a.Size && p < b.Size)
                {
                    if (subtract)
                    {
                        PolyArith.Sub(a.Block(p, j), b.Block(p, j), result, q);
                    }
                    else
                    {
                        PolyArith.Add(a.Block(p, j), b.Block(p, j), result, q);
                    }
                }
                else if (p < a.Size)
                {
                    a.Block(p, j).CopyTo(result);
                }
                else if (subtract)
                {
                    PolyArith.Negate(b.Block(p, j), result, q);
                }
                else
                {
                    b.Block(p, j).CopyTo(result);
                }
            }
        }

        destination.Adopt(output, level, _n, size, a.Scale);
    }

    private void AddOrSubPlain(Ciphertext encrypted, Plaintext plain, Ciphertext destination, bool subtract)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = LevelOf(encrypted, nameof(encrypted));
        LevelOf(plain, nameof(plain));
        if (plain.ParmsId != encrypted.ParmsId)
        {
            throw new ArgumentException("encrypted and plain parameter mismatch");
        }

        RequireScaleMatch(encrypted.Scale, plain.Scale);
        var output = OutputBuffer(destination, encrypted.Size * encrypted.PolyLength);
        if (!ReferenceEquals(output, encrypted.RawData))
        {
            encrypted.Data.CopyTo(output);
        }

        for (var j = 0; j < level.PrimeCount; j++)
        {
            var c0 = Block(output, level, 0, j);
            if (subtract)
            {
                PolyArith.Sub(encrypted.Block(0, j), plain.Block(j), c0, level.Moduli[j]);
            }
            else
            {
                PolyArith.Add(encrypted.Block(0, j), plain.Block(j), c0, level.Moduli[j]);
            }
        }

        destination.Adopt(output, level, _n, encrypted.Size, encrypted.Scale);
    }

    private Span<ulong> Block(ulong[] data, ContextData level, int poly, int prime) =>
        data.AsSpan(((poly * level.PrimeCount) + prime) * _n, _n);
}
