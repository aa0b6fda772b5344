using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using WebPortal.Integrations;
using WebPortal.Integrations.Http;
using WebPortal.Tokens;

namespace WebPortal.Providers.MyOrganizer.Api;

/// <summary>
/// Calls MyOrganizer's API on a customer's behalf. Its base address is <see cref="MyOrganizerApiSettings.BaseUrl"/>;
/// the <see cref="UserAccessTokenHandler"/> its module registers attaches the customer's access token.
/// </summary>
public sealed class MyOrganizerApiClient(HttpClient http, IOptions<MyOrganizerApiSettings> settings)
{
    private const string Provider = MyOrganizerAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Pages followed at most: a gateway that keeps promising more must not keep a page view busy.</summary>
    private const int MaxPages = 20;

    /// <summary>
    /// The customer's appointments that start on the days from <paramref name="from"/> to <paramref name="to"/> (both
    /// included): <c>GET {BaseUrl}{AppointmentsPath}?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c>, following the collection's pages.
    /// </summary>
    /// <exception cref="ProviderAccessException">
    /// Not connected, a connection to renew, MyOrganizer refusing the operation (403), or failing to answer usefully.
    /// </exception>
    public async Task<IReadOnlyList<Appointment>> GetAppointmentsAsync(Guid userId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var appointments = new List<Appointment>();
        int? startIndex = 0;
        try
        {
            for (var page = 0; page < MaxPages && startIndex is { } index; page++)
            {
                // A new request message per call: nothing of one customer's request can be reused for another's.
                using var request = new HttpRequestMessage(HttpMethod.Get, AppointmentsUri(from, to, index));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                request.Options.Set(UserAccessTokenHandler.UserId, userId);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    throw new ProviderPermissionDeniedException(Provider);
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new ProviderUnavailableException(Provider, UpstreamStatus.Failure(response.StatusCode));
                }

                var answer = await AppointmentsDocument.ReadAsync(response.Content, cancellationToken);
                appointments.AddRange(answer.Appointments);
                startIndex = answer.NextStartIndex;
            }
        }
        catch (Exception exception) when (exception is not ProviderAccessException && UpstreamFailures.Classify(exception, cancellationToken) is { } failure)
        {
            throw new ProviderUnavailableException(Provider, failure);
        }

        return [.. appointments.DistinctBy(a => a.Id).OrderBy(a => a.Start)];
    }

    /// <summary>Relative to the base address, whose own path (a gateway prefix) stays.</summary>
    private Uri AppointmentsUri(DateOnly from, DateOnly to, int startIndex)
    {
        var query = new Dictionary<string, string?>
        {
            ["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (startIndex > 0)
        {
            query["startIndex"] = startIndex.ToString(CultureInfo.InvariantCulture);
        }

        return new Uri(QueryHelpers.AddQueryString(settings.Value.AppointmentsPath.TrimStart('/'), query), UriKind.Relative);
    }
}
