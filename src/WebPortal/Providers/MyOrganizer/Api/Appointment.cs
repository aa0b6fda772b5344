namespace WebPortal.Providers.MyOrganizer.Api;

/// <summary>One appointment in a MyOrganizer agenda, as the portal shows it.</summary>
/// <param name="End">Null when the answer gave none.</param>
/// <param name="Status">MyOrganizer's own word for it (<c>confirmed</c>, <c>tentative</c>, <c>cancelled</c>, …), when it sent one.</param>
public sealed record Appointment(string Id, DateTimeOffset Start, DateTimeOffset? End, string Subject, string? Location, string? Status)
{
    public bool IsCancelled => string.Equals(Status, "cancelled", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Status, "canceled", StringComparison.OrdinalIgnoreCase);
}
