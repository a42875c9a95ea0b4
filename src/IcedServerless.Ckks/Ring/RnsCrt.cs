using System.Numerics;
using System.Runtime.CompilerServices;

namespace IcedServerless.Ckks.Ring;

/// <summary>
/// Chinese-remainder composition of residues modulo <c>q_0 … q_{L-1}</c> into the centered integer
/// <c>x</c> in <c>(-Q/2, Q/2]</c> (SEAL's decode rule: <c>x &gt;= (Q+1)/2</c> becomes <c>x - Q</c>), returned as a
/// double divided by a caller-given divisor.
/// </summary>
/// <remarks>
/// No BigInteger per coefficient: Garner's algorithm yields mixed-radix digits with Shoup products, the sign is
/// decided by comparing digits with those of <c>(Q+1)/2</c>, and the magnitude is rebuilt exactly in 64-bit limbs
/// and rounded to double once (with a sticky bit), so the result equals converting the exact centered integer to
/// double and dividing. Immutable after construction and thread-safe.
/// </remarks>
public sealed partial class RnsCrt
{
    /// <summary>The most primes one instance composes.</summary>
    public const int MaxPrimeCount = 256;

    private readonly Modulus[] _primes;

    // Garner constants, row j holds k < j: q_k^-1 mod q_j and its Shoup quotient, stored at j*(j-1)/2 + k.
    private readonly ulong[] _inverses;
    private readonly ulong[] _inversesShoup;

    // A multiple of q_j at least 2^61, so that t + multiple - v is non-negative for any digit v.
    private readonly ulong[] _bigMultiples;

    // Mixed-radix digits of (Q+1)/2, the first value that counts as negative.
    private readonly ulong[] _thresholdDigits;

    /// <summary>Prepares composition for one list of primes.</summary>
    /// <param name="primes">1 to 256 pairwise coprime moduli, in the order of the residues.</param>
    /// <exception cref="ArgumentNullException"><paramref name="primes"/> is null.</exception>
    /// <exception cref="ArgumentException">The list is empty or too long, holds an uninitialised modulus, or two moduli
    /// share a factor.</exception>
    public RnsCrt(IReadOnlyList<Modulus> primes)
    {
        ArgumentNullException.ThrowIfNull(primes);
        if (primes.Count == 0 || primes.Count > MaxPrimeCount)
        {
            throw new ArgumentException($"RnsCrt needs 1 to {MaxPrimeCount} primes, got {primes.Count}.", nameof(primes));
        }

        var count = primes.Count;
        _primes = new Modulus[count];
        _bigMultiples = new ulong[count];
        _inverses = new ulong[count * (count - 1) / 2];
        _inversesShoup = new ulong[_inverses.Length];
        var product = BigInteger.One;
        for (var j = 0; j < count; j++)
        {
            var qj = primes[j];
            if (qj.Value < 2)
            {
                throw new ArgumentException($"Modulus {j} is uninitialised (default(Modulus)).", nameof(primes));
            }

            _primes[j] = qj;
            _bigMultiples[j] = (Modulus.MaxValueExclusive / qj.Value + 1) * qj.Value;
            for (var k = 0; k < j; k++)
            {
                if (!qj.TryInverse(_primes[k].Value, out var inverse))
                {
                    throw new ArgumentException(
                        $"Moduli {k} ({_primes[k].Value}) and {j} ({qj.Value}) are not coprime.", nameof(primes));
                }

                var index = j * (j - 1) / 2 + k;
                _inverses[index] = inverse;
                _inversesShoup[index] = qj.ShoupPrecompute(inverse);
            }

            product *= qj.Value;
        }

        Product = product;
        _thresholdDigits = MixedRadixDigits((product + 1) >> 1);
        if (count <= 3)
        {
            for (var w = 0; w < 3; w++)
            {
                _productWords[w] = (ulong)((product >> (64 * w)) & ulong.MaxValue);
                _thresholdWords[w] = (ulong)((((product + 1) >> 1) >> (64 * w)) & ulong.MaxValue);
            }
        }
    }

    /// <summary>L, the number of primes.</summary>
    public int Count => _primes.Length;

    /// <summary>Q, the product of all primes.</summary>
    public BigInteger Product { get; }

