namespace IcedServerless.Storage.Tests.Infrastructure;

/// <summary>Tests in this collection share one Azurite (<see cref="AzuriteFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
