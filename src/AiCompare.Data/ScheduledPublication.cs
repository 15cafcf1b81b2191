namespace AiCompare.Data;

/// <summary>A draft the publisher put on the site because its scheduled time had come.</summary>
public sealed record ScheduledPublication(long Id, string Slug, DateTimeOffset PublishAt);
