using System.Globalization;
using System.Text.Json;
using static WebPortal.Providers.KlasCement.KlasCementAuthenticationConstants;

namespace WebPortal.Providers.KlasCement;

/// <summary>A KlasCement member's profile: the fields the portal knows, and every other field KlasCement sent.</summary>
public sealed record KlasCementProfile(string? Id, string? FirstName, string? Surname, string? Email, IReadOnlyList<ProfileField> OtherFields)
{
    private const int MaxOtherFields = 200;
    private const int MaxDepth = 5;

    private static readonly HashSet<string> KnownFields = [MemberFields.Id, MemberFields.FirstName, MemberFields.Surname, MemberFields.Email];

    public string DisplayName => KlasCementMemberDocument.FullName(FirstName, Surname);

    /// <summary>Reads the member object; a field that is missing, of another type or new never makes it fail.</summary>
    public static KlasCementProfile FromMember(JsonElement member)
    {
        var others = new List<ProfileField>();
        foreach (var property in member.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
            {
                Flatten(property.Name, property.Value, others, depth: 0);
            }
        }

        return new KlasCementProfile(
            Text(member, MemberFields.Id),
            Text(member, MemberFields.FirstName),
            Text(member, MemberFields.Surname),
            Text(member, MemberFields.Email),
            others);
    }

    private static string? Text(JsonElement member, string name) =>
        member.TryGetProperty(name, out var value) ? Scalar(value) : null;

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        _ => null,
    };

    private static void Flatten(string name, JsonElement value, List<ProfileField> fields, int depth)
    {
        if (fields.Count >= MaxOtherFields)
        {
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object when depth < MaxDepth:
                foreach (var property in value.EnumerateObject())
                {
                    Flatten($"{name}.{property.Name}", property.Value, fields, depth + 1);
                }

                break;

            case JsonValueKind.Array when value.EnumerateArray().All(item => Scalar(item) is not null):
                fields.Add(new ProfileField(name, string.Join(", ", value.EnumerateArray().Select(Scalar))));
                break;

            case JsonValueKind.Array when depth < MaxDepth:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Flatten(string.Create(CultureInfo.InvariantCulture, $"{name}[{index++}]"), item, fields, depth + 1);
                }

                break;

            case JsonValueKind.Null:
                fields.Add(new ProfileField(name, null));
                break;

            default:
                fields.Add(new ProfileField(name, Scalar(value) ?? value.GetRawText()));
                break;
        }
    }
}

/// <summary>One field of a provider's answer, by its path in the JSON (<c>stats.uploads</c>). Null when the value was null.</summary>
public sealed record ProfileField(string Name, string? Value);
