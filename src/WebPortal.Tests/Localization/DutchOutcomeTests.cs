using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebPortal.Areas.Admin.ViewModels.Accounts;
using WebPortal.Localization;
using WebPortal.Tokens;

namespace WebPortal.Tests.Localization;

/// <summary>
/// The sentences code puts together from parts (an admin action's outcome, the reason a refresh failed) are in Dutch
/// part by part, which a search of the source for lookups cannot see.
/// </summary>
public sealed class DutchOutcomeTests
{
    [Fact]
    public void Every_admin_outcome_with_every_refresh_failure_is_said_in_Dutch()
    {
        var text = new MissingTextRecorder();
        var failures = Enum.GetValues<UpstreamFailure>().Cast<UpstreamFailure?>().Append(null);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = PortalCultures.Dutch;
        try
        {
            foreach (var outcome in Enum.GetValues<AccountOutcome>())
            {
                foreach (var failure in failures)
                {
                    Assert.NotEmpty(OutcomeMessage.For(text, outcome, "KlasCement", failure, connection: null).Text);
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        Assert.True(text.LookedUp > 20, $"Only {text.LookedUp} lookups: the outcomes were not put together.");
        Assert.Empty(text.Missing);
    }

    /// <summary>The portal's own localizer over <c>Text.nl.resx</c>, noting every text it had no Dutch for.</summary>
    private sealed class MissingTextRecorder : IStringLocalizer<Text>
    {
        private readonly IStringLocalizer inner = new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(Text));

        public int LookedUp { get; private set; }

        public SortedSet<string> Missing { get; } = new(StringComparer.Ordinal);

        public LocalizedString this[string name] => Note(inner[name]);

        public LocalizedString this[string name, params object[] arguments] => Note(inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private LocalizedString Note(LocalizedString found)
        {
            LookedUp++;
            if (found.ResourceNotFound)
            {
                Missing.Add(found.Name);
            }

            return found;
        }
    }
}
