using System.Globalization;
using Herald.Tests.Infrastructure;
using Herald.Web;
using Microsoft.Extensions.Localization;

namespace Herald.Tests.Web;

/// <summary>Durations and labels as the pages show them, in English and French.</summary>
public sealed class DisplayTests
{
    [Fact]
    public async Task A_duration_reads_as_minutes_hours_or_days_in_the_pages_language_and_an_unknown_label_shows_its_value()
    {
        await using var herald = await HeraldInstance.StartAsync();
        var inbox = herald.Services.GetRequiredService<IStringLocalizer<Herald.Web.Resources.Inbox>>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("0 min", Display.Duration(TimeSpan.FromSeconds(20), inbox));
            Assert.Equal("45 min", Display.Duration(TimeSpan.FromMinutes(45), inbox));
            Assert.Equal("2 h 05 min", Display.Duration(TimeSpan.FromMinutes(125), inbox));
            Assert.Equal("3 d 4 h", Display.Duration(TimeSpan.FromHours(76), inbox));
            Assert.Equal("High", Display.Label(inbox, "Priority.high", "high"));
            Assert.Equal("like-via-repost", Display.Label(inbox, "Engagement.like-via-repost", "like-via-repost"));

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");
            Assert.Equal("3 j 4 h", Display.Duration(TimeSpan.FromHours(76), inbox));
            Assert.Equal("Haute", Display.Label(inbox, "Priority.high", "high"));
            Assert.Equal("J’aime", Display.Label(inbox, "Engagement.like", "like"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
