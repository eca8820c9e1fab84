using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Attune.Web.Features.Recordings;

/// <summary>
/// Sends an <see cref="EncodedJson"/>: 304 when <c>If-None-Match</c> names it, otherwise the stored bytes in the coding
/// <c>Accept-Encoding</c> prefers, with their own ETag and <c>Vary: Accept-Encoding</c>. Nothing is serialized or
/// compressed per request. Declares a 200 of <typeparamref name="T"/> and a 304 for the API description.
/// </summary>
public sealed class PrecompressedJson<T>(EncodedJson json) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public EncodedJson Json { get; } = json;

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;
        var encoding = EncodedJson.ChooseEncoding(request.Headers.AcceptEncoding);
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.ETag = Json.ETag(encoding);
        if (Json.IsNoneMatchSatisfied(request.Headers.IfNoneMatch))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var body = Json.Body(encoding);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(request.Method))
        {
            return;
        }
        await response.Body.WriteAsync(body, http.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }
}
