namespace IcedServerless.Ckks.Tests.Interop;

/// <summary>
/// One SEAL oracle process shared by every test class in the <see cref="SealOracleCollection"/>; started
/// before the first of them runs and stopped after the last.
/// </summary>
public sealed class SealOracleFixture : IAsyncLifetime
{
    private SealOracle? _oracle;

    /// <summary>The running oracle.</summary>
    public SealOracle Oracle => _oracle ?? throw new InvalidOperationException("The SEAL oracle fixture has not been initialized.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _oracle = await SealOracle.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_oracle is not null)
        {
            await _oracle.DisposeAsync();
        }
    }
}

/// <summary>The xunit collection of interop tests that drive real SEAL: mark them <c>[Collection("SealOracle")]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class SealOracleCollection : ICollectionFixture<SealOracleFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "SealOracle";
}
