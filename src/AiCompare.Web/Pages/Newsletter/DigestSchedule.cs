namespace AiCompare.Web.Pages.Newsletter;

/// <summary>When digests go out: a weekday and a UTC time (<see cref="NewsletterOptions"/>).</summary>
public sealed record DigestSchedule(DayOfWeek Day, TimeOnly Time)
{
    public static DigestSchedule From(NewsletterOptions options) => new(options.DigestDay, options.DigestTimeUtc);

    /// <summary>The latest scheduled moment at or before <paramref name="now"/>: it names the week's digest.</summary>
    public DateTimeOffset LatestSlot(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var daysBack = ((int)utc.DayOfWeek - (int)Day + 7) % 7;
        var slot = new DateTimeOffset(DateOnly.FromDateTime(utc).AddDays(-daysBack).ToDateTime(Time), TimeSpan.Zero);
        return slot > now ? slot.AddDays(-7) : slot;
    }
}
