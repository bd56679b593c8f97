using System.Globalization;

namespace DepHealth.Core.Scoring;

/// <summary>The few Python number behaviours the scores must reproduce exactly: round(x, 1), repr and <c>{:,}</c>.</summary>
public static class PythonNumbers
{
    /// <summary>
    /// Python's <c>round(x, 1)</c>: the exact binary value rounded to one decimal, ties to even, returned as
    /// the nearest double. Naive <c>Math.Round(x*10)/10</c> differs because x*10 is itself rounded.
    /// </summary>
    public static double Round1(double x) => Round(x, 1);

    /// <summary>Python's <c>round(x, digits)</c> for 0 ≤ digits ≤ 3 (exact value, ties to even).</summary>
    public static double Round(double x, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 3);
        if (!double.IsFinite(x) || x == 0) return x;
        long bits = BitConverter.DoubleToInt64Bits(x);
        bool negative = bits < 0;
        int rawExp = (int)((bits >> 52) & 0x7FF);
        ulong mantissa = (ulong)bits & 0xF_FFFF_FFFF_FFFFUL;
        int exp;
        if (rawExp == 0) exp = -1074;
        else { mantissa |= 1UL << 52; exp = rawExp - 1075; }
        if (exp >= 0) return x; // already an integer

        int k = -exp; // |x| = mantissa / 2^k
        ulong pow10 = digits switch { 0 => 1UL, 1 => 10UL, 2 => 100UL, _ => 1000UL };
        if (k >= 64) return negative ? -0.0 : 0.0; // mantissa*10^digits < 2^63 <= half of 2^k
        UInt128 scaled = (UInt128)mantissa * pow10;
        UInt128 q = scaled >> k;
        UInt128 r = scaled - (q << k);
        UInt128 half = (UInt128)1 << (k - 1);
        if (r > half || (r == half && (q & 1) == 1)) q++;
        double result = q < ((UInt128)1 << 53)
            ? (double)q / pow10 // q and 10^digits exact, so one correctly rounded division
            : double.Parse(q.ToString(CultureInfo.InvariantCulture) + "e-" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return negative ? -result : result;
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, exponent form below 1e-4 and from 1e16.</summary>
    public static string Repr(double x)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsPositiveInfinity(x)) return "inf";
        if (double.IsNegativeInfinity(x)) return "-inf";
        string r = x.ToString("R", CultureInfo.InvariantCulture); // e.g. "-1.5E+16", "0.0001", "123.25"
        bool negative = r.StartsWith('-');
        if (negative) r = r[1..];
        int ePos = r.IndexOf('E');
        int exp10 = ePos >= 0 ? int.Parse(r[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        string mant = ePos >= 0 ? r[..ePos] : r;
        int dot = mant.IndexOf('.');
        string digits = dot >= 0 ? mant.Remove(dot, 1) : mant;
        int decpt = (dot >= 0 ? dot : mant.Length) + exp10; // value = 0.digits * 10^decpt
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') { lead++; decpt--; }
        digits = digits[lead..].TrimEnd('0');
        if (digits.Length == 0) { digits = "0"; decpt = 1; }

        string body;
        if (decpt > 16 || decpt < -3)
        {
            int e = decpt - 1;
            string m = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            body = m + "e" + (e < 0 ? "-" : "+") + Math.Abs(e).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (decpt <= 0) body = "0." + new string('0', -decpt) + digits;
        else if (decpt >= digits.Length) body = digits + new string('0', decpt - digits.Length) + ".0";
        else body = digits[..decpt] + "." + digits[decpt..];
        return negative ? "-" + body : body;
    }

    /// <summary>How a risk-factor number reads: a whole value as an integer ("400"), any other like Python's repr.</summary>
    public static string Format(double x) =>
        IsPrintableWhole(x) ? ((long)x).ToString(CultureInfo.InvariantCulture) : Repr(x);

    /// <summary>Python's <c>{x:,}</c> for a count: thousands separators, whole values as integers ("1,200").</summary>
    public static string FormatGrouped(double x)
    {
        if (IsPrintableWhole(x)) return ((long)x).ToString("#,0", CultureInfo.InvariantCulture);
        string repr = Repr(x);
        if (repr.Contains('e') || !double.IsFinite(x)) return repr;
        int dot = repr.IndexOf('.');
        string intPart = repr[..dot];
        bool negative = intPart.StartsWith('-');
        long whole = long.Parse(negative ? intPart[1..] : intPart, CultureInfo.InvariantCulture);
        return (negative ? "-" : "") + whole.ToString("#,0", CultureInfo.InvariantCulture) + repr[dot..];
    }

    // Whole values print as integers; beyond 1e16 repr's exponent form is kept (it is what Python prints for floats there).
    private static bool IsPrintableWhole(double x) => double.IsFinite(x) && x == Math.Floor(x) && Math.Abs(x) < 1e16;
}
