namespace IcedServerless.Ckks;

/// <summary>
/// Security levels of the HomomorphicEncryption.org standard (classical attacks, ternary secret), with the same
/// numeric values as SEAL's <c>sec_level_type</c>.
/// </summary>
public enum SecurityLevel
{
    /// <summary>No security check. Only for tests and toy parameters; never for patient data.</summary>
    None = 0,

    /// <summary>128-bit security (the default).</summary>
    TC128 = 128,

    /// <summary>192-bit security.</summary>
    TC192 = 192,

    /// <summary>256-bit security.</summary>
    TC256 = 256,
}
