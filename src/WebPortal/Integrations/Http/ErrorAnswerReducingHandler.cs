using System.Net.Http.Headers;
using System.Text.Json;

namespace WebPortal.Integrations.Http;

/// <summary>
/// Reduces every error answer (4xx, 5xx) of a provider to its validated codes before any caller reads it: the
/// framework's OpenID Connect handler and IdentityModel quote an error body in exception messages and log lines
/// (<c>error</c>, <c>error_description</c>, a metadata answer's whole content), and a provider may echo a client
/// secret or a code there. A JSON object keeps only <see cref="ProviderErrorCodes"/>' reduction of <c>error</c> and
/// <c>error_description</c>; any other body is dropped.
/// </summary>
public sealed class ErrorAnswerReducingHandler : DelegatingHandler
{
    /// <summary>An error answer longer than this is no OAuth error: it is dropped unread.</summary>
    private const int MaxErrorAnswerBytes = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode < 400)
        {
            return response;
        }

        var reduced = await ReduceAsync(response.Content, cancellationToken);
        response.Content.Dispose();
        response.Content = new ByteArrayContent(reduced ?? []);
        if (reduced is not null)
        {
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return response;
    }

    private static async Task<byte[]?> ReduceAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var body = await ReadBoundedAsync(content, cancellationToken);
        if (body is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var error = ProviderErrorCodes.Code(Text(document.RootElement, "error"));
            var description = ProviderErrorCodes.B2CCode(Text(document.RootElement, "error_description"));
            var reduced = new Dictionary<string, string>();
            if (error is not null)
            {
                reduced["error"] = error;
            }

            if (description is not null)
            {
                reduced["error_description"] = description;
            }

            return JsonSerializer.SerializeToUtf8Bytes(reduced);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxErrorAnswerBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
