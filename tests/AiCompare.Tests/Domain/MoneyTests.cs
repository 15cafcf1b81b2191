using System.Globalization;
using System.Reflection;
using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0", "$0.00")]
    [InlineData("8", "$8.00")]
    [InlineData("0.4", "$0.40")]
    [InlineData("999.99", "$999.99")]
    [InlineData("1000", "$1,000.00")]
    [InlineData("1234.5", "$1,234.50")]
    [InlineData("1234567.891", "$1,234,567.89")]
    [InlineData("0.004", "$0.00")]
    [InlineData("0.005", "$0.01")]          // half away from zero
    [InlineData("0.025", "$0.03")]          // not to even (banker's would give $0.02)
    [InlineData("2.675", "$2.68")]          // exact in decimal; a double would give $2.67
    [InlineData("999.995", "$1,000.00")]    // rounding carries into the thousands separator
    public void Format_Usd_RoundsHalfAwayFromZeroToCentsWithThousandsSeparators(string usd, string expected)
    {
        Assert.Equal(expected, Money.Format(Build.Usd(usd)!.Value));
    }

    [Fact]
    public void Format_UnderAGermanThreadCulture_StillUsesDotDecimalsAndCommaThousands()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = GermanNumbers();
            Assert.Equal("1.234,50", 1234.5m.ToString("#,0.00", CultureInfo.CurrentCulture)); // the culture really is in effect

            Assert.Equal("$8.00", Money.Format(8m));
            Assert.Equal("$8.00", Workload.Format(Workload.MonthlyCost(Build.Pricing(PricingEntry.Paid, "0.40", "2.00"))));
            Assert.Equal("$1,234.50", Money.Format(1234.5m));
            Assert.Equal("$0.075", Money.FormatRate(0.075m));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Theory]
    [InlineData("0.40", "$0.40")]
    [InlineData("0.4", "$0.40")]
    [InlineData("0.1", "$0.10")]
    [InlineData("0.075", "$0.075")]
    [InlineData("0.0005", "$0.0005")]
    [InlineData("0.123456", "$0.123456")]
    [InlineData("2", "$2.00")]
    [InlineData("2.00", "$2.00")]
    [InlineData("1.50", "$1.50")]
    [InlineData("15", "$15.00")]
    [InlineData("0", "$0.00")]
    public void FormatRate_PerMillionTokenPrice_KeepsCentsAndAnyFinerDigits(string usd, string expected)
    {
        Assert.Equal(expected, Money.FormatRate(Build.Usd(usd)!.Value));
    }

    [Theory]
    [InlineData(PricingEntry.Free, "Free")]
    [InlineData(PricingEntry.Freemium, "Freemium")]
    [InlineData(PricingEntry.Paid, "Paid")]
    public void EntryLabel_EachEntry_HasItsLabel(PricingEntry entry, string label)
    {
        Assert.Equal(label, Money.EntryLabel(entry));
    }

    [Theory]
    [InlineData(typeof(Money))]
    [InlineData(typeof(Workload))]
    [InlineData(typeof(Pricing))]
    public void MoneyApis_AnyPublicMember_NeverUseFloatingPoint(Type type)
    {
        var floating = new[] { typeof(double), typeof(float), typeof(double?), typeof(float?) };
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        Assert.NotEmpty(methods);
        Assert.DoesNotContain(methods, m => floating.Contains(m.ReturnType) || m.GetParameters().Any(p => floating.Contains(p.ParameterType)));
        Assert.DoesNotContain(type.GetProperties(), p => floating.Contains(p.PropertyType));
    }

    // The test host runs with invariant globalization (no ICU), so "de-DE" cannot be created; this culture carries
    // de-DE's number format (decimal comma, dot thousands), which is what a culture leak would show.
    private static CultureInfo GermanNumbers()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.NumberFormat.CurrencyDecimalSeparator = ",";
        culture.NumberFormat.CurrencyGroupSeparator = ".";
        culture.NumberFormat.CurrencySymbol = "€";
        return culture;
    }
}
