namespace IcedServerless.Ckks;

/// <summary>Why a set of encryption parameters was refused (SEAL's <c>error_type</c>, trimmed to CKKS).</summary>
public enum ParameterError
{
    /// <summary>N is not a power of two in the supported range.</summary>
    InvalidPolyModulusDegree,

    /// <summary>Too many or too few primes.</summary>
    InvalidCoeffModulusSize,

    /// <summary>A prime has fewer than 2 or more than 60 bits.</summary>
    InvalidCoeffModulusBitCount,

    /// <summary>A modulus is not a prime congruent to 1 mod 2N, so no negacyclic NTT exists.</summary>
    InvalidCoeffModulusNoNtt,

    /// <summary>Two primes are equal.</summary>
    CoeffModulusNotCoprime,

    /// <summary>The total modulus is too large for the requested security level.</summary>
    InsecureParameters,
}

/// <summary>Encryption parameters were refused; <see cref="Error"/> says why.</summary>
public sealed class InvalidParametersException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidParametersException(ParameterError error, string message)
        : base(message) => Error = error;

    /// <summary>The reason.</summary>
    public ParameterError Error { get; }
}