    /// <summary>Composes one coefficient and scales it: <c>centered(x) / divisor</c>.</summary>
    /// <param name="residues">L residues, <c>residues[j] = x mod q_j</c>, each below its prime.</param>
    /// <param name="divisor">The divisor (for CKKS decode, the scale).</param>
    /// <returns>The exact centered value rounded to double, divided by <paramref name="divisor"/> in double.</returns>
    /// <exception cref="ArgumentException">The span does not hold exactly L residues, or a residue is not below its
    /// prime.</exception>
    public double ComposeCenteredToDouble(ReadOnlySpan<ulong> residues, double divisor)
    {
        if (residues.Length != _primes.Length)
        {
            throw new ArgumentException($"Expected {_primes.Length} residues, got {residues.Length}.", nameof(residues));
        }

        if (_primes.Length <= 3)
        {
            // One coefficient is a polynomial of length one in prime-major order.
            Span<double> single = stackalloc double[1];
            ComposeUpToThree(residues, divisor, single);
            return single[0];
        }

        Span<ulong> work = stackalloc ulong[2 * _primes.Length];
        return Compose(residues, divisor, work);
    }

    /// <summary>
    /// Composes every coefficient of a prime-major RNS polynomial (L blocks of n words) into doubles.
    /// </summary>
    /// <param name="primeMajor">L blocks of <c>destination.Length</c> residues, block j modulo <c>q_j</c>.</param>
    /// <param name="divisor">The divisor applied to every value.</param>
    /// <param name="destination">Receives <c>centered(x_i) / divisor</c> for each coefficient i.</param>
    /// <exception cref="ArgumentException">The polynomial is not exactly L times the destination length, or a residue
    /// is not below its prime.</exception>
    // Compiled fully optimized at once, as the decoder's caller: the tiered, profile-guided compilation of the decode path
    // came out slower (1.5-2x the CPU time of decoding at N = 8192 and 16384 in alternating A/B runs on this machine).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ComposeCenteredToDouble(ReadOnlySpan<ulong> primeMajor, double divisor, Span<double> destination)
    {
        var n = destination.Length;
        if (primeMajor.Length != (long)_primes.Length * n)
        {
            throw new ArgumentException(
                $"Expected {_primes.Length} blocks of {n} residues ({(long)_primes.Length * n}), got {primeMajor.Length}.", nameof(primeMajor));
        }

        if (_primes.Length <= 3)
        {
            ComposeUpToThree(primeMajor, divisor, destination);
            return;
        }

        // Garner's digits for all coefficients at once, prime by prime: each step is an element-wise pass that runs
        // eight lanes at a time, instead of a chain of dependent scalar products per coefficient.
        var count = _primes.Length;
        using var pooled = PooledWords.Rent(count * n);
        var digits = pooled.Span;
        primeMajor.CopyTo(digits);
        for (var j = 0; j < count; j++)
        {
            var qj = _primes[j];
            var block = digits.Slice(j * n, n);
            if (block.IndexOfAnyInRange(qj.Value, ulong.MaxValue) is var bad and >= 0)
            {
                throw new ArgumentException($"Residue {j} of coefficient {bad} is {block[bad]}, not below its prime {qj.Value}.", nameof(primeMajor));
            }

            var row = j * (j - 1) / 2;
            for (var k = 0; k < j; k++)
            {
                PolyArith.GarnerStep(block, digits.Slice(k * n, n), _bigMultiples[j], _inverses[row + k], qj);
            }
        }

        Span<ulong> work = stackalloc ulong[2 * count];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < count; j++)
            {
                work[j] = digits[j * n + i];
            }

