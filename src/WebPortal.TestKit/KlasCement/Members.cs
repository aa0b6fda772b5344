using WebPortal.Sandbox.KlasCement;

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
