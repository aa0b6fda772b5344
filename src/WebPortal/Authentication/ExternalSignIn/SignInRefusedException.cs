namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>
/// A provider answered a sign-in, but not with what the portal needs; <see cref="Reason"/> says what the person is
/// told. Providers derive their own protocol exceptions from it, so that the shared classifier reads a type, not a message.
/// </summary>
public class SignInRefusedException(SignInFailureReason reason, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public SignInFailureReason Reason { get; } = reason;
}
