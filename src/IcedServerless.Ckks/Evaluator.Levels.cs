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
        var output = new ulong[size * outLength];
        var rescaler = level.Rescaler!;
        _context.ForEachLimb(size, p =>
        {
            var work = new ulong[inLength];
            encrypted.Poly(p).CopyTo(work);
            rescaler.DivideAndRoundLast(work, new ulong[_n]);
            Array.Copy(work, 0, output, p * outLength, outLength);
        });
        destination.Adopt(output, next, _n, size, scale);
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
        var outLength = next.PrimeCount * _n;
        var output = new ulong[encrypted.Size * outLength];
        for (var p = 0; p < encrypted.Size; p++)
        {
            encrypted.Poly(p)[..outLength].CopyTo(output.AsSpan(p * outLength, outLength));
        }

        destination.Adopt(output, next, _n, encrypted.Size, encrypted.Scale);
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
