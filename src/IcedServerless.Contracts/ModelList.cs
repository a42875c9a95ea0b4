using IcedServerless.Inference;

namespace IcedServerless.Contracts;

/// <summary>The answer of <c>GET /api/models</c>: every model with what a client must encrypt for it.</summary>
/// <param name="Models">The published plans (CKKS parameters, scale, keys to register, unit layout).</param>
public sealed record ModelList(IReadOnlyList<ModelPlan> Models);
