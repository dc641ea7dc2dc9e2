using System.Globalization;

namespace Herald.Web;

/// <summary>The days a calendar view covers: a month grid of whole weeks, one week, or a month as a list.</summary>
public sealed record CalendarRange(string View, DateOnly Anchor, DateOnly From, DateOnly To, DateOnly Previous, DateOnly Next)
{
    public static CalendarRange For(string view, DateOnly anchor, CultureInfo culture)
    {
        var firstDay = culture.DateTimeFormat.FirstDayOfWeek;
        DateOnly WeekStart(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek - (int)firstDay + 7) % 7));
        var month = new DateOnly(anchor.Year, anchor.Month, 1);
        return view switch
        {
            "week" => new CalendarRange(view, anchor, WeekStart(anchor), WeekStart(anchor).AddDays(7), anchor.AddDays(-7), anchor.AddDays(7)),
            "list" => new CalendarRange(view, anchor, month, month.AddMonths(1), month.AddMonths(-1), month.AddMonths(1)),
            _ => MonthGrid(anchor, month, WeekStart(month)),
        };
    }

    private static CalendarRange MonthGrid(DateOnly anchor, DateOnly month, DateOnly start)
    {
        var end = start;
        while (end < month.AddMonths(1))
        {
            end = end.AddDays(7);
        }
        return new CalendarRange("month", anchor, start, end, month.AddMonths(-1), month.AddMonths(1));
    }

    public IEnumerable<DateOnly> Days()
    {
        for (var d = From; d < To; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}
