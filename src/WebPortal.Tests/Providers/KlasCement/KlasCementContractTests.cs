namespace WebPortal.Tests.Providers.KlasCement;

/// <summary>KlasCement keeps every shared promise; what only KlasCement does is tested in the other classes of this folder.</summary>
public sealed class KlasCementContractTests : ProviderContractTests
{
    protected override Task<ProviderUnderTest> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, TimeSpan? accessTokenLifetime = null) =>
        KlasCementUnderTest.StartAsync(settings, accessTokenLifetime);
}
