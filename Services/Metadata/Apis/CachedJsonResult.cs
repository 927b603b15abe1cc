using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using VideoPlatform.Metadata.Caching;

namespace VideoPlatform.Metadata.Apis;

/// <summary>
/// A 200 with a cached value's JSON, serialised once per cached instance rather than once per
/// request. HybridCache hands out the same immutable instance on every in-process hit, so its
/// UTF-8 bytes are kept beside it (<see cref="ContractBytes"/>) and written as they are. On the
/// hot path — a cached video asked for again and again by players — this is most of the work a
/// request would otherwise do. Described to OpenAPI as a 200 of <typeparamref name="T"/>.
/// </summary>
internal sealed class CachedJsonResult<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
    where T : class
{
    public T Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var bytes = ContractBytes.Of(Value);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
