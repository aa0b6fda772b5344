using Microsoft.Extensions.Primitives;

namespace WebPortal.Integrations.Http;

/// <summary>
/// The front-channel half of <see cref="ErrorAnswerReducingHandler"/>: a provider's error on a callback (<c>error</c>,
/// <c>error_description</c>, <c>error_uri</c>) is reduced to its validated codes before the authentication handlers
/// read it, since they quote all three in exception messages and log lines. That holds for the query string and for a
/// form post, which the OpenID Connect handler accepts on its callback whatever response mode the portal asked for.
/// The code keeps a failed sign-in classified (<c>access_denied</c>, B2C's <c>AADB2C90118</c> and <c>AADB2C90091</c>).
/// </summary>
public static class CallbackErrorReduction
{
    private static readonly string[] ErrorFields = ["error", "error_description", "error_uri"];

    public static IApplicationBuilder UseCallbackErrorReduction(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (ErrorFields.Any(request.Query.ContainsKey))
            {
                request.Query = new QueryCollection(Reduce(request.Query));
            }

            if (HttpMethods.IsPost(request.Method)
                && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                if (ErrorFields.Any(form.ContainsKey))
                {
                    request.Form = new FormCollection(Reduce(form));
                }
            }

            await next(context);
        });

    private static Dictionary<string, StringValues> Reduce(IEnumerable<KeyValuePair<string, StringValues>> fields)
    {
        var all = fields.ToDictionary(field => field.Key, field => field.Value);
        var reduced = all.Where(field => !ErrorFields.Contains(field.Key)).ToDictionary(field => field.Key, field => field.Value);
        if (ProviderErrorCodes.Code(all.GetValueOrDefault("error").ToString()) is { } error)
        {
            reduced["error"] = new StringValues(error);
        }

        if (ProviderErrorCodes.B2CCode(all.GetValueOrDefault("error_description").ToString()) is { } description)
        {
            reduced["error_description"] = new StringValues(description);
        }

        return reduced;
    }
}
