using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace WebPortal.Providers.KlasCement;

/// <summary>
/// The shape of KlasCement's member answer. The note does not show it; public integrations (viaacode/avo2-proxy,
/// a Laravel Socialite provider) read the member from <c>content.objects[0]</c>, and so do we.
/// </summary>
public static class KlasCementMemberDocument
{
    /// <summary>
    /// Builds the profile URL. The access token travels in the query string, as the note prescribes: this URI must
    /// never be logged or shown unredacted.
    /// </summary>
    public static Uri BuildUserUri(string userInformationEndpoint, string userId, string accessToken) =>
        new($"{userInformationEndpoint.TrimEnd('/')}/{Uri.EscapeDataString(userId)}?access_token={Uri.EscapeDataString(accessToken)}");

    /// <summary>Parses a member answer. JSON is UTF-8 whatever charset the answer claims, so bytes are read, not text.</summary>
    public static async Task<JsonDocument> ParseAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var body = await content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }

    /// <summary>"First name surname", leaving out what is missing; empty when both are.</summary>
    public static string FullName(string? firstName, string? surname) =>
        string.Join(' ', new[] { firstName, surname }.Where(part => !string.IsNullOrWhiteSpace(part)));

    public static bool TryGetMember(JsonElement root, [NotNullWhen(true)] out JsonElement? member)
    {
        member = null;
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
            && content.TryGetProperty("objects", out var objects) && objects.ValueKind == JsonValueKind.Array
            && objects.GetArrayLength() > 0 && objects[0].ValueKind == JsonValueKind.Object)
        {
            member = objects[0];
        }

        return member is not null;
    }
}
