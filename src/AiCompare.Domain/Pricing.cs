using System.Globalization;

namespace AiCompare.Domain;

/// <summary>The "pricing read": what a reference monthly workload costs.</summary>
public static class Workload
{
    /// <summary>Reference workload: millions of input tokens a month.</summary>
    public const decimal InputMTok = 10m;

    /// <summary>Reference workload: millions of output tokens a month.</summary>
    public const decimal OutputMTok = 2m;

    /// <summary>
    /// Monthly cost of the reference workload: input × 10 + output × 2. Zero for a free tool without
    /// token prices; null (unknown) when a paid or freemium tool lacks either price.
    /// </summary>
    public static decimal? MonthlyCost(Pricing pricing, decimal inputMTok = InputMTok, decimal outputMTok = OutputMTok)
    {
        if (pricing.InputPerMTok is { } input && pricing.OutputPerMTok is { } output)
            return input * inputMTok + output * outputMTok;
        if (pricing.InputPerMTok is null && pricing.OutputPerMTok is null && pricing.Entry == PricingEntry.Free)
            return 0m;
        return null;
    }

    /// <summary>The most either side of a reader-chosen workload may be, in millions of tokens a month.</summary>
    public const decimal MaxMTok = 100_000m;

    /// <summary>
    /// Reads a reader-chosen workload figure: a plain decimal, clamped to 0..<see cref="MaxMTok"/> and
    /// rounded to 2 places; null (use the default) when it is not a number.
    /// </summary>
    public static decimal? ParseMTok(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return null;
        return Math.Round(Math.Clamp(value, 0m, MaxMTok), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>A workload figure as people write it: <c>10</c>, <c>2.5</c>.</summary>
    public static string FormatMTok(decimal mtok) => mtok.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary><c>$8.00</c>, or <c>—</c> when unknown.</summary>
    public static string Format(decimal? cost) => cost is { } c ? Money.Format(c) : "—";
}

/// <summary>Money formatting that never depends on the server's culture.</summary>
public static class Money
{
    /// <summary>US dollars to the cent, rounded half away from zero: <c>$1,234.50</c>.</summary>
    public static string Format(decimal usd) =>
        "$" + Math.Round(usd, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>A per-1M-token price as written by people: <c>$0.40</c>, <c>$0.075</c>.</summary>
    public static string FormatRate(decimal usd) =>
        "$" + usd.ToString(usd == Math.Round(usd, 2) ? "0.00" : "0.00####", CultureInfo.InvariantCulture);

    public static string EntryLabel(PricingEntry entry) => entry switch
    {
        PricingEntry.Free => "Free",
        PricingEntry.Freemium => "Freemium",
        _ => "Paid",
    };
}
