using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace WebPortal.Sandbox.KlasCement;

/// <summary>The sandbox's own pages: KlasCement's consent screen and its error page.</summary>
internal static class SandboxPages
{
    /// <summary>Served at <c>{prefix}/sandbox.css</c>: the pages carry no inline style, which the portal's content security policy forbids.</summary>
    public const string Stylesheet = """
        body { font-family: system-ui, sans-serif; background: #f4f7f2; color: #1d2b1f; margin: 0; }
        main { max-width: 30rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: .75rem; box-shadow: 0 2px 12px #0001; }
        h1 { color: #5a8f29; font-size: 1.4rem; margin-top: 0; }
        .tag { font-size: .75rem; background: #ffe58f; padding: .1rem .4rem; border-radius: .25rem; vertical-align: middle; }
        label { display: block; margin: .5rem 0; }
        button { font-size: 1rem; padding: .5rem 1.25rem; border-radius: .4rem; border: 0; margin-right: .5rem; cursor: pointer; }
        button[value=allow] { background: #5a8f29; color: #fff; }
        button[value=deny] { background: #e6e6e6; }
        """;

    // Every page is at {prefix}/oauth/authorize, so the stylesheet is one level up.
    private const string Style = """<link rel="stylesheet" href="../sandbox.css">""";

    public static IResult Consent(IEnumerable<KlasCementSandboxMember> members, string clientId, string redirectUri, string state, string scope)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>KlasCement – aanmelden</title>{Style}</head>
            <body><main>
            <h1>KlasCement <span class="tag">sandbox</span></h1>
            <p><strong>{Encode(clientId)}</strong> vraagt toegang tot je KlasCement-gegevens (scope: <code>{Encode(scope)}</code>).</p>
            <p>Meld je aan als / Sign in as:</p>
            <form method="post">
            <input type="hidden" name="client_id" value="{Encode(clientId)}">
            <input type="hidden" name="redirect_uri" value="{Encode(redirectUri)}">
            <input type="hidden" name="state" value="{Encode(state)}">
            """);
        var first = true;
        foreach (var member in members)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<label><input type="radio" name="member" value="{Encode(member.Id)}"{(first ? " checked" : "")}> {Encode(member.DisplayName)}</label>""");
            first = false;
        }

        html.Append("""
            <p><button type="submit" name="decision" value="allow">Allow</button>
            <button type="submit" name="decision" value="deny">Deny</button></p>
            </form></main></body></html>
            """);
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    public static IResult Problem(string title, string detail) =>
        Results.Content(
            $"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>KlasCement – fout</title>{Style}</head><body><main><h1>{Encode(title)}</h1><p>{Encode(detail)}</p></main></body></html>""",
            "text/html; charset=utf-8",
            statusCode: StatusCodes.Status400BadRequest);

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
