namespace IcedServerless.Testing;

/// <summary>Unique, valid container and queue names, so tests never see each other's data.</summary>
public static class Names
{
    public static string Unique(string prefix) => (prefix + "-" + Guid.NewGuid().ToString("N"))[..Math.Min(prefix.Length + 1 + 24, 63)];
}
