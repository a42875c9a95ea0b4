using IcedServerless.Tests.Shared;

namespace IcedServerless.Testing;

/// <summary>Locates files the tests need inside the repository (never outside it); the root lookup is the shared <see cref="TestRepository"/>.</summary>
public static class RepoPaths
{
    /// <summary>The repository root: the nearest ancestor of the test binaries holding IcedServerless.sln.</summary>
    public static string Root => TestRepository.Root;

    /// <summary>The Azurite launcher installed by <c>npm ci</c> (pinned in package-lock.json).</summary>
    public static string Azurite => TestRepository.File("node_modules", ".bin", "azurite");
}
