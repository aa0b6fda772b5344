using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Time.Testing;

namespace WebPortal.Tests.Infrastructure;

/// <summary>
/// The portal's clock in a test host: the system's, moved forward by as far as the test advanced <see cref="Shift"/>,
/// so that a test ages the portal's tokens by advancing a <see cref="FakeTimeProvider"/> rather than editing them in
/// the database. Only the wall clock moves: timers and timestamps stay the system's, because the portal's HTTP
/// timeouts, retries and refresh waits run against stand-ins on the real clock, and FakeTimeProvider's timers would
/// fire only when a test advanced it.
/// </summary>
public sealed class PortalClock : TimeProvider, ISystemClock
{
    private readonly DateTimeOffset _shiftStart;

    public PortalClock()
    {
        Shift = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _shiftStart = Shift.GetUtcNow();
    }

    /// <summary>Advance it to move the portal's time forward.</summary>
    public FakeTimeProvider Shift { get; }

    /// <summary>Moves the portal's time forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta) => Shift.Advance(delta);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + (Shift.GetUtcNow() - _shiftStart);

    /// <summary>For the memory cache, which reads its clock through <see cref="ISystemClock"/> rather than a TimeProvider.</summary>
    DateTimeOffset ISystemClock.UtcNow => GetUtcNow();
}
