using DepHealth.Core.Scoring;

namespace DepHealth.Core.Tests.Scoring;

// Expected results come from Python 3.11: datetime.fromisoformat(s.replace("Z", "+00:00")), naive as UTC.
public class PythonIsoDateTests
{
    [Theory]
    [InlineData("2024-01-01", "2024-01-01T00:00:00+00:00")]
    [InlineData("2024-01-01T10:00:00", "2024-01-01T10:00:00+00:00")]
    [InlineData("2024-01-01T10:00:00Z", "2024-01-01T10:00:00+00:00")]
    [InlineData("20240101", "2024-01-01T00:00:00+00:00")]
    [InlineData("2024-W01-1", "2024-01-01T00:00:00+00:00")]
    [InlineData("2024W011", "2024-01-01T00:00:00+00:00")]
    [InlineData("2024W01", "2024-01-01T00:00:00+00:00")]
    [InlineData("2024-W01", "2024-01-01T00:00:00+00:00")]
    [InlineData("2020-W53-7", "2021-01-03T00:00:00+00:00")]
    [InlineData("2024-01-01 10", "2024-01-01T10:00:00+00:00")]
    [InlineData("2024-01-01T10:00:00.1234567", "2024-01-01T10:00:00.1234560+00:00")]
    [InlineData("2024-01-01T10:00:00,5", "2024-01-01T10:00:00.5000000+00:00")]
    [InlineData("2024-01-01T10:00:00+05:30", "2024-01-01T04:30:00+00:00")]
    [InlineData("2024-01-01T10:00:00+0530", "2024-01-01T04:30:00+00:00")]
    [InlineData("2024-01-01T10:00:00+05", "2024-01-01T05:00:00+00:00")]
    [InlineData("2024-01-01T10:00:00+23:59", "2023-12-31T10:01:00+00:00")]
    [InlineData("2024-01-01T1000", "2024-01-01T10:00:00+00:00")]
    [InlineData("2024-01-01T100000", "2024-01-01T10:00:00+00:00")]
    [InlineData("2024-01-01T10-05:00", "2024-01-01T15:00:00+00:00")]
    [InlineData("2024-01-01T10:00-05:00", "2024-01-01T15:00:00+00:00")]
    [InlineData("2024-02-29T00:00:00Z", "2024-02-29T00:00:00+00:00")]
    public void Parses_what_python_parses(string text, string expectedUtc)
    {
        Assert.True(PythonIsoDate.TryParseUtcTicks(text, out long ticks));
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture).UtcTicks, ticks);
    }

    [Theory]
    [InlineData("2024-01-01X")]
    [InlineData("2024-01-01T")]
    [InlineData("2024-01-01T24:00:00")]
    [InlineData("2024-01-01T10:00:00+24:00")]
    [InlineData("2024-1-1")]
    [InlineData("2024/01/01")]
    [InlineData("0000-01-01")]
    [InlineData("2024-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2024-01-01T10:0000")]
    [InlineData("2024-01-01T10:00:00.")]
    [InlineData("2024-01-01T10:00:00.12a")]
    [InlineData("2024-01-01T10:00:00.1234567a")]
    [InlineData("２０２４-01-01")]
    [InlineData("2024-01-01T10:00:00-")]
    [InlineData("2024-01-01T10:00:00+1")]
    [InlineData("2024-01-01T10:00:00+123")]
    [InlineData("2024-01-01T10:00:00 ")]
    [InlineData("2024-01-0110:00")]
    [InlineData("2024-W53-1")]
    [InlineData("2024-W00-1")]
    [InlineData("2024-W01-8")]
    [InlineData("2024-01-01T1")]
    [InlineData("2024-01-01TZ")]
    [InlineData("not-a-date")]
    [InlineData("")]
    [InlineData("Jan 1 2024")]
    public void Rejects_what_python_rejects(string text) => Assert.False(PythonIsoDate.TryParseUtcTicks(text, out _));

    [Fact]
    public void Days_are_floored_like_timedelta_days()
    {
        Assert.True(PythonIsoDate.TryParseUtcTicks("2026-01-07T00:00:01Z", out long future));
        var d = new ScoringDate(ScoringDateKind.Valid, future, true);
        Assert.Equal(-1, d.DaysUntil(ScoringTestInputs.NowTicks)); // one second in the future is day -1, not 0

        Assert.True(PythonIsoDate.TryParseUtcTicks("2025-10-09T00:00:01Z", out long almost90));
        Assert.Equal(89, new ScoringDate(ScoringDateKind.Valid, almost90, true).DaysUntil(ScoringTestInputs.NowTicks));
    }
}
