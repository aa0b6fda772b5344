using Microsoft.EntityFrameworkCore;
using WebPortal.Data;

namespace WebPortal.Areas.Admin.Accounts;

/// <summary>
/// Reads portal users and their connections for the admin pages, never a token column. The list is one page of users,
/// its users' connections in one second query, and a count, each led by an index, so that it stays fast at a hundred
/// thousand users.
/// </summary>
/// <remarks>
/// A page of a searched or filtered list can be read two ways: walk the sort order's index and check each user until
/// the page is full (about <c>rows needed × users ÷ matches</c> users read), or look the matching users up through the
/// search's and filter's own indexes and sort them (every match read). Which is cheaper depends on how many users
/// match, which SQLite cannot know without statistics, but the count just taken tells: the list picks the walk when it
/// reads fewer rows, so that a broad search's first page and a rare filter's last page are both quick. On PostgreSQL
/// the query is the same without index hints, and its planner makes that choice from its statistics.
/// </remarks>
public sealed class AccountDirectory(PortalDbContext db)
{
    /// <summary>
    /// Above every character a normalized name can hold, in UTF-16 and in UTF-8 byte order alike (U+10FFFF, the last
    /// code point): <c>value &gt;= prefix AND value &lt; prefix + MaxChar</c> is "starts with prefix" as a range.
    /// </summary>
    private const string MaxChar = "\uDBFF\uDFFF";

    // The sort orders' indexes (PortalDbContext), named for SQLite's INDEXED BY when the list walks one of them.
    private const string ByLastSignIn = """SELECT * FROM "Users" INDEXED BY "IX_Users_LastSignInAt_Id" """;
    private const string ByName = """SELECT * FROM "Users" INDEXED BY "IX_Users_NormalizedDisplayName_Id" """;

