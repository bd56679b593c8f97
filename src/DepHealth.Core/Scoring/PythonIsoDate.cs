namespace DepHealth.Core.Scoring;

/// <summary>
/// Parses a date the way the original did: <c>datetime.fromisoformat(s.replace("Z", "+00:00"))</c> (CPython 3.11+ grammar:
/// extended or basic dates, ISO week dates, any one separator character, optional time and offset), naive values
/// taken as UTC. The result is the instant in UTC ticks (a long, so offsets never overflow DateTime's range).
/// </summary>
public static class PythonIsoDate
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Parses <paramref name="text"/>; false where Python would raise ValueError.</summary>
    public static bool TryParseUtcTicks(string text, out long utcTicks)
    {
        utcTicks = 0;
        string s = text.Replace("Z", "+00:00", StringComparison.Ordinal);
        if (s.Length < 7) return false;

        int sep = FindSeparator(s);
        if (sep < 0 || !TryParseDate(s[..Math.Min(sep, s.Length)], out DateOnly date)) return false;
        long offsetTicks = 0;
        long timeTicks = 0;
        if (sep < s.Length)
        {
            string t = s[(sep + 1)..];
            if (t.Length == 0 || !TryParseTime(t, out timeTicks, out offsetTicks)) return false;
        }
        utcTicks = date.DayNumber * TimeSpan.TicksPerDay + timeTicks - offsetTicks;
        return true;
    }

    // Where the date ends (CPython _find_isoformat_datetime_separator); -1 if the string cannot hold a date.
    private static int FindSeparator(string s)
    {
        int len = s.Length;
        if (len == 7) return 7;
        if (s[4] == '-')
        {
            if (s[5] != 'W') return 10;
            if (len > 8 && s[8] == '-')
            {
                if (len == 9) return -1;
                return len > 10 && char.IsAsciiDigit(s[10]) ? 8 : 10;
            }
            return 8;
        }
        if (s[4] != 'W') return 8;
        int idx = 7;
        while (idx < len && char.IsAsciiDigit(s[idx])) idx++;
        if (idx < 9) return idx;
        return idx % 2 == 0 ? 7 : 8;
    }

    private static bool TryParseDate(string d, out DateOnly date)
    {
        date = default;
        if (d.Length is not (7 or 8 or 10)) return false;
        if (!TryDigits(d, 0, 4, out int year)) return false;
        bool hasSep = d[4] == '-';
        int pos = 4 + (hasSep ? 1 : 0);
        if (pos < d.Length && d[pos] == 'W')
        {
            pos++;
            if (!TryDigits(d, pos, 2, out int week)) return false;
            pos += 2;
            int day = 1;
            if (d.Length > pos)
            {
                if ((d[pos] == '-') != hasSep) return false;
                if (hasSep) pos++;
                if (pos + 1 != d.Length || !TryDigits(d, pos, 1, out day)) return false;
            }
            return TryIsoWeek(year, week, day, out date);
        }
        if (!TryDigits(d, pos, 2, out int month)) return false;
        pos += 2;
        if (pos >= d.Length || (d[pos] == '-') != hasSep) return false;
        if (hasSep) pos++;
        if (pos + 2 != d.Length || !TryDigits(d, pos, 2, out int dayOfMonth)) return false;
        if (year < 1 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, dayOfMonth);
        return true;
    }

    private static bool TryIsoWeek(int year, int week, int day, out DateOnly date)
    {
        date = default;
        if (year < 1 || week < 1 || day is < 1 or > 7) return false;
        if (week > System.Globalization.ISOWeek.GetWeeksInYear(year)) return false;
        try { date = DateOnly.FromDateTime(System.Globalization.ISOWeek.ToDateTime(year, week, (DayOfWeek)(day % 7))); }
        catch (ArgumentOutOfRangeException) { return false; }
        return true;
    }

    // CPython _parse_isoformat_time: HH[:MM[:SS[.f]]] or basic HHMM[SS[.f]], then an optional +/-offset.
    private static bool TryParseTime(string t, out long timeTicks, out long offsetTicks)
    {
        timeTicks = offsetTicks = 0;
        if (t.Length < 2) return false;
        int tzPos = t.IndexOf('-');
        if (tzPos < 0) tzPos = t.IndexOf('+');
        string timeStr = tzPos >= 0 ? t[..tzPos] : t;
        if (!TryHhMmSsFf(timeStr, out int h, out int m, out int sec, out int us)) return false;
        if (h > 23 || m > 59 || sec > 59) return false;
        timeTicks = ((h * 60L + m) * 60 + sec) * TimeSpan.TicksPerSecond + us * TicksPerMicrosecond;
        if (tzPos < 0) return true;

        string tz = t[(tzPos + 1)..];
        if (tz.Length is 0 or 1 or 3) return false;
        if (!TryHhMmSsFf(tz, out int oh, out int om, out int os, out int ous)) return false;
        if (om > 59 || os > 59) return false;
        long offset = ((oh * 60L + om) * 60 + os) * TimeSpan.TicksPerSecond + ous * TicksPerMicrosecond;
        if (offset >= TimeSpan.TicksPerDay) return false; // timezone() requires |offset| < 24h
        offsetTicks = t[tzPos] == '-' ? -offset : offset;
        return true;
    }

    private static bool TryHhMmSsFf(string s, out int h, out int m, out int sec, out int us)
    {
        h = m = sec = us = 0;
        int len = s.Length, pos = 0;
        Span<int> comps = stackalloc int[3];
        bool hasSep = false;
        for (int comp = 0; comp < 3; comp++)
        {
            if (len - pos < 2 || !TryDigits(s, pos, 2, out comps[comp])) return false;
            pos += 2;
            char next = pos < len ? s[pos] : '\0';
            if (comp == 0) hasSep = next == ':';
            if (pos >= len || comp >= 2) break;
            if (hasSep && next != ':') return false;
            if (hasSep) pos++;
        }
        (h, m, sec) = (comps[0], comps[1], comps[2]);
        if (pos >= len) return true;
        if (s[pos] is not ('.' or ',')) return false;
        pos++;
        int remainder = len - pos;
        if (remainder == 0) return false;
        int take = Math.Min(remainder, 6);
        if (!TryDigits(s, pos, take, out us)) return false;
        for (int i = take; i < 6; i++) us *= 10;
        for (int i = pos + take; i < len; i++) if (!char.IsAsciiDigit(s[i])) return false;
        return true;
    }

    private static bool TryDigits(string s, int start, int count, out int value)
    {
        value = 0;
        if (start < 0 || start + count > s.Length) return false;
        for (int i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }
}
