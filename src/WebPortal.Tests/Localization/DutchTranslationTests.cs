using System.Text.RegularExpressions;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.ViewModels.Account;
using WebPortal.ViewModels.Home;

namespace WebPortal.Tests.Localization;

/// <summary>Every text a page of the portal shows has its Dutch in <c>Localization/Text.nl.resx</c>.</summary>
public sealed partial class DutchTranslationTests
{
    [Fact]
    public void Every_text_the_views_and_the_code_look_up_is_translated()
    {
        var keys = Directory.EnumerateFiles(DutchResource.AppDirectory, "*.*", SearchOption.AllDirectories)
            .Where(file => (file.EndsWith(".cshtml", StringComparison.Ordinal) || file.EndsWith(".cs", StringComparison.Ordinal))
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => LookUp().Matches(File.ReadAllText(file)).Select(match => match.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(keys.Count > 100, $"Only {keys.Count} texts found: the search is broken.");
        var untranslated = keys.Where(key => !DutchResource.Texts.ContainsKey(key)).Order(StringComparer.Ordinal).ToArray();
        Assert.Empty(untranslated);
    }

    [Fact]
    public void No_two_texts_differ_only_in_case_since_the_resource_compiler_would_drop_one()
    {
        var names = DutchResource.Names;

        var twice = names.GroupBy(name => name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1).Select(group => group.Key).ToArray();
        Assert.Empty(twice);
    }

    [Fact]
    public void Every_sign_in_error_and_error_page_is_translated()
    {
        var texts = Enum.GetValues<SignInFailureReason>()
            .Select(reason => new SignInErrorViewModel(null, reason, null))
            .SelectMany(model => new[] { model.Title, model.Explanation })
            .Concat(ErrorStatuses.Select(status => new ErrorViewModel(status, "ref").Title))
            .Concat(new TimeSpan?[] { null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5) }.Select(wait => new ErrorViewModel(429, "ref", wait).Wait.Key));

        var untranslated = texts.Where(text => !DutchResource.Texts.ContainsKey(text)).ToArray();
        Assert.Empty(untranslated);
    }

    private static readonly int[] ErrorStatuses = [400, 403, 404, 429, 500, 503];

    [GeneratedRegex("""\b(?:S|T|text)\["((?:[^"\\]|\\.)*)["]""")]
    private static partial Regex LookUp();
}
