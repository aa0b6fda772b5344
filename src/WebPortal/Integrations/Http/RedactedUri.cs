using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace WebPortal.Integrations.Http;

/// <summary>A URI fit for a log line: no user info or fragment, and every query value replaced by <c>*</c>, so that a token in the query never gets out.</summary>
public static class RedactedUri
{
    public static string Of(Uri? uri)
    {
        if (uri is null)
        {
            return "(none)";
        }

        if (!uri.IsAbsoluteUri)
        {
            return "(relative)";
        }

        var text = new StringBuilder(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
        var query = QueryHelpers.ParseQuery(uri.Query);
        var separator = '?';
        foreach (var name in query.Keys)
        {
            text.Append(separator).Append(Uri.EscapeDataString(name)).Append("=*");
            separator = '&';
        }

        return text.ToString();
    }
}
