using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>Ciphertext products and relinearization.</summary>
public sealed partial class Evaluator
{
    /// <summary>destination = encrypted1 · encrypted2 (size s1 + s2 − 1); the scales multiply.</summary>
    public void Multiply(Ciphertext encrypted1, Ciphertext encrypted2, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = SameLevel(encrypted1, encrypted2);
        var scale = encrypted1.Scale * encrypted2.Scale;
        RequireScaleInBounds(level, scale);
        var size = encrypted1.Size + encrypted2.Size - 1;
        if (size > Ciphertext.MaxSize)
        {
            throw new ArgumentException($"result ciphertext size {size} exceeds {Ciphertext.MaxSize}");
        }

        if (encrypted1.Size == 2 && encrypted2.Size == 2)
        {
            MultiplyPairs(encrypted1, encrypted2, destination, level, scale, square: false);
            return;
        }

        // Output component t is the sum over x + y = t of a_x ⊙ b_y, computed per prime. The operands are read
        // throughout, so a destination that is one of them receives the result only at the end.
        var aliased = ReferenceEquals(destination, encrypted1) || ReferenceEquals(destination, encrypted2);
        using var temporary = aliased ? PooledWords.Rent(size * encrypted1.PolyLength) : null;
        if (!aliased)
        {
            destination.Resize(level, _n, size);
        }

        var output = temporary?.Array ?? destination.RawData;
        _context.ForEachLimb(level.PrimeCount, j =>
        {
            var q = level.Moduli[j];
            for (var t = 0; t < size; t++)
            {
                Block(output, level, t, j).Clear();
            }

            for (var x = 0; x < encrypted1.Size; x++)
            {
                for (var y = 0; y < encrypted2.Size; y++)
                {
                    PolyArith.MultiplyAdd(encrypted1.Block(x, j), encrypted2.Block(y, j), Block(output, level, x + y, j), q);
                }
            }
        });

        if (temporary is not null)
        {
            destination.Resize(level, _n, size);
            temporary.Span.CopyTo(destination.RawData);
        }

        destination.Scale = scale;
    }

    /// <summary>encrypted1 ·= encrypted2.</summary>
    public void MultiplyInplace(Ciphertext encrypted1, Ciphertext encrypted2) => Multiply(encrypted1, encrypted2, encrypted1);

    /// <summary>destination = encrypted²; for size 2: (c0², 2·c0·c1, c1²).</summary>
    public void Square(Ciphertext encrypted, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = LevelOf(encrypted, nameof(encrypted));
        if (encrypted.Size != 2)
        {
            Multiply(encrypted, encrypted, destination);
            return;
        }

        var scale = encrypted.Scale * encrypted.Scale;
        RequireScaleInBounds(level, scale);
        MultiplyPairs(encrypted, encrypted, destination, level, scale, square: true);
    }

    /// <summary>
    /// The product of two size-2 ciphertexts in one pass per prime. The kernel reads every input word before writing
    /// its position, so the destination may be an operand as long as its storage has room for three polynomials.
    /// </summary>
    private void MultiplyPairs(Ciphertext encrypted1, Ciphertext encrypted2, Ciphertext destination, ContextData level, double scale, bool square)
    {
        // Hold the operands' arrays: resizing an operand that is also the destination may replace its storage.
        var a = encrypted1.RawData;
        var b = encrypted2.RawData;
        destination.Resize(level, _n, 3);
        var output = destination.RawData;
        _context.ForEachLimb(level.PrimeCount, j =>
        {
            PolyArith.MultiplyPairs(Block(a, level, 0, j), Block(a, level, 1, j), Block(b, level, 0, j), Block(b, level, 1, j),
                Block(output, level, 0, j), Block(output, level, 1, j), Block(output, level, 2, j), level.Moduli[j], square);
        });
        destination.Scale = scale;
    }

    /// <summary>encrypted = encrypted².</summary>
    public void SquareInplace(Ciphertext encrypted) => Square(encrypted, encrypted);

    /// <summary>
    /// Brings a ciphertext of size &gt; 2 back to size 2 by key switching its top components with the relinearization
    /// keys for s², s³, …; the scale is unchanged.
    /// </summary>
    public void Relinearize(Ciphertext encrypted, RelinKeys relinKeys, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(relinKeys);
        ArgumentNullException.ThrowIfNull(destination);
        var level = LevelOf(encrypted, nameof(encrypted));
        if (relinKeys.ParmsId != _context.KeyParmsId)
        {
            throw new ArgumentException("relin_keys is not valid for encryption parameters", nameof(relinKeys));
        }

        if (encrypted.Size == 3 && !ReferenceEquals(destination, encrypted))
        {
            // Only c0 and c1 are copied; the key switch reads c2 from the source.
            var source = encrypted.RawData;
            destination.Resize(level, _n, 2);
            encrypted.Data[..(2 * encrypted.PolyLength)].CopyTo(destination.RawData);
            destination.Scale = encrypted.Scale;
            SwitchKey(level, source, 2 * encrypted.PolyLength, RelinKey(relinKeys, 2), destination.RawData, assignC1: false);
            return;
        }

        destination.CopyFrom(encrypted);
        for (var size = destination.Size; size > 2; size--)
        {
            SwitchKey(level, destination.RawData, (size - 1) * destination.PolyLength, RelinKey(relinKeys, size - 1),
                destination.RawData, assignC1: false);
            destination.SetSizeKeepData(size - 1);
        }
    }

    /// <summary>Relinearizes in place.</summary>
    public void RelinearizeInplace(Ciphertext encrypted, RelinKeys relinKeys) => Relinearize(encrypted, relinKeys, encrypted);

    /// <summary>The key that switches s^power back to s.</summary>
    private static PublicKey[] RelinKey(RelinKeys relinKeys, int power) =>
        relinKeys.Entry(RelinKeys.GetIndex(power)) ?? throw new ArgumentException("not enough relinearization keys", nameof(relinKeys));
}
