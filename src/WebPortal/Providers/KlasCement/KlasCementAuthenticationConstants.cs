namespace WebPortal.Providers.KlasCement;

/// <summary>Names in KlasCement's answers.</summary>
public static class KlasCementAuthenticationConstants
{
    /// <summary>The member id in the token answer; needed for every profile call.</summary>
    public const string UserId = "user_id";

    public const string Scope = "scope";

    public static class MemberFields
    {
        public const string Id = "id";
        public const string FirstName = "first_name";
        public const string Surname = "surname";
        public const string Email = "email";
    }
}
