using WebPortal.Authentication.ExternalSignIn;

namespace WebPortal.Providers.KlasCement;

/// <summary>
/// KlasCement answered, but not in the shape the note and its public integrations describe. In a sign-in, its
/// member information could not be read.
/// </summary>
public sealed class KlasCementProtocolException(string message, Exception? innerException = null)
    : SignInRefusedException(SignInFailureReason.ProfileUnavailable, message, innerException);
