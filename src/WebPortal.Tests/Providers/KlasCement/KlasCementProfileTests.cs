using System.Text.Json;
using WebPortal.Providers.KlasCement;

namespace WebPortal.Tests.Providers.KlasCement;

public sealed class KlasCementProfileTests
{
    [Fact]
    public void Known_fields_are_read_and_every_other_field_is_listed_by_its_path()
    {
        using var member = JsonDocument.Parse("""
            { "id": "532abc50af2c8", "first_name": "An", "surname": "Peeters", "email": "an@example.be",
              "active": true, "level": 3, "nothing": null, "tags": ["a", "b"],
              "stats": { "uploads": 12, "badges": [ { "name": "Top" } ] } }
            """);

        var profile = KlasCementProfile.FromMember(member.RootElement);

        Assert.Equal("An Peeters", profile.DisplayName);
        Assert.Equal("an@example.be", profile.Email);
        Assert.Equal(
            [
                new ProfileField("active", "yes"),
                new ProfileField("level", "3"),
                new ProfileField("nothing", null),
                new ProfileField("tags", "a, b"),
                new ProfileField("stats.uploads", "12"),
                new ProfileField("stats.badges[0].name", "Top"),
            ],
            profile.OtherFields);
    }

    [Fact]
    public void Missing_fields_and_fields_of_another_type_do_not_fail()
    {
        using var member = JsonDocument.Parse("""{ "id": 42, "first_name": { "nl": "An" } }""");

        var profile = KlasCementProfile.FromMember(member.RootElement);

        Assert.Equal("42", profile.Id);
        Assert.Null(profile.FirstName);
        Assert.Null(profile.Email);
        Assert.Equal("", profile.DisplayName);
    }
}
