using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WebPortal.Observability;

/// <summary>
/// The portal's own metrics (meter <see cref="MeterName"/>): token refreshes by provider and outcome, how long requests
/// wait for a refresh, calls to the providers by provider with their duration and failures, and the active sessions.
/// Without a listener (<c>Metrics:Enabled</c> off) recording costs next to nothing.
/// </summary>
public sealed class PortalMetrics
{
    public const string MeterName = "WebPortal";

    private readonly Counter<long> _refreshes;
    private readonly Histogram<double> _refreshWait;
    private readonly Histogram<double> _upstreamDuration;
    private readonly Counter<long> _upstreamFailures;
    private long _activeSessions = -1;

    public PortalMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _refreshes = meter.CreateCounter<long>("webportal.token.refreshes", "{refresh}", "Token refreshes of provider connections, by provider and outcome.");
        _refreshWait = meter.CreateHistogram<double>("webportal.token.refresh.wait", "s", "How long a request waited for its connection's refresh (its own or one already running).");
        _upstreamDuration = meter.CreateHistogram<double>("webportal.upstream.duration", "s", "Calls to a provider, from the portal's side (retries included), by provider and result.");
        _upstreamFailures = meter.CreateCounter<long>("webportal.upstream.failures", "{failure}", "Calls to a provider that failed, by provider and kind of failure.");
        meter.CreateObservableGauge("webportal.sessions.active", ObserveActiveSessions, "{session}", "Sessions not yet ended, counted in the database every 15 s.");
    }

    /// <param name="outcome">What the refresh came to: <c>refreshed</c>, <c>already_fresh</c>, <c>rejected</c>, <c>untrusted</c>, <c>no_refresh_token</c>, <c>client_rejected</c> or <c>failed</c>.</param>
    public void Refreshed(string provider, string outcome) =>
        _refreshes.Add(1, new TagList { { "provider", provider }, { "outcome", outcome } });

    public void WaitedForRefresh(string provider, TimeSpan waited) =>
        _refreshWait.Record(waited.TotalSeconds, new TagList { { "provider", provider } });

    /// <param name="failure">Null for an answer below 500; else <c>status_5xx</c>, <c>timeout</c>, <c>redirect</c> or <c>connection</c>.</param>
    public void CalledUpstream(string provider, TimeSpan duration, string? failure)
    {
        _upstreamDuration.Record(duration.TotalSeconds, new TagList { { "provider", provider }, { "result", failure is null ? "success" : "failure" } });
        if (failure is not null)
        {
            _upstreamFailures.Add(1, new TagList { { "provider", provider }, { "failure", failure } });
        }
    }

    /// <summary>The latest count of active sessions, kept by <see cref="ActiveSessionsCounter"/>.</summary>
    public void CountedActiveSessions(long count) => Interlocked.Exchange(ref _activeSessions, count);

    private IEnumerable<Measurement<long>> ObserveActiveSessions()
    {
        var count = Interlocked.Read(ref _activeSessions);
        return count < 0 ? [] : [new Measurement<long>(count)];
    }
}
