using System.Globalization;
using IcedServerless.Functions.Configuration;
using IcedServerless.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace IcedServerless.Functions.Local;

/// <summary>
/// The embedded store's blob endpoint: <c>PUT</c>, <c>GET</c> and <c>HEAD</c> under <c>/local-blobs/</c>, each
/// checked against its signed link by the storage layer's validator, so clients upload and download by URL
/// exactly as they do against Azure. A <c>PUT</c> with <c>If-None-Match: *</c> is create-only (409 if the blob
/// exists), which is what a create-only (<c>sp=c</c>) link requires.
/// </summary>
internal static class LocalBlobEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, long maxUploadBytes)
    {
        var pattern = PipelineStorage.LocalBlobsPath + "{container}/{**blob}";
        endpoints.MapMethods(pattern, ["PUT"], (HttpContext context, PipelineStorage storage) => PutAsync(context, storage, maxUploadBytes));
        endpoints.MapMethods(pattern, ["GET", "HEAD"], GetAsync);
    }

    private static async Task<IResult> PutAsync(HttpContext context, PipelineStorage storage, long maxUploadBytes)
    {
        var createOnly = context.Request.Headers.IfNoneMatch.ToString() == "*";
        if (Authorize(context, storage, createOnly) is not { } grant)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (context.Request.ContentLength is not { } length)
        {
            return Results.StatusCode(StatusCodes.Status411LengthRequired);
        }

        if (length > maxUploadBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // Kestrel's default cap (30 MB) is below a Galois key file; the Content-Length was checked above instead.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxUploadBytes;
        }

        try
        {
            var result = await storage.Blobs.UploadAsync(
                grant.Container, grant.BlobName, context.Request.Body, new BlobUploadOptions { CreateOnly = createOnly }, context.RequestAborted)
                .ConfigureAwait(false);
            context.Response.Headers.ETag = result.ETag;
            return Results.StatusCode(StatusCodes.Status201Created);
        }
        catch (BlobAlreadyExistsException)
        {
            return Results.Conflict();
        }
        catch (StorageNotFoundException)
        {
            return Results.NotFound();
        }
    }

    private static async Task GetAsync(HttpContext context, PipelineStorage storage)
    {
        if (Authorize(context, storage, createOnly: false) is not { } grant)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        try
        {
            var properties = await storage.Blobs.GetPropertiesAsync(grant.Container, grant.BlobName, context.RequestAborted).ConfigureAwait(false);
            context.Response.ContentType = properties.ContentType;
            context.Response.ContentLength = properties.Length;
            context.Response.Headers.ETag = properties.ETag;
            context.Response.Headers.LastModified = properties.LastModified.ToString("R", CultureInfo.InvariantCulture);
            if (HttpMethods.IsGet(context.Request.Method))
            {
                await storage.Blobs.DownloadToAsync(grant.Container, grant.BlobName, context.Response.Body, null, context.RequestAborted)
                    .ConfigureAwait(false);
            }
        }
        catch (StorageNotFoundException)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private static Storage.FileSystem.LocalSasGrant? Authorize(HttpContext context, PipelineStorage storage, bool createOnly)
    {
        try
        {
            return storage.LocalSas.Validate(new Uri(context.Request.GetEncodedUrl()), context.Request.Method, createOnly);
        }
        catch (SasAuthorizationException)
        {
            // A link holder learns just "forbidden", never which check failed.
            return null;
        }
    }
}
