namespace WebPortal.Tests.Infrastructure;

/// <summary>Waits for what a portal does after answering (a log line, a held call): polled, bounded at 30 s.</summary>
public static class Eventually
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static Task TrueAsync(Func<bool> condition) => ReadAsync(() => condition() ? "done" : null);

    /// <summary>The first non-null value <paramref name="read"/> gives.</summary>
    public static async Task<T> ReadAsync<T>(Func<T?> read)
        where T : class
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            if (read() is { } value)
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }
}
