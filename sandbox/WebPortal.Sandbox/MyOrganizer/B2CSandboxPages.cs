using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace WebPortal.Sandbox.MyOrganizer;

/// <summary>The stand-in's user-flow page: sign in as a sandbox customer, "forgot your password?", or cancel.</summary>
internal static class B2CSandboxPages
{
    private const string Style = """
        <style>
          body { font-family: "Segoe UI", system-ui, sans-serif; background: #eef3f8; color: #1b2733; margin: 0; }
          main { max-width: 28rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: .5rem; box-shadow: 0 2px 12px #0002; }
          h1 { color: #0b5cad; font-size: 1.35rem; margin-top: 0; }
          .tag { font-size: .75rem; background: #ffe58f; padding: .1rem .4rem; border-radius: .25rem; vertical-align: middle; }
          label { display: block; margin: .5rem 0; }
          button { font-size: 1rem; padding: .5rem 1.25rem; border-radius: .3rem; border: 0; margin-right: .5rem; cursor: pointer; }
          button[value=signin] { background: #0b5cad; color: #fff; }
          button[value=cancel] { background: #e6e6e6; }
          button[value=forgot] { background: none; color: #0b5cad; text-decoration: underline; padding: 0; }
        </style>
        """;

    /// <param name="parameters">The authorization request's parameters, posted back with the customer's choice.</param>
    public static IResult SignIn(B2CSandboxOptions options, string policy, IEnumerable<(string Name, string? Value)> parameters)
    {
        var resetting = string.Equals(policy, options.ResetPasswordPolicy, StringComparison.OrdinalIgnoreCase);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>MyOrganizer – {(resetting ? "wachtwoord herstellen" : "aanmelden")}</title>{Style}</head>
            <body><main>
            <h1>MyOrganizer <span class="tag">B2C sandbox</span></h1>
            <p>{(resetting ? "Reset your password, then continue as:" : "Sign in with your MyOrganizer account as:")} <small>(user flow <code>{Encode(policy)}</code>)</small></p>
            <form method="post">
            """);
        foreach (var (name, value) in parameters)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<input type="hidden" name="{Encode(name)}" value="{Encode(value ?? "")}">""");
        }

        var first = true;
        foreach (var customer in options.Customers)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<label><input type="radio" name="customer" value="{Encode(customer.ObjectId)}"{(first ? " checked" : "")}> {Encode(customer.DisplayName)} <small>({Encode(customer.Practice)})</small></label>""");
            first = false;
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            <p><button type="submit" name="sandbox_action" value="signin">{(resetting ? "Continue" : "Sign in")}</button>
            <button type="submit" name="sandbox_action" value="cancel">Cancel</button></p>
            {(resetting ? "" : """<p><button type="submit" name="sandbox_action" value="forgot">Forgot your password?</button></p>""")}
            </form></main></body></html>
            """);
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
