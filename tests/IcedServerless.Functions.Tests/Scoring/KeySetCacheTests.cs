using IcedServerless.Ckks;
using IcedServerless.Client;
using IcedServerless.Functions.Keys;
using IcedServerless.Functions.Scoring;
using IcedServerless.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IcedServerless.Functions.Tests.Scoring;

/// <summary>The loaded-key cache: least recently used evicted past capacity, failed loads not kept.</summary>
public sealed class KeySetCacheTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Cache_KeepsAtMostCapacitySets_AndNeverAFailedLoad()
    {
        var crypto = TestClientCrypto.Shared;
        var otherKeys = new KeyGenerator(crypto.Model.Context);
        await using var host = await ServiceHost.StartAsync(crypto.Model, ServiceHost.Embedded(_root.Path));
        var first = await host.Client.RegisterKeysAsync(SlotwiseTestModel.Id, crypto.RelinKeys, crypto.GaloisKeys);
        var second = await host.Client.RegisterKeysAsync(
            SlotwiseTestModel.Id, otherKeys.CreateRelinKeysSerializable().Save(), otherKeys.CreateGaloisKeysSerializable([1]).Save());
        var cache = new KeySetCache(host.App.Services.GetRequiredService<KeySetLoader>(), capacity: 1);

        var a = await cache.GetAsync(first, crypto.Model, CancellationToken.None);
        var again = await cache.GetAsync(first, crypto.Model, CancellationToken.None);
        var b = await cache.GetAsync(second, crypto.Model, CancellationToken.None);
        await Assert.ThrowsAsync<KeySetUnavailableException>(() => cache.GetAsync(new string('0', 64), crypto.Model, CancellationToken.None));

        Assert.Same(a, again);
        Assert.NotSame(a, b);
        Assert.Same(b, await cache.GetAsync(second, crypto.Model, CancellationToken.None)); // the failure evicted nothing
        Assert.Equal(1, cache.Count);
        Assert.NotSame(a, await cache.GetAsync(first, crypto.Model, CancellationToken.None)); // evicted by b, loaded anew
    }

    [Theory]
    [InlineData(1, 2, 2)]
    [InlineData(2, 2, 1)]
    [InlineData(4, 2, 1)]
    [InlineData(2, 8, 4)]
    public void ScoringGate_SplitsTheCoresBetweenConcurrentUnitsAndEachOperation(int parallelism, int cores, int perOperation)
    {
        using var gate = new ScoringGate(parallelism, cores);

        Assert.Equal(perOperation, gate.ContextOptions.MaxDegreeOfParallelism);
    }

    [Fact]
    public void UnitBlob_SplitRefusesATruncatedUnit()
    {
        var unit = TestClientCrypto.Shared.EncryptUnit(TestClientCrypto.Shared.Inputs(1));

        Assert.Single(UnitBlob.Split(unit));
        Assert.Throws<Ckks.Serialization.SealFormatException>(() => UnitBlob.Split(unit.AsMemory(0, unit.Length - 1)));
    }
}
