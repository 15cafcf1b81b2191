using System.Globalization;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>When digests go out: a weekday and a UTC time (default Monday 08:00).</summary>
public sealed record DigestSchedule(DayOfWeek Day, TimeOnly Time)
{
    public static DigestSchedule From(IConfiguration configuration) => new(
        Enum.TryParse<DayOfWeek>(configuration["Newsletter:DigestDay"], ignoreCase: true, out var day) ? day : DayOfWeek.Monday,
        TimeOnly.TryParse(configuration["Newsletter:DigestTimeUtc"], CultureInfo.InvariantCulture, out var time) ? time : new TimeOnly(8, 0));

    /// <summary>The latest scheduled moment at or before <paramref name="now"/>: it names the week's digest.</summary>
    public DateTimeOffset LatestSlot(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var daysBack = ((int)utc.DayOfWeek - (int)Day + 7) % 7;
        var slot = new DateTimeOffset(DateOnly.FromDateTime(utc).AddDays(-daysBack).ToDateTime(Time), TimeSpan.Zero);
        return slot > now ? slot.AddDays(-7) : slot;
    }
}
