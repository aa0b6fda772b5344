using WebPortal.Scaling;

namespace WebPortal.Tests.Scaling;

/// <summary>What one instance tells the others through Redis, and what a listener accepts back from the channel.</summary>
public sealed class CacheInvalidationTests
{
    private static readonly Guid Sender = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    private static readonly Guid User = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    public static TheoryData<CacheInvalidation> EveryKind => new()
    {
        CacheInvalidation.ForSession("q2xVxN9kVQ6Ck6E3_rG8j-0mQm6ZBqzj2Z6sH1nqk1M"),
        CacheInvalidation.ForUser(User),
        CacheInvalidation.ForAccessToken(User, "MyOrganizer"),
    };

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_kind_is_read_back_as_it_was_sent_with_its_sender(CacheInvalidation sent)
    {
        Assert.True(CacheInvalidation.TryParse(sent.Format(Sender), out var sender, out var received));

        Assert.Equal(Sender, sender);
        Assert.Equal(sent, received);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("6f9619ff8b86d011b42d00c04fc964ff|Session")]
    [InlineData("not-a-guid|Session|abc")]
    [InlineData("6f9619ff8b86d011b42d00c04fc964ff|Everything|abc")]
    [InlineData("6f9619ff8b86d011b42d00c04fc964ff|7|abc")]
    [InlineData("6f9619ff8b86d011b42d00c04fc964ff|session|abc")]
    [InlineData("6f9619ff8b86d011b42d00c04fc964ff|Session|abc|MyOrganizer")]
    [InlineData("6f9619ff8b86d011b42d00c04fc964ff|Session|a b")]
    [InlineData("6f9619ff8b86d011b42d00c04fc964ff|Session|../../etc")]
    [InlineData("6f9619ff8b86d011b42d00c04fc964ff|User|not-a-guid")]
    [InlineData("6f9619ff8b86d011b42d00c04fc964ff|User|0f8fad5bd9cb469fa16570867728950e|MyOrganizer")]
    [InlineData("6f9619ff8b86d011b42d00c04fc964ff|AccessToken|0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("6f9619ff8b86d011b42d00c04fc964ff|AccessToken|0f8fad5bd9cb469fa16570867728950e|My Organizer")]
    [InlineData("6f9619ff8b86d011b42d00c04fc964ff|Session|abc|def|ghi")]
    public void Anything_else_on_the_channel_is_ignored(string? message)
    {
        Assert.False(CacheInvalidation.TryParse(message, out _, out var invalidation));
        Assert.Null(invalidation);
    }

    [Fact]
    public void A_subject_longer_than_any_key_the_portal_makes_is_ignored()
    {
        var message = $"{Sender:N}|Session|{new string('a', 65)}";

        Assert.False(CacheInvalidation.TryParse(message, out _, out _));
    }
}
