using IcedServerless.Client.Workflow;
using IcedServerless.Inference;

namespace IcedServerless.Client.Tests;

/// <summary>Choosing a packing for a model named without one, by the bytes each would upload.</summary>
public sealed class PackingAdvisorTests
{
    // The released models' shapes: N = 16384, inputs at 6 primes; throughput 784 ciphertexts per 8192 images,
    // latency 7 ciphertexts per image.
    private static readonly ModelPlan Throughput = Plan("xray-28/throughput", Packing.Throughput, ciphertexts: 784, images: 8192);
    private static readonly ModelPlan Latency = Plan("xray-28/latency", Packing.Latency, ciphertexts: 7, images: 1);
    private static readonly ModelPlan Other = Plan("xray-280/latency", Packing.Latency, ciphertexts: 7, images: 1);
    private static readonly ModelPlan[] All = [Throughput, Latency, Other];

    [Fact]
    public void An_exact_id_is_the_only_candidate()
    {
        Assert.Equal([Latency], PackingAdvisor.Candidates(All, "xray-28/latency"));
    }

    [Fact]
    public void A_bare_name_matches_its_packings_and_not_a_model_whose_name_merely_starts_alike()
    {
        Assert.Equal([Throughput, Latency], PackingAdvisor.Candidates(All, "xray-28"));
    }

    [Theory]
    [InlineData("xray")]
    [InlineData("xray-28/fast")]
    [InlineData("xray-28/")]
    public void Unknown_models_are_a_typed_error_listing_the_known_ones(string model)
    {
        var e = Assert.Throws<ModelNotFoundException>(() => PackingAdvisor.Candidates(All, model));
        Assert.Contains("xray-28/throughput", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, Packing.Latency)]
    [InlineData(50, Packing.Latency)]
    [InlineData(200, Packing.Throughput)]
    [InlineData(20000, Packing.Throughput)]
    public void The_packing_that_uploads_less_wins(int images, Packing expected)
    {
        Assert.Equal(expected, PackingAdvisor.Choose([Throughput, Latency], images).Packing);
    }

    [Fact]
    public void The_crossover_is_where_a_throughput_unit_costs_as_much_as_that_many_latency_images()
    {
        var unit = PackingAdvisor.UploadBytes(Throughput, 1);
        Assert.Equal(unit, PackingAdvisor.UploadBytes(Throughput, 8192));
        Assert.Equal(2 * unit, PackingAdvisor.UploadBytes(Throughput, 8193));
        var crossover = (int)(unit / Latency.UploadBytesPerImage);
        Assert.Equal(Packing.Latency, PackingAdvisor.Choose([Throughput, Latency], crossover).Packing);
        Assert.Equal(Packing.Throughput, PackingAdvisor.Choose([Throughput, Latency], crossover + 1).Packing);
    }

    private static ModelPlan Plan(string id, Packing packing, int ciphertexts, int images) => new(
        id, packing, 16384, [60, 40, 40, 40, 40, 40, 60], [], Math.Pow(2, 40), InputLevel: 5, Depth: 5, NeedsRelinKeys: true,
        RotationSteps: packing == Packing.Latency ? [1, 2, 4] : [], ciphertexts, images, OutputCiphertextsPerUnit: 2, "test layout",
        ImageSize: 28, ClassNames: ["normal", "pneumonia"]);
}
