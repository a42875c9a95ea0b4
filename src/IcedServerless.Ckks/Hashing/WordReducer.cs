namespace IcedServerless.Ckks.Hashing;

/// <summary>
/// Reduces arbitrary 64-bit words modulo a fixed q ≥ 2 by Barrett's method with ratio ⌊2^64 / q⌋: the estimated
/// quotient is at most one too small, so one conditional subtraction finishes. Several times faster than the
/// hardware divide that <c>%</c> by a run-time value compiles to.
/// </summary>
internal readonly struct WordReducer
{
    private readonly ulong _modulus;
    private readonly ulong _ratio;

    public WordReducer(ulong modulus)
    {
        if (modulus < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(modulus), modulus, "A modulus must be at least 2.");
        }

        _modulus = modulus;
        _ratio = (ulong)(((UInt128)1 << 64) / modulus);
    }

    public ulong Reduce(ulong value)
    {
        ulong quotient = Math.BigMul(value, _ratio, out _);
        ulong remainder = value - (quotient * _modulus);
        return remainder >= _modulus ? remainder - _modulus : remainder;
    }
}
