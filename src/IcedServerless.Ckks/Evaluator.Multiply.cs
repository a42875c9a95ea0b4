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

        // Output component t is the sum over x + y = t of a_x ⊙ b_y, computed per prime.
        var output = new ulong[size * encrypted1.PolyLength];
        _context.ForEachLimb(level.PrimeCount, j =>
        {
            var q = level.Moduli[j];
            for (var x = 0; x < encrypted1.Size; x++)
            {
                for (var y = 0; y < encrypted2.Size; y++)
                {
                    PolyArith.MultiplyAdd(encrypted1.Block(x, j), encrypted2.Block(y, j), Block(output, level, x + y, j), q);
                }
            }
        });
        destination.Adopt(output, level, _n, size, scale);
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
        var output = new ulong[3 * encrypted.PolyLength];
        _context.ForEachLimb(level.PrimeCount, j =>
        {
            var q = level.Moduli[j];
            var c0 = encrypted.Block(0, j);
            var c1 = encrypted.Block(1, j);
            var middle = Block(output, level, 1, j);
            PolyArith.Multiply(c0, c0, Block(output, level, 0, j), q);
            PolyArith.Multiply(c0, c1, middle, q);
            PolyArith.Add(middle, middle, middle, q);
            PolyArith.Multiply(c1, c1, Block(output, level, 2, j), q);
        });
        destination.Adopt(output, level, _n, 3, scale);
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

        if (!ReferenceEquals(destination, encrypted))
        {
            destination.CopyFrom(encrypted);
        }

        var delta0 = new ulong[level.PrimeCount * _n];
        var delta1 = new ulong[level.PrimeCount * _n];
        for (var size = destination.Size; size > 2; size--)
        {
            var key = relinKeys.Entry(RelinKeys.GetIndex(size - 1))
                ?? throw new ArgumentException("not enough relinearization keys", nameof(relinKeys));
            SwitchKey(level, destination.RawData, (size - 1) * destination.PolyLength, key, delta0, delta1);
            AddInto(destination, 0, delta0, level);
            AddInto(destination, 1, delta1, level);
            destination.SetSizeKeepData(size - 1);
        }
    }

    /// <summary>Relinearizes in place.</summary>
    public void RelinearizeInplace(Ciphertext encrypted, RelinKeys relinKeys) => Relinearize(encrypted, relinKeys, encrypted);

    private void AddInto(Ciphertext target, int poly, ulong[] delta, ContextData level)
    {
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var block = target.Block(poly, j);
            PolyArith.Add(block, delta.AsSpan(j * _n, _n), block, level.Moduli[j]);
        }
    }
}
