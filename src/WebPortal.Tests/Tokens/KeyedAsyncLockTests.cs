using WebPortal.Tokens;

namespace WebPortal.Tests.Tokens;

public sealed class KeyedAsyncLockTests
{
    [Fact]
    public async Task Holders_of_the_same_key_take_turns()
    {
        var locks = new KeyedAsyncLock();
        var inside = 0;
        var mostInside = 0;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using (await locks.AcquireAsync("connection", CancellationToken.None))
            {
                var now = Interlocked.Increment(ref inside);
                mostInside = Math.Max(mostInside, now);
                await Task.Delay(2);
                Interlocked.Decrement(ref inside);
            }
        }));

        Assert.Equal(1, mostInside);
    }

    [Fact]
    public async Task Different_keys_do_not_wait_for_each_other()
    {
        var locks = new KeyedAsyncLock();
        using var first = await locks.AcquireAsync("an", CancellationToken.None);

        var second = locks.AcquireAsync("jan", CancellationToken.None);

        Assert.True(second.IsCompletedSuccessfully);
        (await second).Dispose();
    }

    [Fact]
    public async Task A_key_is_forgotten_once_nobody_holds_or_waits_for_it()
    {
        var locks = new KeyedAsyncLock();
        var held = await locks.AcquireAsync("an", CancellationToken.None);
        var waiting = locks.AcquireAsync("an", CancellationToken.None);
        Assert.Equal(1, locks.Count);

        held.Dispose();
        (await waiting).Dispose();

        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_no_entry_behind()
    {
        var locks = new KeyedAsyncLock();
        var held = await locks.AcquireAsync("an", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = locks.AcquireAsync("an", cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();

        Assert.Equal(0, locks.Count);
    }
}
