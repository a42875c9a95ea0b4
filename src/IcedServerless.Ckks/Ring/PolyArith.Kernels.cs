using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace IcedServerless.Ckks.Ring;

public static partial class PolyArith
{
    /// <summary>
    /// An element-wise operation in a scalar and an eight-lane form that compute the same thing. Unary kernels ignore
    /// their second operand.
    /// </summary>
    private interface IKernel
    {
        ulong Apply(ulong x, ulong y);

        Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y);
    }

    /// <summary>Runs a kernel over whole AVX-512 vectors where supported, then over the scalar remainder.</summary>
    private static unsafe void Apply<TKernel>(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, TKernel kernel)
        where TKernel : struct, IKernel
    {
        var length = result.Length;
        fixed (ulong* pa = a)
        fixed (ulong* pb = b)
        fixed (ulong* pr = result)
        {
            var i = 0;
            if (VectorMath.IsSupported)
            {
                for (; i <= length - 8; i += 8)
                {
                    kernel.Apply(Vector512.Load(pa + i), Vector512.Load(pb + i)).Store(pr + i);
                }
            }

            for (; i < length; i++)
            {
                pr[i] = kernel.Apply(pa[i], pb[i]);
            }
        }
    }

    private readonly struct AddKernel(ulong q) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) => WordMath.SubtractIfAtLeast(x + y, q);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y) =>
            VectorMath.SubtractIfAtLeast(x + y, Vector512.Create(q));
    }

    private readonly struct AddScalarKernel(ulong q, ulong scalar) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) => WordMath.SubtractIfAtLeast(x + scalar, q);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y) =>
            VectorMath.SubtractIfAtLeast(x + Vector512.Create(scalar), Vector512.Create(q));
    }

    private readonly struct SubKernel(ulong q) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) => WordMath.SubtractIfAtLeast(x - y + q, q);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y)
        {
            var qv = Vector512.Create(q);
            return VectorMath.SubtractIfAtLeast(x - y + qv, qv);
        }
    }

    private readonly struct NegateKernel(ulong q) : IKernel
    {
        // q - x is q exactly when x = 0; the reduction maps it to 0.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) => WordMath.SubtractIfAtLeast(q - x, q);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y)
        {
            var qv = Vector512.Create(q);
            return VectorMath.SubtractIfAtLeast(qv - x, qv);
        }
    }

    /// <summary>x * scalar mod q with the scalar's Shoup quotient.</summary>
    private readonly struct MultiplyScalarKernel(ulong q, ulong scalar, ulong scalarShoup) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) =>
            WordMath.SubtractIfAtLeast(Modulus.MultiplyShoupLazy(x, scalar, scalarShoup, q), q);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y)
        {
            var qv = Vector512.Create(q);
            return VectorMath.SubtractIfAtLeast(
                VectorMath.MultiplyShoupLazy(x, Vector512.Create(scalar), Vector512.Create(scalarShoup), qv), qv);
        }
    }

    /// <summary>Any 64-bit x mod q, by Barrett with floor(2^64 / q): the quotient estimate is short by at most one.</summary>
    private readonly struct ReduceKernel(ulong q, ulong ratioHigh) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) => WordMath.SubtractIfAtLeast(x - WordMath.MulHigh(x, ratioHigh) * q, q);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y)
        {
            var qv = Vector512.Create(q);
            return VectorMath.SubtractIfAtLeast(x - VectorMath.MulHigh(x, Vector512.Create(ratioHigh)) * qv, qv);
        }
    }

    /// <summary>x mod q for a signed x (not long.MinValue): the magnitude reduced, then negated where x is negative.</summary>
    private readonly struct ReduceSignedKernel(ulong q, ulong ratioHigh) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y)
        {
            var sign = (ulong)((long)x >> 63);
            var residue = new ReduceKernel(q, ratioHigh).Apply((x ^ sign) - sign, y);
            var negated = new NegateKernel(q).Apply(residue, y);
            return residue ^ ((residue ^ negated) & sign);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y)
        {
            var sign = Vector512.ShiftRightArithmetic(x.AsInt64(), 63).AsUInt64();
            var residue = new ReduceKernel(q, ratioHigh).Apply((x ^ sign) - sign, y);
            return Vector512.ConditionalSelect(sign, new NegateKernel(q).Apply(residue, y), residue);
        }
    }

    /// <summary>(x mod q + shift) mod q for any 64-bit x and shift below q: a residue moved to another prime and offset.</summary>
    private readonly struct ReduceAddKernel(ulong q, ulong ratioHigh, ulong shift) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) => new AddScalarKernel(q, shift).Apply(new ReduceKernel(q, ratioHigh).Apply(x, y), y);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y) =>
            new AddScalarKernel(q, shift).Apply(new ReduceKernel(q, ratioHigh).Apply(x, y), y);
    }

    /// <summary>(x - y) * scalar mod q with the scalar's Shoup quotient; x - y + q &lt; 2q suits the lazy product.</summary>
    private readonly struct SubMultiplyKernel(ulong q, ulong scalar, ulong scalarShoup) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) => new MultiplyScalarKernel(q, scalar, scalarShoup).Apply(x - y + q, y);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y) =>
            new MultiplyScalarKernel(q, scalar, scalarShoup).Apply(x - y + Vector512.Create(q), y);
    }

    /// <summary>(x + offset - y) * scalar mod q: a Garner step, for any y up to the offset.</summary>
    private readonly struct GarnerKernel(ulong q, ulong offset, ulong scalar, ulong scalarShoup) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) => new MultiplyScalarKernel(q, scalar, scalarShoup).Apply(x + offset - y, y);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y) =>
            new MultiplyScalarKernel(q, scalar, scalarShoup).Apply(x + Vector512.Create(offset) - y, y);
    }

    /// <summary>x * y mod q for residues x and y.</summary>
    private readonly struct MultiplyKernel(ulong q, int shift, ulong ratio) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) => Modulus.ReduceProduct(WordMath.MulHigh(x, y), x * y, q, shift, ratio);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y) =>
            VectorMath.MultiplyReduce(x, y, Vector512.Create(q), shift, Vector512.Create(ratio));
    }
}