            destination[i] = ComposeDigits(work, divisor);
        }
    }

    private double Compose(ReadOnlySpan<ulong> residues, double divisor, Span<ulong> work)
    {
        ComputeDigits(residues, work[.._primes.Length]);
        return ComposeDigits(work, divisor);
    }

    /// <summary>The centered value of mixed-radix digits (the first L words of <paramref name="work"/>, overwritten;
    /// the next L are limb space), divided.</summary>
    private double ComposeDigits(Span<ulong> work, double divisor)
    {
        var count = _primes.Length;
        var digits = work[..count];
        var limbs = work[count..];
        var negative = !IsBelowThreshold(digits);
        if (negative)
        {
            ComplementDigits(digits);
        }

        var magnitude = ToDouble(digits, limbs);
        return (negative ? -magnitude : magnitude) / divisor;
    }

    /// <summary>Garner: digits v with x = v_0 + q_0 (v_1 + q_1 (v_2 + …)), each v_j in [0, q_j).</summary>
    private void ComputeDigits(ReadOnlySpan<ulong> residues, Span<ulong> digits)
    {
        for (var j = 0; j < digits.Length; j++)
        {
            var qj = _primes[j];
            var t = residues[j];
            if (t >= qj.Value)
            {
                throw new ArgumentException($"Residue {j} is {t}, not below its prime {qj.Value}.", nameof(residues));
            }

            var row = j * (j - 1) / 2;
            var multiple = _bigMultiples[j];
            for (var k = 0; k < j; k++)
            {
                // (t - v_k) * q_k^-1 mod q_j; v_k may exceed q_j, the Shoup product reduces any 64-bit input.
                t = qj.MultiplyShoup(t + multiple - digits[k], _inverses[row + k], _inversesShoup[row + k]);
            }

            digits[j] = t;
        }
    }

    /// <summary>Whether the mixed-radix value is below (Q+1)/2, comparing from the most significant digit.</summary>
    private bool IsBelowThreshold(ReadOnlySpan<ulong> digits)
    {
        for (var j = digits.Length - 1; j >= 0; j--)
        {
            if (digits[j] != _thresholdDigits[j])
            {
                return digits[j] < _thresholdDigits[j];
            }
        }

        return false;
    }

    /// <summary>Replaces the digits of x by those of Q - x (0 &lt; x &lt; Q): (Q - 1 - x) + 1 with carries.</summary>
    private void ComplementDigits(Span<ulong> digits)
    {
        var carry = true;
        for (var j = 0; j < digits.Length; j++)
        {
            var complement = _primes[j].Value - 1 - digits[j];
            if (carry)
            {
                complement++;
                carry = complement == _primes[j].Value;
                if (carry)
                {
                    complement = 0;
                }
            }

            digits[j] = complement;
        }
    }

    /// <summary>Evaluates the mixed-radix digits exactly in 64-bit limbs and rounds once to double.</summary>
    private double ToDouble(ReadOnlySpan<ulong> digits, Span<ulong> limbs)
    {
        // Horner from the most significant digit: acc = acc * q_j + v_j. The value stays below Q < 2^(61 L),
        // which fits in L limbs.
        var used = 1;
        limbs[0] = digits[^1];
        for (var j = digits.Length - 2; j >= 0; j--)
        {
            var q = _primes[j].Value;
            var carry = digits[j];
            for (var k = 0; k < used; k++)
            {
                var high = Math.BigMul(limbs[k], q, out var low);
                low += carry;
                high += low < carry ? 1UL : 0UL;
                limbs[k] = low;
                carry = high;
            }

            if (carry != 0)
            {
                limbs[used++] = carry;
            }
        }

        while (used > 1 && limbs[used - 1] == 0)
        {
            used--;
        }

        var top = limbs[used - 1];
        if (used == 1)
        {
            return top;
        }

        // Take the 64 most significant bits; any non-zero bit below them is ORed into bit 0 as a sticky bit. Bit 0 is
        // far below the 53-bit rounding point, so the single ulong-to-double rounding is then the correct rounding
        // of the whole integer.
        var shift = BitOperations.LeadingZeroCount(top);
        var next = limbs[used - 2];
        var mantissa = shift == 0 ? top : (top << shift) | (next >> (64 - shift));
        var sticky = shift == 0 ? next : next << shift;
        for (var k = used - 3; k >= 0 && sticky == 0; k--)
        {
            sticky = limbs[k];
        }

        if (sticky != 0)
        {
            mantissa |= 1;
        }

        return Math.ScaleB(mantissa, 64 * (used - 1) - shift);
    }

    private ulong[] MixedRadixDigits(BigInteger value)
    {
        var digits = new ulong[_primes.Length];
        for (var j = 0; j < digits.Length; j++)
        {
            digits[j] = (ulong)(value % _primes[j].Value);
            value /= _primes[j].Value;
        }

        return digits;
    }
}
