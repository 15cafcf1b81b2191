using System.Data;
using AiCompare.Domain;
using Dapper;

namespace AiCompare.Data;

/// <summary>What the importer and the admin both need to write a tool row.</summary>
internal static class ToolWrites
{
    /// <summary>
    /// The parameters of a tool row: its category (created on first use), prices in micro-dollars,
    /// the description rendered once, the content hash (null when unknown) and the time.
    /// </summary>
    public static DynamicParameters Parameters(IDbConnection connection, IDbTransaction tx, ToolContent tool, Markdown markdown, string? hash, DateTimeOffset now)
    {
        const string upsertCategory = """
            INSERT INTO Category (Slug, Name) VALUES (@Slug, @Name) ON CONFLICT (Slug) DO NOTHING;
            SELECT Id FROM Category WHERE Slug = @Slug;
            """;
        var categoryId = connection.ExecuteScalar<long>(upsertCategory, new { Slug = Slug.FromName(tool.Category), Name = tool.Category }, tx);
        return new DynamicParameters(new
        {
            tool.Slug, tool.Name, tool.Tagline, CategoryId = categoryId, tool.Vendor, tool.Website, tool.Reviewed, tool.BestFor,
            Entry = tool.Pricing.Entry.ToString().ToLowerInvariant(),
            tool.Pricing.Summary,
            InputMicroUsd = MicroUsd.From(tool.Pricing.InputPerMTok),
            OutputMicroUsd = MicroUsd.From(tool.Pricing.OutputPerMTok),
            tool.Description,
            DescriptionHtml = markdown.ToHtml(tool.Description),
            tool.Published,
            Hash = hash,
            Now = now,
        });
    }
}
