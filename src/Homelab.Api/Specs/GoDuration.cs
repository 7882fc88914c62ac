using System.Globalization;
using System.Text;

namespace Homelab.Api.Specs;

/// <summary>
/// A duration in Go's <c>time.ParseDuration</c> syntax (<c>1m30s</c>, <c>10m</c>, <c>1h</c>, <c>500ms</c>,
/// <c>1.5h</c>), the only form Flux and Argo CD accept. A bare number such as <c>60</c> is refused, except
/// <c>0</c>, as in Go.
/// </summary>
public readonly record struct GoDuration(TimeSpan Value)
{
    private static readonly (string Unit, decimal Nanoseconds)[] Units =
    [
        ("ns", 1m),
        ("us", 1_000m),
        ("µs", 1_000m), // micro sign
        ("μs", 1_000m), // Greek mu: Go accepts both spellings
        ("ms", 1_000_000m),
        ("s", 1_000_000_000m),
        ("m", 60_000_000_000m),
        ("h", 3_600_000_000_000m),
    ];

    public static GoDuration Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    public static bool TryParse(string? text, out GoDuration duration, out string error)
    {
        duration = default;
        error = $"'{text}' is not a duration (use Go syntax such as 30s, 5m, 1h30m)";
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var rest = text.AsSpan();
        var negative = rest[0] == '-';
        if (rest[0] is '-' or '+')
        {
            rest = rest[1..];
        }

        if (rest is "0")
        {
            return true;
        }

        decimal totalNanoseconds = 0;
        while (!rest.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !decimal.TryParse(rest[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            rest = rest[numberLength..];
            var unitLength = 0;
            while (unitLength < rest.Length && !char.IsAsciiDigit(rest[unitLength]) && rest[unitLength] != '.')
            {
                unitLength++;
            }

            if (NanosecondsPer(rest[..unitLength]) is not { } perUnit)
            {
                return false;
            }

            rest = rest[unitLength..];
            totalNanoseconds += number * perUnit;
        }

        var ticks = totalNanoseconds / 100;
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            error = $"'{text}' is too long a duration";
            return false;
        }

        duration = new GoDuration(TimeSpan.FromTicks((long)(negative ? -ticks : ticks)));
        return true;
    }

    /// <summary>Go's rendering: <c>1h30m0s</c>, <c>5m0s</c>, <c>500ms</c>, <c>0s</c>.</summary>
    public override string ToString()
    {
        var value = Value;
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            text.Append('-');
            value = value.Negate();
        }

        if (value < TimeSpan.FromSeconds(1))
        {
            return text.Append(Fraction(value.TotalMilliseconds)).Append("ms").ToString();
        }

        if (value.TotalHours >= 1)
        {
            text.Append((long)value.TotalHours).Append('h');
        }

        if (value.TotalMinutes >= 1)
        {
            text.Append(value.Minutes).Append('m');
        }

        return text.Append(Fraction(value.Seconds + (value.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond))).Append('s').ToString();
    }

    private static string Fraction(double number) => number.ToString("0.#########", CultureInfo.InvariantCulture);

    private static decimal? NanosecondsPer(ReadOnlySpan<char> unit)
    {
        foreach (var (name, nanoseconds) in Units)
        {
            if (unit.SequenceEqual(name))
            {
                return nanoseconds;
            }
        }

        return null;
    }
}
