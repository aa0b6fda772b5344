namespace WebPortal.Sandbox.KlasCement;

/// <summary>A KlasCement member of the sandbox. <see cref="Profile"/> is the member object the profile API answers with.</summary>
public sealed record KlasCementSandboxMember(string Id, IReadOnlyDictionary<string, object?> Profile)
{
    private static readonly string[] NameFields = ["first_name", "surname"];

    public string DisplayName =>
        string.Join(' ', NameFields.Select(key => Profile.TryGetValue(key, out var value) ? value as string : null).Where(v => v is not null));

    /// <summary>An Peeters: a full profile, e-mail address included.</summary>
    public const string AnPeetersId = "532abc50af2c8";

    /// <summary>Jan Janssens: no e-mail address.</summary>
    public const string JanJanssensId = "61f0d2c7e9a41";

    public static IReadOnlyList<KlasCementSandboxMember> Defaults { get; } =
    [
        new(AnPeetersId, new Dictionary<string, object?>
        {
            ["id"] = AnPeetersId,
            ["first_name"] = "An",
            ["surname"] = "Peeters",
            ["email"] = "an.peeters@example.be",
            ["school"] = "Sint-Jozefscollege Hasselt",
            ["subjects"] = new[] { "Wiskunde", "Fysica" },
            ["language"] = "nl",
            ["member_since"] = "2014-03-20",
            ["stats"] = new Dictionary<string, object?> { ["uploads"] = 12, ["downloads"] = 348 },
        }),
        new(JanJanssensId, new Dictionary<string, object?>
        {
            ["id"] = JanJanssensId,
            ["first_name"] = "Jan",
            ["surname"] = "Janssens",
            // No e-mail: the scope `name` alone does not grant it.
            ["school"] = "Atheneum Brugge",
            ["subjects"] = new[] { "Geschiedenis" },
            ["language"] = "nl",
        }),
    ];
}
