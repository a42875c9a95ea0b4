using IcedServerless.Tests.Shared;

namespace IcedServerless.Ckks.Tests.Infrastructure;

/// <summary>Files of the repository the engine tests read (the root lookup is the shared <see cref="TestRepository"/>).</summary>
internal static class RepoPaths
{
    /// <summary>The repository root.</summary>
    public static string Root => TestRepository.Root;

    /// <summary>The SEAL 4.1 test vectors produced by node-seal 6.0.3 (see testdata/seal-4.1/README.md).</summary>
    public static string SealVectors(string relative) => TestRepository.File("testdata", "seal-4.1", relative);
}
