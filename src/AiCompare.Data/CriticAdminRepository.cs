using System.Text.Json;
using AiCompare.Domain;
using Dapper;

namespace AiCompare.Data;

/// <summary>A critic as the admin form edits it.</summary>
public sealed record CriticEditData(
    string Slug, string Name, string Label, string? Role, string? Motto, int Order,
    IReadOnlyList<string> ExcitedAbout, IReadOnlyList<string> TiredOf, string Bio);

/// <summary>Editors' writes to the panel of critics.</summary>
public sealed class CriticAdminRepository(Db db, Markdown markdown)
{
    private const string Columns = "Slug, Name, Label, Role, Motto, SortOrder, ExcitedAbout, TiredOf, Bio";

    public async Task<IReadOnlyList<CriticEditData>> ListAsync()
    {
        const string sql = $"SELECT {Columns} FROM Critic ORDER BY SortOrder, Slug";
        await using var connection = db.Open();
        return (await connection.QueryAsync<CriticRow>(sql)).Select(r => r.ToEditData()).ToList();
    }

    public async Task<CriticEditData?> GetAsync(string slug)
    {
        const string sql = $"SELECT {Columns} FROM Critic WHERE Slug = @Slug";
        await using var connection = db.Open();
        return (await connection.QueryAsync<CriticRow>(sql, new { Slug = slug })).SingleOrDefault()?.ToEditData();
    }

    /// <summary>Creates (when <paramref name="create"/>) or updates a critic; false when that is impossible (slug taken / missing).</summary>
    public Task<bool> SaveAsync(CriticContent critic, bool create, long editorId)
    {
        const string insert = """
            INSERT INTO Critic (Slug, Name, Label, Role, Motto, SortOrder, ExcitedAbout, TiredOf, Bio, BioHtml, UpdatedAt)
            VALUES (@Slug, @Name, @Label, @Role, @Motto, @Order, @ExcitedAbout, @TiredOf, @Bio, @BioHtml, @Now)
            ON CONFLICT (Slug) DO NOTHING
            """;
        const string update = """
            UPDATE Critic SET Name = @Name, Label = @Label, Role = @Role, Motto = @Motto, SortOrder = @Order,
                ExcitedAbout = @ExcitedAbout, TiredOf = @TiredOf, Bio = @Bio, BioHtml = @BioHtml, ContentHash = NULL, UpdatedAt = @Now
            WHERE Slug = @Slug
            """;
        return db.WriteAsync<bool>(async (connection, tx) =>
        {
            var changed = await connection.ExecuteAsync(create ? insert : update, new
            {
                critic.Slug, critic.Name, critic.Label, critic.Role, critic.Motto, critic.Order,
                ExcitedAbout = JsonSerializer.Serialize(critic.ExcitedAbout),
                TiredOf = JsonSerializer.Serialize(critic.TiredOf),
                critic.Bio,
                BioHtml = markdown.ToHtml(critic.Bio),
                Now = DateTimeOffset.UtcNow,
            }, tx);
            if (changed == 0) return (false, null);
            Journal.Audit(connection, tx, editorId, create ? "critic.create" : "critic.update", "critic " + critic.Slug);
            return (true, new Change.CriticsChanged());
        });
    }

}
