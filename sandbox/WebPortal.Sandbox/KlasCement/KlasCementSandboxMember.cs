namespace WebPortal.Sandbox.KlasCement;

/// <summary>A KlasCement member of the sandbox. <see cref="Profile"/> is the member object the profile API answers with.</summary>
public sealed record KlasCementSandboxMember(string Id, IReadOnlyDictionary<string, object?> Profile)
{
    private static readonly string[] NameFields = ["first_name", "surname"];

    public string DisplayName =>
        string.Join(' ', NameFields.Select(key => Profile.TryGetValue(key, out var value) ? value as string : null).Where(v => v is not null));

    public static IReadOnlyList<KlasCementSandboxMember> Defaults { get; } =
    [
        new("532abc50af2c8", new Dictionary<string, object?>
        {
            ["id"] = "532abc50af2c8",
            ["first_name"] = "An",
            ["surname"] = "Peeters",
            ["email"] = "an.peeters@example.be",
            ["school"] = "Sint-Jozefscollege Hasselt",
            ["subjects"] = new[] { "Wiskunde", "Fysica" },
            ["language"] = "nl",
            ["member_since"] = "2014-03-20",
            ["stats"] = new Dictionary<string, object?> { ["uploads"] = 12, ["downloads"] = 348 },
        }),
        new("61f0d2c7e9a41", new Dictionary<string, object?>
        {
            ["id"] = "61f0d2c7e9a41",
            ["first_name"] = "Jan",
            ["surname"] = "Janssens",
            // No e-mail: the scope `name` alone does not grant it.
            ["school"] = "Atheneum Brugge",
            ["subjects"] = new[] { "Geschiedenis" },
            ["language"] = "nl",
        }),
    ];
}
