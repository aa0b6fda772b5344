using WebPortal.Sandbox.MyOrganizer;

namespace WebPortal.TestKit;

/// <summary>MyOrganizer customers of the B2C stand-in (<see cref="B2CSandboxCustomer.Defaults"/>), by B2C object id.</summary>
public static class Customers
{
    public const string LotteMaes = B2CSandboxCustomer.LotteMaesId;

    public const string PieterClaes = B2CSandboxCustomer.PieterClaesId;

    /// <summary>Her agenda is empty.</summary>
    public const string SofieWouters = B2CSandboxCustomer.SofieWoutersId;

    public static string LotteMaesName => NameOf(LotteMaes);

    /// <summary>The customer's display name, e.g. "Lotte Maes".</summary>
    public static string NameOf(string customerId) => B2CSandboxCustomer.Defaults.Single(customer => customer.ObjectId == customerId).DisplayName;
}
