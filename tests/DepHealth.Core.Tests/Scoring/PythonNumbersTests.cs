using DepHealth.Core.Scoring;

namespace DepHealth.Core.Tests.Scoring;

// Expected values are Python 3.11's round(x, 1), round(x, 2), repr(x) and format(x, ',') for the same doubles.
public class PythonNumbersTests
{
    [Theory]
    [InlineData(0.25, 0.2, 0.25)]
    [InlineData(0.35, 0.3, 0.35)]
    [InlineData(2.675, 2.7, 2.67)]
    [InlineData(1.05, 1.1, 1.05)]
    [InlineData(0.15, 0.1, 0.15)]
    [InlineData(0.45, 0.5, 0.45)]
    [InlineData(-0.25, -0.2, -0.25)]
    [InlineData(-2.675, -2.7, -2.67)]
    [InlineData(11.95, 11.9, 11.95)]
    [InlineData(20.04709617579301, 20.0, 20.05)]
    [InlineData(99.95, 100.0, 99.95)]
    [InlineData(0.05, 0.1, 0.05)]
    [InlineData(1e-20, 0.0, 0.0)]
    [InlineData(5e-324, 0.0, 0.0)]
    [InlineData(123456789.05, 123456789.0, 123456789.05)]
    [InlineData(4503599627370495.5, 4503599627370495.5, 4503599627370495.5)]
    [InlineData(94.99999999999999, 95.0, 95.0)]
    [InlineData(44.65, 44.6, 44.65)]
    [InlineData(79.14, 79.1, 79.14)]
    [InlineData(32.38327648331624, 32.4, 32.38)]
    [InlineData(15.084917392450192, 15.1, 15.08)]
    [InlineData(3.749565844198488, 3.7, 3.75)]
    [InlineData(43.364568366238586, 43.4, 43.36)]
    public void Round_matches_python_round(double x, double round1, double round2)
    {
        Assert.Equal(round1, PythonNumbers.Round1(x));
        Assert.Equal(round2, PythonNumbers.Round(x, 2));
    }

    [Theory]
    [InlineData(0.35)] // 3.5 after x*10: naive rounding gives 0.4, Python 0.3 (0.35 is just below 0.35)
    [InlineData(1.05)] // 10.5 after x*10: naive banker's rounding gives 1.0, Python 1.1 (1.05 is just above)
    public void Round_differs_from_naive_scaling_where_python_does(double x)
    {
        double naive = Math.Round(x * 10) / 10;
        Assert.NotEqual(naive, PythonNumbers.Round1(x));
    }

    [Fact]
    public void Round_keeps_special_values_and_the_sign_of_zero()
    {
        Assert.True(double.IsNaN(PythonNumbers.Round1(double.NaN)));
        Assert.Equal(double.PositiveInfinity, PythonNumbers.Round1(double.PositiveInfinity));
        Assert.True(double.IsNegative(PythonNumbers.Round1(-0.04)));
        Assert.Equal(1e300, PythonNumbers.Round1(1e300));
    }

    [Theory]
    [InlineData(400.0, "400.0")]
    [InlineData(400.5, "400.5")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e16, "1.5e+16")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(123.456, "123.456")]
    [InlineData(1e22, "1e+22")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1e15 + 0.5, "1000000000000000.5")]
    [InlineData(-3.5, "-3.5")]
    public void Repr_matches_python_repr(double x, string expected) => Assert.Equal(expected, PythonNumbers.Repr(x));

    [Theory]
    [InlineData(400.0, "400")]
    [InlineData(365.0, "365")]
    [InlineData(200.5, "200.5")]
    [InlineData(2.0, "2")]
    [InlineData(1.5, "1.5")]
    [InlineData(1e16, "1e+16")]
    public void Format_prints_whole_numbers_as_integers(double x, string expected) => Assert.Equal(expected, PythonNumbers.Format(x));

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(999.0, "999")]
    [InlineData(1200.0, "1,200")]
    [InlineData(1234567.0, "1,234,567")]
    [InlineData(999.25, "999.25")]
    [InlineData(1234.5, "1,234.5")]
    [InlineData(1e15 + 0.5, "1,000,000,000,000,000.5")]
    public void FormatGrouped_matches_python_thousands_format(double x, string expected) =>
        Assert.Equal(expected, PythonNumbers.FormatGrouped(x));
}
