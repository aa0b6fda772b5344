using Microsoft.Extensions.Primitives;

namespace WebPortal.Integrations.Http;

/// <summary>
/// The front-channel half of <see cref="ErrorAnswerReducingHandler"/>: a provider's error on the callback's query
/// string (<c>error</c>, <c>error_description</c>, <c>error_uri</c>) is reduced to its validated codes before the
/// authentication handlers read it, since they quote all three in exception messages and log lines. The code keeps
/// a failed sign-in classified (<c>access_denied</c>, B2C's <c>AADB2C90118</c> and <c>AADB2C90091</c>).
/// </summary>
public static class CallbackErrorReduction
{
    private static readonly string[] ErrorFields = ["error", "error_description", "error_uri"];

    public static IApplicationBuilder UseCallbackErrorReduction(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var query = context.Request.Query;
            if (ErrorFields.Any(query.ContainsKey))
            {
                context.Request.Query = Reduce(query);
            }

            return next(context);
        });

    private static QueryCollection Reduce(IQueryCollection query)
    {
        var reduced = query.Where(field => !ErrorFields.Contains(field.Key)).ToDictionary(field => field.Key, field => field.Value);
        if (ProviderErrorCodes.Code(query["error"].ToString()) is { } error)
        {
            reduced["error"] = new StringValues(error);
        }

        if (ProviderErrorCodes.B2CCode(query["error_description"].ToString()) is { } description)
        {
            reduced["error_description"] = new StringValues(description);
        }

        return new QueryCollection(reduced);
    }
}
