namespace WebPortal.Providers.KlasCement;

/// <summary>KlasCement answered, but not in the shape the note and its public integrations describe.</summary>
public sealed class KlasCementProtocolException(string message, Exception? innerException = null) : Exception(message, innerException);
