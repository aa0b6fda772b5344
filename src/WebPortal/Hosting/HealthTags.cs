namespace WebPortal.Hosting;

public static class HealthTags
{
    /// <summary>Checks that <c>/health/ready</c> runs: what the portal needs to serve people.</summary>
    public const string Ready = "ready";
}
