using System.Buffers.Text;
using System.Globalization;
using System.Text;
using WebPortal.Data;

namespace WebPortal.Bench;

/// <summary>
/// The accounts a seeded portal database holds, made up with a fixed random seed so that every run seeds the same
/// people (times are relative to <paramref name="now"/>). Half of the users have both a KlasCement and a MyOrganizer
/// account, a quarter only one of them: 1.5 connections per user. About 10 % of the connections need a reconnect.
/// Entities are the portal's own classes, so that names and e-mail addresses are normalized by the portal's code.
/// </summary>
internal sealed class SeedPopulation(DateTimeOffset now)
{
    public const string KlasCement = "KlasCement";
    public const string MyOrganizer = "MyOrganizer";
    private const double NeedsReconnectShare = 0.10;
    private static readonly TimeSpan History = TimeSpan.FromDays(730);
    private static readonly TimeSpan AuditHistory = TimeSpan.FromDays(60);
    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);
    private const string MyOrganizerApi = "https://ringphonesso.onmicrosoft.com/myorganizer-api/appointments.read";

    /// <summary>What a Data Protection payload starts with (magic header 0x09F0C9F0), as the portal's token columns do.</summary>
    private static readonly byte[] DataProtectionMagic = [0x09, 0xF0, 0xC9, 0xF0];

    private readonly Random _random = new(8);

    public DateTimeOffset Now => now;

    /// <summary>The <paramref name="index"/>th user with their connections; call in order, from 0.</summary>
    public PortalUser User(int index)
    {
        var (name, email) = NameAndEmail();
        var createdAt = now - History * _random.NextDouble();
        var returned = _random.NextDouble() >= 0.15;

        // Most people who came back did so recently: u² leans towards now.
        var lastSignInAt = returned ? now - (now - createdAt) * Math.Pow(_random.NextDouble(), 2) : createdAt;
        var user = new PortalUser
        {
            Id = NewGuid(),
            DisplayName = name,
            Email = email,
            CreatedAt = createdAt,
            LastSignInAt = lastSignInAt,
            IsAdmin = index % 20_000 == 7,
        };

        // 0, 1: both providers (the first one the person signed up with), 2: KlasCement only, 3: MyOrganizer only.
        var kind = index % 4;
        var first = kind is 1 or 3 ? MyOrganizer : KlasCement;
        user.Connections.Add(Connection(user, index, first, createdAt));
        if (kind < 2)
        {
            var linkedAt = createdAt + (lastSignInAt - createdAt) * _random.NextDouble();
            user.Connections.Add(Connection(user, index, first == KlasCement ? MyOrganizer : KlasCement, linkedAt));
        }

        return user;
    }

    /// <summary>
    /// <paramref name="count"/> audit entries of the last 60 days, oldest first, about the <paramref name="users"/>
    /// (a sample of the seeded ones) and done by them, by the seeded <paramref name="admins"/> or by the portal.
    /// </summary>
    public IEnumerable<AuditEntry> AuditEntries(int count, IReadOnlyList<PortalUser> users, IReadOnlyList<PortalUser> admins)
    {
        var times = Enumerable.Range(0, count).Select(_ => now - AuditHistory * _random.NextDouble()).Order().ToList();
        foreach (var at in times)
        {
            var subject = users[_random.Next(users.Count)];
            var connection = subject.Connections[_random.Next(subject.Connections.Count)];
            var admin = admins.Count == 0 ? null : admins[_random.Next(admins.Count)];
            var action = Pick(
                (AuditAction.SignedIn, 60), (AuditAction.FirstLink, 8), (AuditAction.ProviderLinked, 8), (AuditAction.ReconnectNeeded, 8),
                (AuditAction.Reconnected, 4), (AuditAction.LinkRefused, 2), (AuditAction.RefreshForced, 3), (AuditAction.Unlinked, 3),
                (AuditAction.AccountDeleted, 2), (AuditAction.AdminGranted, 1), (AuditAction.AdminRevoked, 1));
            var byAdmin = action is AuditAction.RefreshForced or AuditAction.AdminGranted or AuditAction.AdminRevoked
                || (action is AuditAction.Unlinked or AuditAction.AccountDeleted && _random.NextDouble() < 0.3);
            var actor = action == AuditAction.ReconnectNeeded || (byAdmin && admin is null) ? null : byAdmin ? admin : subject;
            var deleted = action == AuditAction.AccountDeleted;
            yield return new AuditEntry
            {
                At = at,
                Action = action,
                ActorUserId = deleted && actor == subject ? null : actor?.Id,
                ActorName = actor?.DisplayName,

                // A deleted user is gone: the entry keeps the id and the name they had.
                SubjectUserId = deleted ? NewGuid() : subject.Id,
                SubjectName = subject.DisplayName,
                Provider = action is AuditAction.AdminGranted or AuditAction.AdminRevoked or AuditAction.AccountDeleted ? null : connection.Provider,
                ExternalUserId = action is AuditAction.AdminGranted or AuditAction.AdminRevoked or AuditAction.AccountDeleted ? null : connection.ProviderUserId,
                Detail = action switch
                {
                    AuditAction.ReconnectNeeded => ReconnectReason(),
                    AuditAction.RefreshForced => Pick(("Refreshed", 85), ("Rejected", 10), ("Timeout", 5)),
                    _ => null,
                },
                ClientIp = ClientIp(),
            };
        }
    }

    private ProviderConnection Connection(PortalUser user, int index, string provider, DateTimeOffset connectedAt)
    {
        var connection = new ProviderConnection
        {
            Id = NewGuid(),
            UserId = user.Id,
            Provider = provider,
            ProviderUserId = provider == KlasCement ? KlasCementId(index) : NewGuid().ToString(),
            Scope = provider == KlasCement
                ? Pick(("name", 70), ("name email", 25), ("name email school", 5))
                : Pick((MyOrganizerApi, 85), ($"{MyOrganizerApi} offline_access openid", 15)),
            ConnectedAt = connectedAt,
            Version = NewGuid(),
        };

        // The last time the person used the portal; refreshes happen while they do.
        var lastUse = user.LastSignInAt;
        var duringUse = Min(lastUse + TimeSpan.FromHours(2) * _random.NextDouble(), now);
        var earlier = connectedAt + (lastUse - connectedAt) * _random.NextDouble();
        if (_random.NextDouble() < NeedsReconnectShare)
        {
            // As ProviderConnectionStore.MarkNeedsReconnectAsync leaves it: the useless tokens are gone.
            connection.Status = ConnectionStatus.NeedsReconnect;
            connection.ReconnectReason = ReconnectReason();
            connection.LastRefreshOutcome = connection.ReconnectReason switch
            {
                "no_refresh_token" => null,
                "untrusted_answer" => "Untrusted",
                _ => "Rejected",
            };
            connection.LastRefreshAttemptAt = connection.LastRefreshOutcome is null ? null : duringUse;
            connection.LastRefreshedAt = _random.NextDouble() < 0.5 ? earlier : null;
            return connection;
        }

        connection.Status = ConnectionStatus.Active;
        connection.ProtectedAccessToken = ProtectedToken(provider == KlasCement ? 132 : 960 + _random.Next(160));
        connection.ProtectedRefreshToken = ProtectedToken(provider == KlasCement ? 132 : 1_200 + _random.Next(240));
        var outcome = Pick<string?>((null, 25), ("Refreshed", 68), ("Timeout", 3), ("Unreachable", 2), ("ServerError", 1), ("MalformedAnswer", 1));
        connection.LastRefreshOutcome = outcome;
        connection.LastRefreshAttemptAt = outcome is null ? null : duringUse;
        connection.LastRefreshedAt = outcome switch
        {
            null => null,
            "Refreshed" => duringUse,
            _ => _random.NextDouble() < 0.5 ? earlier : null,
        };
        connection.AccessTokenExpiresAt = (connection.LastRefreshedAt is { } refreshed && refreshed > lastUse ? refreshed : lastUse) + AccessTokenLifetime;
        return connection;
    }

    private (string Name, string? Email) NameAndEmail()
    {
        string name, handle;
        var script = _random.NextDouble();
        if (script < 0.0002)
        {
            name = SeedNames.Suspicious[_random.Next(SeedNames.Suspicious.Length)];
            handle = "suspicious";
        }
        else if (script < 0.04)
        {
            (name, handle) = SeedNames.OtherScripts[_random.Next(SeedNames.OtherScripts.Length)];
        }
        else
        {
            var first = SeedNames.FirstNames[_random.Next(SeedNames.FirstNames.Length)];
            var last = SeedNames.LastNames[_random.Next(SeedNames.LastNames.Length)];
            name = $"{first} {last}";
            handle = $"{Ascii(first)}.{Ascii(last)}";
        }

        if (_random.NextDouble() < 0.07)
        {
            return (name, null);
        }

        var number = _random.NextDouble() < 0.4 ? _random.Next(1, 100).ToString(CultureInfo.InvariantCulture) : "";
        var domain = SeedNames.MailDomains[_random.Next(SeedNames.MailDomains.Length)];
        var email = $"{handle}{number}@{domain}";

        // Some people type their address with capitals; the search must not care.
        return (name, _random.NextDouble() < 0.03 ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(email) : email);
    }

    private string ReconnectReason() =>
        Pick(("invalid_grant", 72), ("no_refresh_token", 10), ("http_401", 8), ("untrusted_answer", 5), ("rejected", 5));

    private string ClientIp() => _random.Next(5) switch
    {
        0 => $"81.82.{_random.Next(256)}.{_random.Next(1, 255)}",
        1 => $"94.224.{_random.Next(256)}.{_random.Next(1, 255)}",
        2 => $"193.190.{_random.Next(256)}.{_random.Next(1, 255)}",
        3 => $"2a02:1811:{_random.Next(0x10000):x}:{_random.Next(0x10000):x}::{_random.Next(1, 0x10000):x}",
        _ => $"178.117.{_random.Next(256)}.{_random.Next(1, 255)}",
    };

    /// <summary>Random bytes shaped like a Data Protection payload of that many bytes: never decrypted on the admin pages.</summary>
    private string ProtectedToken(int bytes)
    {
        var payload = new byte[bytes];
        _random.NextBytes(payload);
        DataProtectionMagic.CopyTo(payload, 0);
        return Base64Url.EncodeToString(payload);
    }

    /// <summary>
    /// KlasCement's 13 hex digits, unique per index (an odd multiplier is a bijection modulo 2^48). The leading "f"
    /// keeps them apart from the stand-in's members (532abc50af2c8, …), whom the bench signs in.
    /// </summary>
    private static string KlasCementId(int index) =>
        "f" + ((((ulong)index * 0x9E3779B97F4BUL) + 0x5BD1E995UL) & 0xFFFF_FFFF_FFFFUL).ToString("x12", CultureInfo.InvariantCulture);

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private T Pick<T>(params (T Value, int Weight)[] choices)
    {
        var roll = _random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("Unreachable: the roll is below the sum of the weights.");
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>A name as an e-mail address writes it: lower case, no accents, no spaces or apostrophes.</summary>
    private static string Ascii(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Replace("ı", "i", StringComparison.Ordinal).Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                text.Append(char.ToLowerInvariant(c));
            }
        }

        return text.ToString();
    }
}
