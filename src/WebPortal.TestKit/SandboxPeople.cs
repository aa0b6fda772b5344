using WebPortal.Sandbox.KlasCement;
using WebPortal.Sandbox.MyOrganizer;

namespace WebPortal.TestKit;

/// <summary>KlasCement members of the stand-in (<see cref="KlasCementSandboxMember.Defaults"/>) whom tests and the bench sign in as.</summary>
public static class Members
{
    /// <summary>A full profile, e-mail address included; the Development sandbox's admin.</summary>
    public const string AnPeeters = KlasCementSandboxMember.AnPeetersId;

    /// <summary>No e-mail address.</summary>
    public const string JanJanssens = KlasCementSandboxMember.JanJanssensId;

    public static string AnPeetersName => NameOf(AnPeeters);

    public static string JanJanssensName => NameOf(JanJanssens);

    /// <summary>The name the member's profile shows, e.g. "An Peeters".</summary>
    public static string NameOf(string memberId) => KlasCementSandboxMember.Defaults.Single(member => member.Id == memberId).DisplayName;
}

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
