namespace WebPortal.Infrastructure.Web;

public static class NoStoreExtensions
{
    /// <summary>
    /// Everything past this point of the pipeline is dynamic: callbacks, pages with provider or admin data, error
    /// pages. None of it may be kept by a browser's history cache or a proxy; static files, served before, stay cacheable.
    /// </summary>
    public static WebApplication UseNoStoreForDynamicAnswers(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
