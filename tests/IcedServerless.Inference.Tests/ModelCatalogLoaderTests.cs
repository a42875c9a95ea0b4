using IcedServerless.Inference.Latency;
using IcedServerless.Model.Serialization;

namespace IcedServerless.Inference.Tests;

/// <summary>The service's catalog: both packings of every released model, in a stable order, planned but not encoded.</summary>
public sealed class ModelCatalogLoaderTests
{
    [Fact]
    public void Released_models_are_listed_by_file_name_throughput_first_without_encoding_plaintexts()
    {
        var catalog = ModelCatalogLoader.Load(ReleasedModelTests.Repo("models"));

        Assert.Equal(
            ["covid-cxr-28/throughput", "covid-cxr-28/latency", "pneumoniamnist-28/throughput", "pneumoniamnist-28/latency"],
            catalog.Plans.Select(p => p.ModelId));
        Assert.All(catalog.Plans, p => Assert.Same(p, catalog.Find(p.ModelId)!.Plan));
        // Both packings of a model are planned from one lowering: same depth and input size.
        Assert.Equal(catalog.Plans[0].Depth, catalog.Plans[1].Depth);
        Assert.Equal(catalog.Plans[0].ImageSize, catalog.Plans[1].ImageSize);
        Assert.All(catalog.Plans.Select(p => catalog.Find(p.ModelId)).OfType<LatencyEncryptedModel>(), m => Assert.False(m.PlaintextsEncoded));
    }

    [Fact]
    public void A_bad_model_file_throws_its_own_exception_not_the_parallel_loops_wrapper()
    {
        var directory = Directory.CreateTempSubdirectory("iced-catalog-");
        try
        {
            File.Copy(ReleasedModelTests.Repo("models/pneumoniamnist-28.model.json"), Path.Combine(directory.FullName, "a.model.json"));
            File.WriteAllText(Path.Combine(directory.FullName, "b.model.json"), "{\"format\": \"not a model\"}");

            Assert.Throws<ModelFormatException>(() => ModelCatalogLoader.Load(directory.FullName));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
