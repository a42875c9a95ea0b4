using IcedServerless.Contracts;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Inference;

namespace IcedServerless.Functions.Api;

/// <summary><c>GET /api/models</c>: the plans a client needs to encrypt for each model.</summary>
public sealed class ModelsApi(IModelCatalog catalog)
{
    /// <summary>Lists the models.</summary>
    /// <returns>200 with a <see cref="ModelList"/>.</returns>
    public ApiResult List() => new(200, new ModelList(catalog.Plans));
}
