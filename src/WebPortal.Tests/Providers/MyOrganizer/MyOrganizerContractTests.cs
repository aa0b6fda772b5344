namespace WebPortal.Tests.Providers.MyOrganizer;

/// <summary>MyOrganizer keeps every shared promise; what only MyOrganizer does is tested in the other classes of this folder.</summary>
public sealed class MyOrganizerContractTests : ProviderContractTests
{
    protected override Task<ProviderUnderTest> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, TimeSpan? accessTokenLifetime = null) =>
        MyOrganizerUnderTest.StartAsync(settings, accessTokenLifetime);
}
