using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd.Pages;

public sealed class AgendaPage(IPage page)
{
    public ILocator Agenda => page.GetByTestId("agenda");

    public ILocator WeekTitle => page.GetByTestId("week-title");

    public ILocator Appointments => page.GetByTestId("appointment");

    /// <summary>The day marked as today.</summary>
    public ILocator Today => page.Locator("[data-testid=day][aria-current=date]");

    public StartPage Header => new(page);

    public async Task<AgendaPage> NextWeekAsync()
    {
        var current = await Agenda.GetAttributeAsync("data-week");
        await page.GetByTestId("next-week").ClickAsync();
        await page.Locator($"[data-testid=agenda]:not([data-week='{current}'])").WaitForAsync();
        return this;
    }
}
