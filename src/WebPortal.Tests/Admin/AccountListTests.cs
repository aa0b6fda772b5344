using System.Net;
using WebPortal.Data;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Admin;

/// <summary>The admin list as an admin uses it: search, filters, sorting and paging, including odd input and empty pages.</summary>
public sealed class AccountListTests : IAsyncLifetime
{
    private PortalHarness _harness = null!;
    private PortalSession _admin = null!;

    public async Task InitializeAsync()
    {
        _harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["Portal:Admins:0"] = $"KlasCement:{Members.AnPeeters}" });
        _admin = _harness.NewSession();
        await _admin.SignInAsync(Members.AnPeeters);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Search_finds_the_start_of_a_name_or_an_e_mail_in_any_case_and_script_and_an_external_id_only_exactly()
    {
        await Seed("Annelies Claes", "annelies.claes@school.be");
        await Seed("anna De Smet", "a.desmet@school.be");
        await Seed("Bart Peeters", "b.peeters@school.be", new SeedConnection("KlasCement", "kc-12345"));
        await Seed("Hanne Wouters", "hanne@school.be", new SeedConnection("MyOrganizer", "mo-ann"));
        await Seed("Ørsted Hansen", "orsted@example.dk");
        await Seed("Ελένη Παπαδοπούλου", "eleni@example.gr");
        await Seed("Иван Петров", "ivan@example.bg");

        var expectations = new Dictionary<string, string[]>
        {
            ["ann"] = ["anna De Smet", "Annelies Claes"],
            ["ANNELIES"] = ["Annelies Claes"],
            ["b.peet"] = ["Bart Peeters"],
            ["  B.PEETERS@School.be "] = ["Bart Peeters"],
            ["kc-12345"] = ["Bart Peeters"],
            ["kc-1234"] = [],
            ["12345"] = [],
            ["mo-ann"] = ["Hanne Wouters"],
            ["peeters"] = [],
            ["Ørsted"] = ["Ørsted Hansen"],
            ["ørs"] = ["Ørsted Hansen"],
            ["Ελένη"] = ["Ελένη Παπαδοπούλου"],
            ["ελέ"] = ["Ελένη Παπαδοπούλου"],
            ["Иван"] = ["Иван Петров"],
            ["ив"] = ["Иван Петров"],
        };

        foreach (var (q, expected) in expectations)
        {
            var page = await List($"q={Uri.EscapeDataString(q)}&sort=name");
            Assert.True(page.Status == HttpStatusCode.OK, $"q={q} answered {(int)page.Status}");
            Assert.True(expected.SequenceEqual(page.Names()), $"q={q} found [{string.Join(", ", page.Names())}], not [{string.Join(", ", expected)}]");
            Assert.Equal(expected.Length, page.ListNumber("total"));
        }
    }

    [Fact]
    public async Task Odd_input_in_the_search_is_searched_for_literally_and_never_fails()
    {
        await Seed("100% Sure", "percent@school.be");
        await Seed("snake_case Teacher", "underscore@school.be");
        await Seed("O'Brien Kelly", "obrien@school.be");
        await Seed("Quote \"Q\" Master", "quote@school.be");

        var expectations = new Dictionary<string, string[]>
        {
            ["100%"] = ["100% Sure"],
            ["100_"] = [],
            ["%"] = [],
            ["%sure"] = [],
            ["_"] = [],
            ["snake_"] = ["snake_case Teacher"],
            ["snake%"] = [],
            ["snake_c%"] = [],
            ["o'b"] = ["O'Brien Kelly"],
            ["'"] = [],
            ["' OR '1'='1"] = [],
            ["\""] = [],
            ["quote \"q"] = ["Quote \"Q\" Master"],
            ["\\"] = [],
            ["*"] = [],
            [new string('a', 5000)] = [],
            [new string('Ж', 5000)] = [],
            ["snake_case" + new string('x', 4990)] = [],
            ["\uD83D\uDE00" + new string('x', 198) + "\uD83D\uDE00"] = [],
        };

        foreach (var (q, expected) in expectations)
        {
            var page = await List($"q={Uri.EscapeDataString(q)}&sort=name");
            var shown = q.Length > 40 ? $"{q[..20]}… ({q.Length} characters)" : q;
            Assert.True(page.Status == HttpStatusCode.OK, $"q={shown} answered {(int)page.Status}:\n{_harness.Portal.Logs.Warnings()}");
            Assert.True(expected.SequenceEqual(page.Names()), $"q={shown} found [{string.Join(", ", page.Names())}], not [{string.Join(", ", expected)}]");
        }

        // The search box keeps what was searched, cut to the length a name can have.
        var long5000 = await List($"q={new string('a', 5000)}");
        Assert.Contains($"value=\"{new string('a', 200)}\"", long5000.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('a', 201), long5000.Html, StringComparison.Ordinal);
        Assert.Contains("No accounts match.", long5000.Html, StringComparison.Ordinal);

        // A blank search is no search.
        Assert.Equal(5, (await List("q=%20%20%20")).ListNumber("total"));
    }

    [Fact]
    public async Task Filters_list_users_by_provider_by_state_and_by_the_state_of_that_providers_connection()
    {
        await Seed("Filter A", null, new SeedConnection("KlasCement", "kc-a"), new SeedConnection("MyOrganizer", "mo-a", ConnectionStatus.NeedsReconnect));
        await Seed("Filter B", null, new SeedConnection("KlasCement", "kc-b", ConnectionStatus.NeedsReconnect), new SeedConnection("MyOrganizer", "mo-b"));
        await Seed("Filter C", null, new SeedConnection("MyOrganizer", "mo-c"));
        await Seed("Filter D", null);

        var expectations = new Dictionary<string, string[]>
        {
            ["provider=MyOrganizer&state=NeedsReconnect"] = ["Filter A"],
            ["provider=KlasCement&state=NeedsReconnect"] = ["Filter B"],
            ["provider=MyOrganizer&state=Active"] = ["Filter B", "Filter C"],
            ["provider=MyOrganizer"] = ["Filter A", "Filter B", "Filter C"],
            ["provider=KlasCement"] = ["An Peeters", "Filter A", "Filter B"],
            ["provider=klascement"] = ["An Peeters", "Filter A", "Filter B"],
            ["state=NeedsReconnect"] = ["Filter A", "Filter B"],
            ["state=Active"] = ["An Peeters", "Filter A", "Filter B", "Filter C"],
            ["state=needsreconnect"] = ["Filter A", "Filter B"],
            ["q=filter&provider=MyOrganizer&state=Active"] = ["Filter B", "Filter C"],
            ["q=filter&state=NeedsReconnect"] = ["Filter A", "Filter B"],
            ["q=an&provider=MyOrganizer"] = [],
            ["provider="] = ["An Peeters", "Filter A", "Filter B", "Filter C", "Filter D"],
        };

        foreach (var (filter, expected) in expectations)
        {
            var page = await List($"{filter}&sort=name");
            Assert.True(expected.SequenceEqual(page.Names()), $"{filter} found [{string.Join(", ", page.Names())}], not [{string.Join(", ", expected)}]");
            Assert.Equal(expected.Length, page.ListNumber("total"));
            Assert.DoesNotContain("data-testid=\"admin-ignored\"", page.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_provider_state_or_sort_is_ignored_and_the_page_says_so()
    {
        await Seed("Filter C", null, new SeedConnection("MyOrganizer", "mo-c", ConnectionStatus.NeedsReconnect));

        foreach (var (query, notice) in new[]
        {
            ("provider=Facebook", "The provider filter was ignored"),
            ("provider=%3Cscript%3E", "The provider filter was ignored"),
            ("state=Broken", "The state filter was ignored"),
            ("state=1", "The state filter was ignored"),
            ("sort=email", "The sort order was not known"),
        })
        {
            var page = await List(query);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(2, page.ListNumber("total"));
            Assert.Contains(notice, page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", page.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_list_is_sorted_by_last_sign_in_newest_first_or_by_name_in_any_case_with_the_id_breaking_ties()
    {
        var now = AccountSeeding.Epoch;
        await Seed("Sort Charlie", null, now.AddHours(-1));
        await Seed("sort alice", null, now.AddHours(-3));
        await Seed("Sort Bob", null, now.AddHours(-2));
        var tie1 = await Seed("Sort Tie", null, now.AddHours(-4));
        var tie2 = await Seed("SORT TIE", null, now.AddHours(-4));
        var (first, second) = tie1.CompareTo(tie2) < 0 ? (tie1, tie2) : (tie2, tie1);

        var byLastSignIn = await List("q=sort");
        Assert.Equal(["Sort Charlie", "Sort Bob", "sort alice"], byLastSignIn.Names().Take(3));
        Assert.Equal([second, first], byLastSignIn.Rows().Skip(3).Select(r => r.Id));
        Assert.Equal(byLastSignIn.Names(), (await List("q=sort&sort=lastSignIn")).Names());

        var byName = await List("q=sort&sort=name");
        Assert.Equal(["sort alice", "Sort Bob", "Sort Charlie"], byName.Names().Take(3));
        Assert.Equal([first, second], byName.Rows().Skip(3).Select(r => r.Id));
    }

    [Fact]
    public async Task Paging_shows_each_page_keeps_the_filters_in_its_links_and_says_so_beyond_the_last_page()
    {
        for (var i = 1; i <= 7; i++)
        {
            await Seed($"Page {i:D2}", null, AccountSeeding.Epoch.AddMinutes(-i), new SeedConnection("KlasCement", $"kc-page-{i}"));
        }

        await Seed("Page 99 without KlasCement", null);
        const string Filters = "q=page&provider=KlasCement&sort=name&size=3";

        var first = await List(Filters);
        Assert.Equal(["Page 01", "Page 02", "Page 03"], first.Names());
        Assert.Equal(7, first.ListNumber("total"));
        Assert.Equal(3, first.ListNumber("pages"));
        Assert.Null(first.Link("admin-previous-page"));
        var next = first.Link("admin-next-page")!;
        Assert.Equal("/admin/accounts?q=page&provider=KlasCement&sort=name&size=3&page=2", next);

        var second = await _admin.GetAsync(next);
        Assert.Equal(["Page 04", "Page 05", "Page 06"], second.Names());
        Assert.Equal("/admin/accounts?q=page&provider=KlasCement&sort=name&size=3", second.Link("admin-previous-page"));
        Assert.Equal("/admin/accounts?q=page&provider=KlasCement&sort=name&size=3&page=3", second.Link("admin-last-page"));

        var last = await List($"{Filters}&page=3");
        Assert.Equal(["Page 07"], last.Names());
        Assert.Null(last.Link("admin-next-page"));

        var beyond = await List($"{Filters}&page=4");
        Assert.Equal(HttpStatusCode.OK, beyond.Status);
        Assert.Empty(beyond.Rows());
        Assert.Contains("There are no accounts on this page", beyond.Text, StringComparison.Ordinal);
        Assert.Equal("/admin/accounts?q=page&provider=KlasCement&sort=name&size=3&page=3", beyond.Link("admin-last-page"));
        Assert.Empty((await List($"{Filters}&page=2147483647")).Rows());

        foreach (var page in new[] { "0", "-5", "abc", "99999999999" })
        {
            var shown = await List($"{Filters}&page={page}");
            Assert.True(shown.Names().SequenceEqual(["Page 01", "Page 02", "Page 03"]), $"page={page} showed [{string.Join(", ", shown.Names())}]");
        }

        var byLastSignIn = await List("q=page&provider=KlasCement&size=3&page=3");
        Assert.Equal(["Page 07"], byLastSignIn.Names());
    }

    [Fact]
    public async Task The_page_size_is_25_by_default_and_at_most_100()
    {
        await _harness.Portal.WithDatabaseAsync(db => db.SeedUsersAsync(120, "Bulk"));

        Assert.Equal(25, (await List("q=bulk")).Rows().Count);
        Assert.Equal(25, (await List("q=bulk&size=0")).Rows().Count);
        Assert.Equal(10, (await List("q=bulk&size=10")).Rows().Count);
        var capped = await List("q=bulk&size=1000");
        Assert.Equal(100, capped.Rows().Count);
        Assert.Equal(2, capped.ListNumber("pages"));
        Assert.Equal(["Bulk 0001", "Bulk 0002"], (await List("q=bulk&size=2")).Names());
    }

    [Fact]
    public async Task An_empty_result_says_that_nothing_matches()
    {
        var page = await List("q=nobody-at-all");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Rows());
        Assert.Equal(0, page.ListNumber("total"));
        Assert.Contains("No accounts match.", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Link("admin-next-page"));
        Assert.Null(page.Link("admin-last-page"));
    }

    [Fact]
    public async Task The_list_shows_each_users_linked_accounts_with_their_state_and_never_more_than_asked()
    {
        await Seed("Shown User", "shown@school.be", new SeedConnection("KlasCement", "kc-shown", Scope: "name email"), new SeedConnection("MyOrganizer", "mo-shown", ConnectionStatus.NeedsReconnect));

        var page = await List("q=shown");

        var row = Assert.Single(page.Rows());
        Assert.Equal("Shown User", row.Name);
        Assert.Contains("shown@school.be", page.Text, StringComparison.Ordinal);
        Assert.Contains("kc-shown", page.Text, StringComparison.Ordinal);
        Assert.Contains("mo-shown", page.Text, StringComparison.Ordinal);
        Assert.Contains("Connected", page.Text, StringComparison.Ordinal);
        Assert.Contains("Needs reconnect", page.Text, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", page.Text, StringComparison.Ordinal);
        Assert.Contains("name email", page.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/accounts/{row.Id:D}\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_in_names_e_mail_addresses_and_external_ids_is_shown_as_text_on_every_admin_page()
    {
        const string Name = "<script>alert(1)</script>";
        const string Email = "\"><img src=x onerror=alert(2)>@example.be";
        const string ExternalId = "<b onmouseover=alert(3)>kc</b>";
        var userId = await Seed(Name, Email, new SeedConnection("KlasCement", ExternalId, Scope: "<i>scope</i>"));

        var pages = new[]
        {
            await List(""),
            await List($"q={Uri.EscapeDataString("<scr")}"),
            await _admin.GetAsync($"/admin/accounts/{userId}"),
            await _admin.GetAsync($"/admin/accounts/{userId}/unlink?provider=KlasCement"),
            await _admin.GetAsync($"/admin/accounts/{userId}/refresh?provider=KlasCement"),
            await _admin.GetAsync($"/admin/accounts/{userId}/delete"),
            await _admin.GetAsync($"/admin/accounts/{userId}/grant-admin"),
        };

        foreach (var page in pages)
        {
            Assert.True(page.Status == HttpStatusCode.OK, $"{page.Path} answered {(int)page.Status}");
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page.Html, StringComparison.Ordinal);
            foreach (var raw in new[] { Name, "<img src=x", "<b onmouseover", "<i>scope</i>" })
            {
                Assert.DoesNotContain(raw, page.Html, StringComparison.Ordinal);
            }

            Assert.Contains(Name, page.Text, StringComparison.Ordinal);
        }

        Assert.Equal(Name, Assert.Single((await List($"q={Uri.EscapeDataString("<scr")}")).Rows()).Name);
    }

    private Task<PortalPage> List(string query) => _admin.GetAsync($"/admin/accounts?{query}");

    private Task<Guid> Seed(string name, string? email, params SeedConnection[] connections) =>
        _harness.Portal.SeedUserAsync(name, email, connections: connections);

    private Task<Guid> Seed(string name, string? email, DateTimeOffset lastSignInAt, params SeedConnection[] connections) =>
        _harness.Portal.SeedUserAsync(name, email, lastSignInAt, connections: connections);
}
