namespace IcedServerless.Ckks;

/// <summary>Moving down the modulus-switching chain: rescaling (divide and round) and modulus switching (drop).</summary>
public sealed partial class Evaluator
{
    /// <summary>
    /// Divides by the level's last prime with rounding and moves to the next level; the scale becomes
    /// scale / q_last (a double division, exactly as SEAL).
    /// </summary>
    public void RescaleToNext(Ciphertext encrypted, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = LevelOf(encrypted, nameof(encrypted));
        var next = level.Next ?? throw new InvalidOperationException("end of modulus switching chain reached");
        var scale = encrypted.Scale / level.CoeffModulus[^1];
        RequireScaleInBounds(next, scale);

        var size = encrypted.Size;
        var inLength = encrypted.PolyLength;
        var outLength = next.PrimeCount * _n;
        var rescaler = level.Rescaler!;

        // Each output polynomial is shorter than its input, so an in-place rescale would overwrite inputs that other
        // polynomials still read: it works from a pooled copy instead.
        using var copy = ReferenceEquals(destination, encrypted) ? PooledWords.Rent(size * inLength) : null;
        if (copy is not null)
        {
            encrypted.Data.CopyTo(copy.Span);
        }

        var input = copy?.Array ?? encrypted.RawData;
        destination.Resize(next, _n, size);
        var output = destination.RawData;
        _context.ForEachLimb(size, p =>
        {
            using var work = PooledWords.Rent(2 * _n);
            var poly = input.AsSpan(p * inLength, inLength);
            var last = work.Block(0, _n);
            poly[^_n..].CopyTo(last);
            rescaler.Divide(poly, last, ReadOnlySpan<ulong>.Empty, work.Block(1, _n), output.AsSpan(p * outLength, outLength), accumulate: false);
        });
        destination.Scale = scale;
    }

    /// <summary>Rescales in place.</summary>
    public void RescaleToNextInplace(Ciphertext encrypted) => RescaleToNext(encrypted, encrypted);

    /// <summary>Rescales repeatedly down to the level <paramref name="parmsId"/>.</summary>
    public void RescaleTo(Ciphertext encrypted, ParmsId parmsId, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var steps = StepsDown(LevelOf(encrypted, nameof(encrypted)), parmsId);
        destination.CopyFrom(encrypted);
        for (var i = 0; i < steps; i++)
        {
            RescaleToNext(destination, destination);
        }
    }

    /// <summary>Drops the last prime without dividing; the scale is unchanged.</summary>
    public void ModSwitchToNext(Ciphertext encrypted, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = LevelOf(encrypted, nameof(encrypted));
        var next = level.Next ?? throw new InvalidOperationException("end of modulus switching chain reached");
        RequireScaleInBounds(next, encrypted.Scale);
        var size = encrypted.Size;
        var inLength = encrypted.PolyLength;
        var outLength = next.PrimeCount * _n;
        var input = encrypted.RawData;
        destination.Resize(next, _n, size);
        destination.Scale = encrypted.Scale;

        // Ascending order is safe in place: polynomial p moves down, onto words that earlier ones have already read.
        for (var p = 0; p < size; p++)
        {
            input.AsSpan(p * inLength, outLength).CopyTo(destination.RawData.AsSpan(p * outLength, outLength));
        }
    }

    /// <summary>Modulus-switches in place.</summary>
    public void ModSwitchToNextInplace(Ciphertext encrypted) => ModSwitchToNext(encrypted, encrypted);

    /// <summary>Modulus-switches repeatedly down to the level <paramref name="parmsId"/>.</summary>
    public void ModSwitchTo(Ciphertext encrypted, ParmsId parmsId, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var steps = StepsDown(LevelOf(encrypted, nameof(encrypted)), parmsId);
        destination.CopyFrom(encrypted);
        for (var i = 0; i < steps; i++)
        {
            ModSwitchToNext(destination, destination);
        }
    }

    /// <summary>Modulus-switches in place to <paramref name="parmsId"/>.</summary>
    public void ModSwitchToInplace(Ciphertext encrypted, ParmsId parmsId) => ModSwitchTo(encrypted, parmsId, encrypted);

    /// <summary>Drops the plaintext's last prime (it stays in NTT form); the scale is unchanged.</summary>
    public void ModSwitchToNext(Plaintext plain, Plaintext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = LevelOf(plain, nameof(plain));
        var next = level.Next ?? throw new InvalidOperationException("end of modulus switching chain reached");
        RequireScaleInBounds(next, plain.Scale);
        if (ReferenceEquals(destination, plain))
        {
            plain.Truncate(next);
            return;
        }

        destination.Resize(next, _n);
        destination.Scale = plain.Scale;
        plain.Data[..(next.PrimeCount * _n)].CopyTo(destination.RawData);
    }

    /// <summary>Modulus-switches a plaintext in place.</summary>
    public void ModSwitchToNextInplace(Plaintext plain) => ModSwitchToNext(plain, plain);

    /// <summary>Modulus-switches a plaintext repeatedly down to <paramref name="parmsId"/>.</summary>
    public void ModSwitchToInplace(Plaintext plain, ParmsId parmsId)
    {
        var steps = StepsDown(LevelOf(plain, nameof(plain)), parmsId);
        for (var i = 0; i < steps; i++)
        {
            ModSwitchToNext(plain, plain);
        }
    }

    private int StepsDown(ContextData from, ParmsId target)
    {
        var to = _context.TryGetContextData(target)
            ?? throw new ArgumentException($"parms_id {target} is not valid for encryption parameters", nameof(target));
        if (to.ChainIndex > from.ChainIndex)
        {
            throw new ArgumentException("cannot switch to higher level modulus", nameof(target));
        }

        return from.ChainIndex - to.ChainIndex;
    }
}
