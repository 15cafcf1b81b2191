using System.Globalization;

namespace AiCompare.Domain;

/// <summary>The rules every write path uses (import now, admin forms later).</summary>
public static class ContentRules
{
    public const int MaxShortText = 120;
    public const int MaxLongText = 300;
    public const int MaxQuote = 2_000;
    public const int MaxDescription = 20_000;
    public const decimal MaxPricePerMTok = 10_000m;
    public const int MaxPriceDecimals = 6;

    /// <summary>How <c>publish_at</c> may be written: UTC, to the minute or the second.</summary>
    private static readonly string[] PublishAtFormats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd HH:mm:ss'Z'", "yyyy-MM-dd HH:mm'Z'"];

    public static (ToolContent? Tool, IReadOnlyList<FieldProblem> Problems) ValidateTool(ToolDraft d, Func<string, bool> criticExists)
    {
        var p = new List<FieldProblem>();
        CheckSlug(d.Slug, p);
        var name = Required(d.Name, "name", MaxShortText, p);
        var tagline = Required(d.Tagline, "tagline", MaxLongText, p);
        var category = Required(d.Category, "category", MaxShortText, p);
        if (category is not null && Slug.FromName(category).Length == 0)
            p.Add(new("category", "must contain at least one letter or digit"));
        var vendor = Optional(d.Vendor, "vendor", MaxShortText, p);
        var website = Optional(d.Website, "website", MaxLongText, p);
        if (website is not null && !IsHttpUrl(website))
            p.Add(new("website", "must be an absolute http or https URL"));
        var reviewed = Date(d.Reviewed, "reviewed", p);
        var bestFor = Optional(d.BestFor, "best_for", MaxLongText, p);

        PricingEntry? entry = null;
        if (string.IsNullOrWhiteSpace(d.Entry))
            p.Add(new("pricing.entry", "is required (free, freemium or paid)"));
        else if (TryEntry(d.Entry, out var e))
            entry = e;
        else
            p.Add(new("pricing.entry", $"'{d.Entry}' is not one of free, freemium, paid"));
        var summary = Required(d.PricingSummary, "pricing.summary", MaxLongText, p);
        var input = Price(d.InputPerMTok, "pricing.input_per_mtok", p);
        var output = Price(d.OutputPerMTok, "pricing.output_per_mtok", p);

        var reviews = new List<ReviewContent>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < d.Reviews.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"reviews[{i + 1}]");
            var (review, reviewProblems) = ValidateReview(d.Reviews[i], criticExists, prefix + ".");
            p.AddRange(reviewProblems);
            if (review is null) continue;
            if (!seen.Add(review.Critic))
                p.Add(new(prefix + ".critic", $"duplicate review by critic '{review.Critic}' (one review per critic)"));
            else
                reviews.Add(review);
        }

        var description = Lines(d.Description);
        if (!HasNul(description, "description", p) && description.Length > MaxDescription)
            p.Add(new("description", string.Create(CultureInfo.InvariantCulture, $"is longer than {MaxDescription} characters")));

        var published = true;
        if (!string.IsNullOrWhiteSpace(d.Published))
        {
            switch (d.Published.Trim().ToLowerInvariant())
            {
                case "true" or "yes": published = true; break;
                case "false" or "no": published = false; break;
                default: p.Add(new("published", $"'{d.Published}' is not true or false")); break;
            }
        }

        DateTimeOffset? publishAt = null;
        if (!string.IsNullOrWhiteSpace(d.PublishAt))
        {
            if (!DateTimeOffset.TryParseExact(d.PublishAt.Trim(), PublishAtFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
                p.Add(new("publish_at", $"'{d.PublishAt}' is not a UTC time written as YYYY-MM-DDTHH:MM:SSZ"));
            else if (published)
                p.Add(new("publish_at", "only a draft can be scheduled: remove it, or add published: false"));
            else
                publishAt = at;
        }
        var oldSlugs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var old in d.OldSlugs ?? [])
        {
            var slug = old.Trim();
            if (!Slug.IsValid(slug))
                p.Add(new("old_slugs", $"'{old}' must be lowercase letters and digits joined by single hyphens (at most {Slug.MaxLength} characters)"));
            else if (slug == d.Slug)
                p.Add(new("old_slugs", $"'{slug}' is the tool's own slug"));
            else
                oldSlugs.Add(slug);
        }

        if (p.Count > 0) return (null, p);
        return (new ToolContent(d.Slug, name!, tagline!, category!, vendor, website, reviewed, bestFor,
            new Pricing(entry!.Value, summary!, input, output), reviews, description, published)
        {
            PublishAt = publishAt,
            OldSlugs = oldSlugs.Count == 0 ? null : oldSlugs.ToList(),
        }, p);
    }

    /// <summary>One review; problem fields are prefixed with <paramref name="prefix"/> (e.g. <c>reviews[2].</c>).</summary>
    public static (ReviewContent? Review, IReadOnlyList<FieldProblem> Problems) ValidateReview(ReviewDraft r, Func<string, bool> criticExists, string prefix = "")
    {
        var p = new List<FieldProblem>();
        var critic = r.Critic?.Trim();
        if (string.IsNullOrEmpty(critic))
            p.Add(new(prefix + "critic", "is required"));
        else if (!criticExists(critic))
            p.Add(new(prefix + "critic", $"unknown critic '{critic}'"));
        var score = Score(r.Score, prefix + "score", p);
        ReviewVerdict? verdict = null;
        if (string.IsNullOrWhiteSpace(r.Verdict))
            p.Add(new(prefix + "verdict", "is required (ship or skip)"));
        else if (TryVerdict(r.Verdict, out var v))
            verdict = v;
        else
            p.Add(new(prefix + "verdict", $"'{r.Verdict}' is not ship or skip"));
        var quote = Required(r.Quote, prefix + "quote", MaxQuote, p);
        var reviewed = Date(r.Reviewed, prefix + "reviewed", p);
        if (p.Count > 0) return (null, p);
        return (new ReviewContent(critic!, score!.Value, verdict!.Value, quote!, reviewed), p);
    }

    public static (CriticContent? Critic, IReadOnlyList<FieldProblem> Problems) ValidateCritic(CriticDraft d)
    {
        var p = new List<FieldProblem>();
        CheckSlug(d.Slug, p);
        var name = Required(d.Name, "name", MaxShortText, p);
        var label = Required(d.Label, "label", 40, p);
        var role = Optional(d.Role, "role", MaxShortText, p);
        var motto = Optional(d.Motto, "motto", MaxLongText, p);
        var order = 0;
        if (!string.IsNullOrWhiteSpace(d.Order) && !int.TryParse(d.Order.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out order))
            p.Add(new("order", $"'{d.Order}' is not a whole number"));
        var excited = List(d.ExcitedAbout, "excited_about", p);
        var tired = List(d.TiredOf, "tired_of", p);
        var bio = Lines(d.Bio);
        if (!HasNul(bio, "bio", p) && bio.Length > MaxDescription)
            p.Add(new("bio", string.Create(CultureInfo.InvariantCulture, $"is longer than {MaxDescription} characters")));
        if (p.Count > 0) return (null, p);
        return (new CriticContent(d.Slug, name!, label!, role, motto, order, excited, tired, bio), p);
    }

    public static bool TryEntry(string? text, out PricingEntry entry)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "free": entry = PricingEntry.Free; return true;
            case "freemium": entry = PricingEntry.Freemium; return true;
            case "paid": entry = PricingEntry.Paid; return true;
            default: entry = default; return false;
        }
    }

    /// <summary>A verdict as content files, forms, the database and the API write it: <c>ship</c> or <c>skip</c>.</summary>
    public static string VerdictToken(ReviewVerdict verdict) => verdict == ReviewVerdict.Ship ? "ship" : "skip";

    /// <summary>Reads <see cref="VerdictToken"/> back, ignoring case and surrounding spaces.</summary>
    public static bool TryVerdict(string? text, out ReviewVerdict verdict)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "ship": verdict = ReviewVerdict.Ship; return true;
            case "skip": verdict = ReviewVerdict.Skip; return true;
            default: verdict = default; return false;
        }
    }

    public static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    private static void CheckSlug(string slug, List<FieldProblem> p)
    {
        if (!Slug.IsValid(slug))
            p.Add(new("slug", $"'{slug}' must be lowercase letters and digits joined by single hyphens (at most {Slug.MaxLength} characters)"));
    }

    private static string? Required(string? value, string field, int max, List<FieldProblem> p)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            p.Add(new(field, "is required"));
            return null;
        }
        return Length(v, field, max, p);
    }

    private static string? Optional(string? value, string field, int max, List<FieldProblem> p)
    {
        var v = value?.Trim();
        return string.IsNullOrEmpty(v) ? null : Length(v, field, max, p);
    }

    private static string? Length(string v, string field, int max, List<FieldProblem> p)
    {
        if (HasNul(v, field, p)) return null;
        if (v.Length <= max) return v;
        p.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"is longer than {max} characters")));
        return null;
    }

    /// <summary>
    /// Text holds any character but NUL (U+0000): no reader types it, PostgreSQL cannot store it, and it
    /// ends a string in many tools. Refused with the field named, on either database.
    /// </summary>
    private static bool HasNul(string v, string field, List<FieldProblem> p)
    {
        if (!v.Contains('\0', StringComparison.Ordinal)) return false;
        p.Add(new(field, "contains a NUL character (U+0000), which text cannot hold: remove it"));
        return true;
    }

    /// <summary>Markdown bodies keep LF line ends whatever the browser or editor sent, so a file round-trips exactly.</summary>
    private static string Lines(string? text) =>
        (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    private static DateOnly? Date(string? text, string field, List<FieldProblem> p)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        p.Add(new(field, $"'{text}' is not a date in the form YYYY-MM-DD"));
        return null;
    }

    private static int? Score(string? text, string field, List<FieldProblem> p)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            p.Add(new(field, "is required (a whole number from 0 to 100)"));
            return null;
        }
        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var score))
        {
            p.Add(new(field, $"'{text}' is not a whole number from 0 to 100"));
            return null;
        }
        if (score is < 0 or > 100)
        {
            p.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"{score} is out of range (0 to 100)")));
            return null;
        }
        return score;
    }

    private static decimal? Price(string? text, string field, List<FieldProblem> p)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price))
        {
            p.Add(new(field, $"'{text}' is not a price in USD per 1M tokens, like 0.40"));
            return null;
        }
        if (price > MaxPricePerMTok)
        {
            p.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"{price} is more than {MaxPricePerMTok} USD per 1M tokens")));
            return null;
        }
        if (price.Scale > MaxPriceDecimals && price != Math.Round(price, MaxPriceDecimals))
        {
            p.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"has more than {MaxPriceDecimals} decimal places")));
            return null;
        }
        // One value, one representation: 0.40 and 0.4 are the same price.
        return decimal.Parse(price.ToString("0.######", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static IReadOnlyList<string> List(IReadOnlyList<string> items, string field, List<FieldProblem> p)
    {
        var result = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var v = items[i]?.Trim();
            if (string.IsNullOrEmpty(v)) continue;
            if (HasNul(v, string.Create(CultureInfo.InvariantCulture, $"{field}[{i + 1}]"), p)) continue;
            if (v.Length > MaxLongText)
                p.Add(new(string.Create(CultureInfo.InvariantCulture, $"{field}[{i + 1}]"), string.Create(CultureInfo.InvariantCulture, $"is longer than {MaxLongText} characters")));
            else
                result.Add(v);
        }
        return result;
    }
}
