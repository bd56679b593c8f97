using System.Globalization;

namespace DepHealth.Core.Auth;

/// <summary>Calendar periods of the quotas, all in UTC: the month of the monthly quota and the hour of the demo limit.</summary>
public static class QuotaPeriods
{
    /// <summary><c>YYYY-MM</c> of the instant, UTC.</summary>
    public static string MonthId(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The 1st of the next month, 00:00 UTC (X-RateLimit-Reset of the monthly quota).</summary>
    public static DateTimeOffset MonthResetsAt(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
    }

    /// <summary><c>YYYY-MM-DD-HH</c> of the instant, UTC.</summary>
    public static string HourId(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd-HH", CultureInfo.InvariantCulture);

    /// <summary>The start of the next hour, UTC.</summary>
    public static DateTimeOffset HourResetsAt(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
    }
}
