using System.Numerics;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>
/// Validated CKKS parameters with every precomputation: the modulus-switching chain (key level, first data level,
/// … last level), NTT tables and RNS tools. Immutable and safe to share across threads.
/// </summary>
public sealed class CkksContext
{
    private readonly Dictionary<ParmsId, ContextData> _byParmsId = new();
    private readonly ContextData[] _byChainIndex;

    /// <summary>Validates <paramref name="parameters"/> and builds the chain.</summary>
    /// <exception cref="InvalidParametersException">The parameters are invalid or insecure.</exception>
    public CkksContext(EncryptionParameters parameters, CkksContextOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        Options = options ?? new CkksContextOptions();
        var n = parameters.PolyModulusDegree;
        var primes = parameters.CoeffModulusSpan;
        Validate(n, primes, Options.SecurityLevel);

        var logN = BitOperations.Log2((uint)n);
        var tables = new NttTables[primes.Length];
        for (var i = 0; i < tables.Length; i++)
        {
            tables[i] = new NttTables(logN, new Modulus(primes[i]));
        }

        _byChainIndex = new ContextData[primes.Length];
        ContextData? higher = null;
        for (var count = primes.Length; count >= 1; count--)
        {
            var data = new ContextData(count - 1, n, primes[..count], tables) { Previous = higher };
            if (higher is not null)
            {
                higher.Next = data;
            }

            _byChainIndex[count - 1] = data;
            _byParmsId[data.ParmsId] = data;
            higher = data;
        }

        if (primes.Length >= 2)
        {
            // Key switching works over [q_0..q_{L-1}, P] and divides by P: one tool per data level.
            for (var level = 0; level < primes.Length - 1; level++)
            {
                var set = tables[..(level + 1)].Append(tables[^1]).ToArray();
                _byChainIndex[level].KeySwitchModDown = new RnsRescaler(set);
            }
        }

        ParallelOptions = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism };
    }

    /// <summary>The parameters this context was built from.</summary>
    public EncryptionParameters Parameters { get; }

    /// <summary>The options in force.</summary>
    public CkksContextOptions Options { get; }

    /// <summary>N.</summary>
    public int PolyModulusDegree => Parameters.PolyModulusDegree;

    /// <summary>N/2, the number of complex slots.</summary>
    public int SlotCount => Parameters.PolyModulusDegree / 2;

    /// <summary>The key level (all primes, including the special prime).</summary>
    public ContextData KeyContextData => _byChainIndex[^1];

    /// <summary>The first data level (every prime but the special one); encode and encrypt default here.</summary>
    public ContextData FirstContextData => _byChainIndex.Length >= 2 ? _byChainIndex[^2] : _byChainIndex[0];

    /// <summary>The last level (one prime).</summary>
    public ContextData LastContextData => _byChainIndex[0];

    /// <summary>parms_id of the key level.</summary>
    public ParmsId KeyParmsId => KeyContextData.ParmsId;

    /// <summary>parms_id of the first data level.</summary>
    public ParmsId FirstParmsId => FirstContextData.ParmsId;

    /// <summary>parms_id of the last level.</summary>
    public ParmsId LastParmsId => LastContextData.ParmsId;

    /// <summary>True when there is a special prime, so relinearization and rotation are possible.</summary>
    public bool UsingKeySwitching => _byChainIndex.Length >= 2;

    /// <summary>Every level, indexed by chain index (0 = last level).</summary>
    public IReadOnlyList<ContextData> Levels => _byChainIndex;

    internal ParallelOptions ParallelOptions { get; }

    /// <summary>The level with this parms_id, or null if it is not part of this context.</summary>
    public ContextData? TryGetContextData(ParmsId parmsId) => _byParmsId.GetValueOrDefault(parmsId);

    /// <summary>The level with this parms_id.</summary>
    /// <exception cref="ArgumentException">The parms_id does not belong to this context.</exception>
    public ContextData GetContextData(ParmsId parmsId) =>
        TryGetContextData(parmsId) ?? throw new ArgumentException($"parms_id {parmsId} is not valid for this context");

    /// <summary>True when <paramref name="parmsId"/> is a data level (not the key level) of this context.</summary>
    public bool IsDataLevel(ParmsId parmsId) =>
        TryGetContextData(parmsId) is { } data && (data.ChainIndex < KeyContextData.ChainIndex || !UsingKeySwitching);

    /// <summary>Runs <paramref name="body"/> for 0..count-1, spreading over cores when the work is worth it.</summary>
    internal void ForEachLimb(int count, Action<int> body)
    {
        // Below ~16k words per limb the thread hand-off costs more than it saves.
        if (count == 1 || Options.MaxDegreeOfParallelism == 1 || PolyModulusDegree < 4096)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        Parallel.For(0, count, ParallelOptions, body);
    }

    private static void Validate(int n, ReadOnlySpan<ulong> primes, SecurityLevel level)
    {
        if (n < 2 || n > EncryptionParameters.MaxPolyModulusDegree || (n & (n - 1)) != 0)
        {
            throw new InvalidParametersException(ParameterError.InvalidPolyModulusDegree,
                $"poly_modulus_degree {n} is not a power of two in [2, {EncryptionParameters.MaxPolyModulusDegree}]");
        }

        var product = BigInteger.One;
        for (var i = 0; i < primes.Length; i++)
        {
            var q = primes[i];
            var bits = 64 - BitOperations.LeadingZeroCount(q);
            if (bits is < 2 or > 60)
            {
                throw new InvalidParametersException(ParameterError.InvalidCoeffModulusBitCount,
                    $"coeff_modulus[{i}] = {q} has {bits} bits; each prime must have 2 to 60 bits");
            }

            if (q % (2UL * (ulong)n) != 1 || !Primes.IsPrime(q))
            {
                throw new InvalidParametersException(ParameterError.InvalidCoeffModulusNoNtt,
                    $"coeff_modulus[{i}] = {q} is not a prime congruent to 1 mod 2N = {2 * n}, so it has no negacyclic NTT");
            }

            for (var j = 0; j < i; j++)
            {
                if (primes[j] == q)
                {
                    throw new InvalidParametersException(ParameterError.CoeffModulusNotCoprime,
                        $"coeff_modulus[{j}] and coeff_modulus[{i}] are both {q}; primes must be distinct");
                }
            }

            product *= q;
        }

        var total = (int)product.GetBitLength();
        var max = CoeffModulus.MaxBitCount(n, level);
        if (total > max)
        {
            throw new InvalidParametersException(ParameterError.InsecureParameters, max == 0
                ? $"N = {n} has no entry in the HomomorphicEncryption.org table for {level}; use N in 1024..32768 or SecurityLevel.None for tests"
                : $"the coefficient modulus has {total} bits, more than the {max} bits that N = {n} allows for {level} security");
        }
    }
}
