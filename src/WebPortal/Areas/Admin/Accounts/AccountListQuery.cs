using WebPortal.Data;

namespace WebPortal.Areas.Admin.Accounts;

/// <summary>How the admin list is sorted.</summary>
public enum AccountSort
{
    /// <summary>Most recent sign-in first (the default).</summary>
    LastSignIn,

    /// <summary>By display name, A to Z.</summary>
    Name,
}

/// <summary>
/// The admin list's search, filters, sort and page, as read from the query string. Values the portal does not know
/// (a provider, a state or a sort it has no name for) are dropped and named in <see cref="Ignored"/>, so that the page
/// can say it shows the list without them.
/// </summary>
public sealed record AccountListQuery(
    string? Search,
    string? Provider,
    ConnectionStatus? State,
    AccountSort Sort,
    int Page,
    int Size,
    IReadOnlyList<string> Ignored)
{
    public const int DefaultSize = 25;

    public const int MaxSize = 100;

    /// <summary>A search longer than a display name can be matches nothing more; cutting it keeps the query small.</summary>
    public const int MaxSearchLength = 200;

    /// <param name="knownProviders">The provider names a filter may use (every provider the portal knows, on or off).</param>
    public static AccountListQuery Parse(string? q, string? provider, string? state, string? sort, int? page, int? size, IEnumerable<string> knownProviders)
    {
        var ignored = new List<string>();

        string? knownProvider = null;
        if (!string.IsNullOrWhiteSpace(provider))
        {
            knownProvider = knownProviders.FirstOrDefault(known => string.Equals(known, provider.Trim(), StringComparison.OrdinalIgnoreCase));
            if (knownProvider is null)
            {
                ignored.Add("provider");
            }
        }

        ConnectionStatus? knownState = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (Enum.TryParse<ConnectionStatus>(state.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(state.Trim()[0]))
            {
                knownState = parsed;
            }
            else
            {
                ignored.Add("state");
            }
        }

        var knownSort = AccountSort.LastSignIn;
        if (!string.IsNullOrWhiteSpace(sort))
        {
            if (string.Equals(sort.Trim(), "name", StringComparison.OrdinalIgnoreCase))
            {
                knownSort = AccountSort.Name;
            }
            else if (!string.Equals(sort.Trim(), "lastSignIn", StringComparison.OrdinalIgnoreCase))
            {
                ignored.Add("sort");
            }
        }

        return new AccountListQuery(
            Cut(q),
            knownProvider,
            knownState,
            knownSort,
            page is >= 1 ? page.Value : 1,
            size switch
            {
                null or < 1 => DefaultSize,
                > MaxSize => MaxSize,
                { } value => value,
            },
            ignored);
    }

    /// <summary>How many rows come before this page; a long, so that no page number overflows it.</summary>
    public long Offset => (long)(Page - 1) * Size;

    /// <summary>The query string of this list at another page, keeping every search, filter, sort and size.</summary>
    public IReadOnlyDictionary<string, string?> RouteValues(int page)
    {
        var values = new Dictionary<string, string?>();
        if (Search is not null)
        {
            values["q"] = Search;
        }

        if (Provider is not null)
        {
            values["provider"] = Provider;
        }

        if (State is { } state)
        {
            values["state"] = state.ToString();
        }

        if (Sort == AccountSort.Name)
        {
            values["sort"] = "name";
        }

        if (Size != DefaultSize)
        {
            values["size"] = Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (page != 1)
        {
            values["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return values;
    }

    /// <summary>Trimmed and cut to <see cref="MaxSearchLength"/>, never between the two halves of a surrogate pair; null when empty.</summary>
    private static string? Cut(string? q)
    {
        var search = q?.Trim();
        if (string.IsNullOrEmpty(search))
        {
            return null;
        }

        if (search.Length > MaxSearchLength)
        {
            var length = char.IsHighSurrogate(search[MaxSearchLength - 1]) ? MaxSearchLength - 1 : MaxSearchLength;
            search = search[..length].TrimEnd();
        }

        return search;
    }
}