    public async Task<AccountPage> ListAsync(AccountListQuery query, CancellationToken cancellationToken)
    {
        var total = await CountAsync(query, cancellationToken);
        if (query.Offset >= total)
        {
            return new AccountPage(query, total, []);
        }

        var sqlite = db.Database.IsSqlite();
        var walk = sqlite && await WalkingReadsFewerRowsAsync(query, total, cancellationToken);
        var matching = Matching(walk ? db.Users.FromSqlRaw(query.Sort == AccountSort.Name ? ByName : ByLastSignIn) : db.Users, query, walk);
        var pageOfUsers = Ordered(matching, query.Sort).Skip((int)query.Offset).Take(query.Size);
        if (!sqlite)
        {
            // PostgreSQL reads a whole row for every user it skips to reach a late page; the page's ids alone come
            // from the sort's index (an index-only scan), and only the page's own rows are read.
            var ids = pageOfUsers.Select(u => u.Id);
            pageOfUsers = Ordered(db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)), query.Sort);
        }

        var page = await pageOfUsers
            .Select(u => new AccountUser(u.Id, u.DisplayName, u.Email, u.IsAdmin, u.CreatedAt, u.LastSignInAt))
            .ToListAsync(cancellationToken);

        var connections = await ConnectionsOfAsync(page.Select(u => u.Id).ToList(), cancellationToken);
        return new AccountPage(
            query,
            total,
            [.. page.Select(user => new AccountWithConnections(user, connections[user.Id].ToList()))]);
    }

    private static IQueryable<PortalUser> Ordered(IQueryable<PortalUser> users, AccountSort sort) =>
        sort == AccountSort.Name
            ? users.OrderBy(u => u.NormalizedDisplayName).ThenBy(u => u.Id)
            : users.OrderByDescending(u => u.LastSignInAt).ThenByDescending(u => u.Id);

    /// <summary>One user with their connections, or null when there is no such user.</summary>
    public async Task<AccountWithConnections?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new AccountUser(u.Id, u.DisplayName, u.Email, u.IsAdmin, u.CreatedAt, u.LastSignInAt))
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var connections = await ConnectionsOfAsync([userId], cancellationToken);
        return new AccountWithConnections(user, connections[userId].ToList());
    }

    /// <param name="walking">
    /// The users are walked along the sort's index: each is checked with a lookup of its own connections. Otherwise
    /// the filter is the list of matching user ids, read once from the connections' (Provider, Status, UserId) index.
    /// </param>
    private IQueryable<PortalUser> Matching(IQueryable<PortalUser> users, AccountListQuery query, bool walking = false)
    {
        users = users.AsNoTracking();
        if (query.Search is { } search)
        {
            var prefix = PortalUser.Normalize(search);
            var upper = prefix + MaxChar;

            // Three index lookups: the name range, the e-mail range, and the owners of a connection with exactly this
            // external id. CompareTo is SQL's binary comparison here, not .NET's.
            var externalOwners = db.Connections.Where(c => c.ProviderUserId == search).Select(c => c.UserId);
            if (db.Database.IsSqlite())
            {
                // SQLite plans each branch of the OR as a lookup of its own, and can walk the sort's index with it.
                users = users.Where(u =>
                    (u.NormalizedDisplayName.CompareTo(prefix) >= 0 && u.NormalizedDisplayName.CompareTo(upper) < 0)
                    || (u.NormalizedEmail!.CompareTo(prefix) >= 0 && u.NormalizedEmail.CompareTo(upper) < 0)
                    || externalOwners.Contains(u.Id));
            }
            else
            {
                // PostgreSQL plans an OR with a subquery as a scan of every user, and "id in a union of the three
                // lookups' ids" as a hash join over every user once many match (the benchmark's plans at 100,000
                // users): the union of the three lookups' own rows reads the matching users only.
                users = users.Where(u => u.NormalizedDisplayName.CompareTo(prefix) >= 0 && u.NormalizedDisplayName.CompareTo(upper) < 0)
                    .Union(users.Where(u => u.NormalizedEmail!.CompareTo(prefix) >= 0 && u.NormalizedEmail.CompareTo(upper) < 0))
                    .Union(users.Where(u => externalOwners.Contains(u.Id)));
            }
        }

        if (query.Provider is null && query.State is null)
        {
            return users;
        }

        if (walking)
        {
            return (query.Provider, query.State) switch
            {
                ({ } provider, { } state) => users.Where(u => u.Connections.Any(c => c.Provider == provider && c.Status == state)),
                ({ } provider, null) => users.Where(u => u.Connections.Any(c => c.Provider == provider)),
                (null, { } state) => users.Where(u => u.Connections.Any(c => c.Status == state)),
                _ => users,
            };
        }

        var owners = MatchingConnections(query).Select(c => c.UserId);
        return users.Where(u => owners.Contains(u.Id));
    }

    private IQueryable<ProviderConnection> MatchingConnections(AccountListQuery query)
    {
        var connections = db.Connections.AsNoTracking();
        if (query.Provider is { } provider)
        {
            connections = connections.Where(c => c.Provider == provider);
        }

        if (query.State is { } state)
        {
            connections = connections.Where(c => c.Status == state);
        }

        return connections;
    }

    /// <summary>
    /// Whether SQLite should walk the sort order's index rather than look the matches up (see the remarks above).
    /// PostgreSQL keeps statistics and chooses between the two plans itself.
    /// </summary>
    private async Task<bool> WalkingReadsFewerRowsAsync(AccountListQuery query, int total, CancellationToken cancellationToken)
    {
        var narrowed = query.Search is not null || query.Provider is not null || query.State is not null;
        var users = narrowed ? await EstimatedUsersAsync(cancellationToken) : total;
        return (query.Offset + query.Size) * users < (long)total * total;
    }

    /// <summary>
    /// How many users there are, about: the largest rowid, read from the end of the table's b-tree without counting.
    /// Deleted users make it an overestimate, which only makes the list walk an index a little less often.
    /// </summary>
    private async Task<long> EstimatedUsersAsync(CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<long?>("""SELECT MAX(rowid) AS "Value" FROM "Users" """).SingleAsync(cancellationToken) ?? 0;

    /// <summary>
    /// Without a search the count is read from the narrowest index: a user has at most one connection per provider,
    /// so counting a provider's connections counts its users, without visiting every user.
    /// </summary>
    private Task<int> CountAsync(AccountListQuery query, CancellationToken cancellationToken) =>
        (query.Search, query.Provider, query.State) switch
        {
            (not null, _, _) => Matching(db.Users, query).CountAsync(cancellationToken),
            (null, not null, _) => MatchingConnections(query).CountAsync(cancellationToken),
            (null, null, not null) => MatchingConnections(query).Select(c => c.UserId).Distinct().CountAsync(cancellationToken),
            _ => db.Users.CountAsync(cancellationToken),
        };

    private async Task<ILookup<Guid, AccountConnection>> ConnectionsOfAsync(List<Guid> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return Array.Empty<AccountConnection>().ToLookup(c => c.UserId);
        }

        var connections = await db.Connections.AsNoTracking()
            .Where(c => userIds.Contains(c.UserId))
            .Select(c => new AccountConnection(
                c.UserId,
                c.Provider,
                c.ProviderUserId,
                c.ConnectedAt,
                c.AccessTokenExpiresAt,
                c.LastRefreshedAt,
                c.LastRefreshAttemptAt,
                c.LastRefreshOutcome,
                c.Status,
                c.ReconnectReason,
                c.Scope))
            .ToListAsync(cancellationToken);
        return connections.OrderBy(c => c.Provider, StringComparer.Ordinal).ToLookup(c => c.UserId);
    }
}

/// <summary>One page of the admin list, and how many users match in all.</summary>
public sealed record AccountPage(AccountListQuery Query, int Total, IReadOnlyList<AccountWithConnections> Accounts)
{
    public int Pages => (int)((Total + (long)Query.Size - 1) / Query.Size);
}

public sealed record AccountWithConnections(AccountUser User, IReadOnlyList<AccountConnection> Connections);

/// <summary>A portal user as the admin pages show them.</summary>
public sealed record AccountUser(Guid Id, string DisplayName, string? Email, bool IsAdmin, DateTimeOffset CreatedAt, DateTimeOffset LastSignInAt);

/// <summary>A provider connection as the admin pages show it: its state and dates, never a token.</summary>
public sealed record AccountConnection(
    Guid UserId,
    string Provider,
    string ProviderUserId,
    DateTimeOffset ConnectedAt,
    DateTimeOffset? AccessTokenExpiresAt,
    DateTimeOffset? LastRefreshedAt,
    DateTimeOffset? LastRefreshAttemptAt,
    string? LastRefreshOutcome,
    ConnectionStatus Status,
    string? ReconnectReason,
    string? Scope)
{
    /// <summary>The scopes the provider granted, as it listed them (space- or comma-separated).</summary>
    public IReadOnlyList<string> Scopes =>
        Scope?.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
