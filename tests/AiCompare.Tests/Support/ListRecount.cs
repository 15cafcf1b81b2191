using System.Data.Common;
using Dapper;

namespace AiCompare.Tests.Support;

/// <summary>
/// The list aggregates (category and critic counts, reviews' copies of their tool's state, panel ranks)
/// against a recount from Tool and Review, in statements both databases read the same way.
/// </summary>
public static class ListRecount
{
    public static void AssertEqualsRecount(DbConnection connection, string after)
    {
        var categories = connection.Query<(long, long)>("""
            SELECT t.CategoryId, COUNT(*) FROM Tool t WHERE t.IsPublished = 1 GROUP BY t.CategoryId ORDER BY t.CategoryId
            """).ToList();
        var storedCategories = connection.Query<(long, long)>("SELECT CategoryId, Tools FROM CategoryCount WHERE Tools <> 0 ORDER BY CategoryId").ToList();
        Assert.True(categories.SequenceEqual(storedCategories), $"category counts after {after}: recount {string.Join(",", categories)}, stored {string.Join(",", storedCategories)}");

        var critics = connection.Query<(long, long, long, long)>("""
            SELECT r.CriticId, t.CategoryId, COUNT(*), SUM(CASE WHEN r.Verdict = 'ship' THEN 1 ELSE 0 END)
            FROM Review r JOIN Tool t ON t.Id = r.ToolId WHERE t.IsPublished = 1
            GROUP BY r.CriticId, t.CategoryId ORDER BY r.CriticId, t.CategoryId
            """).ToList();
        var storedCritics = connection.Query<(long, long, long, long)>(
            "SELECT CriticId, CategoryId, Tools, Shipped FROM CriticCategoryCount WHERE Tools <> 0 OR Shipped <> 0 ORDER BY CriticId, CategoryId").ToList();
        Assert.True(critics.SequenceEqual(storedCritics), $"critic counts after {after}: recount {string.Join(",", critics)}, stored {string.Join(",", storedCritics)}");

        Assert.Equal(0, connection.ExecuteScalar<int>("""
            SELECT COUNT(*) FROM Review r JOIN Tool t ON t.Id = r.ToolId
            WHERE r.ToolCategoryId IS DISTINCT FROM t.CategoryId OR r.ToolIsPublished IS DISTINCT FROM t.IsPublished
            """));
        Assert.Equal(0, connection.ExecuteScalar<int>("""
            SELECT COUNT(*) FROM Tool t
            WHERE t.PanelRank <> (
                SELECT CASE WHEN COUNT(*) = 0 THEN 2000000000000
                            ELSE (1000000 - SUM(CASE WHEN r.Verdict = 'ship' THEN 1 ELSE 0 END) * 1000000 / COUNT(*)) * 1000000
                                 + (100000 - CAST(SUM(r.Score) AS BIGINT) * 1000 / COUNT(*)) END
                FROM Review r WHERE r.ToolId = t.Id)
            """));
        // Reviewed tools are ranked: the recount above would also pass with every rank at its default.
        Assert.True(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM Tool WHERE PanelRank < 2000000000000") > 0, after);
    }
}
