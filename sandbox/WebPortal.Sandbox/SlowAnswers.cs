namespace WebPortal.Sandbox;

/// <summary>
/// Holds a stand-in's slow answers: each waits until its delay has passed, its caller gives up, or a test releases it,
/// and then answers as usual. Tests can see how many are being held, to know that a call is still hanging.
/// </summary>
public sealed class SlowAnswers
{
    private TaskCompletionSource _release = NewRelease();
    private int _held;

    /// <summary>How many answers are being held right now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Lets every answer held so far go on at once.</summary>
    public void Release() => Interlocked.Exchange(ref _release, NewRelease()).SetResult();

    /// <summary>Waits <paramref name="delay"/>, or less if released; throws when the caller gave up.</summary>
    public async Task DelayAsync(TimeSpan delay, CancellationToken aborted)
    {
        Interlocked.Increment(ref _held);
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            await Task.WhenAny(Task.Delay(delay, stop.Token), Volatile.Read(ref _release).Task);
            await stop.CancelAsync();
            aborted.ThrowIfCancellationRequested();
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }

    private static TaskCompletionSource NewRelease() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
