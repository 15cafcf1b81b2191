using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace AiCompare.Data;

/// <summary>
/// Moves a whole SQLite database into an empty PostgreSQL database (the <c>copy-to</c> verb): every table
/// the site writes, rows as they are (ids included), read from one snapshot of the source and written with
/// PostgreSQL's binary <c>COPY</c> in one transaction, so the target ends with all of it or none of it.
/// The target's triggers are off while the rows arrive (row by row they would recount lists for every
/// review: minutes for a large catalog): the rows come with the copies and list counts SQLite's triggers
/// keep, and the search documents, which differ between the databases, are built in one statement at the
/// end. The triggers are back on when the transaction commits; the count check compares every table.
/// </summary>
public static class DatabaseCopy
{
    /// <summary>
    /// Tables that each database keeps for itself: built from the copied rows (search documents), or by
    /// migrating (the journal, the readiness probe's one row).
    /// </summary>
    public static readonly IReadOnlySet<string> KeptByTheTarget = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "SchemaMigrations", "Readiness", "ToolSearch",
    };

    /// <summary>How far the copy has got: rows of a table copied so far, of its rows in the snapshot.</summary>
    public sealed record Progress(string Table, long Copied, long Total);

    /// <summary>One line of the count check: a table's rows in the source and in the target.</summary>
    public sealed record Count(string Table, long Source, long Target, bool Copied)
    {
        public bool Matches => Source == Target;
    }

    /// <summary>The outcome: the count check, and a problem when nothing was copied (then the target is as it was).</summary>
    public sealed record Result(string? Problem, IReadOnlyList<Count> Counts)
    {
        public bool Succeeded => Problem is null;

        /// <summary>Something to do by hand after a copy that succeeded, or null.</summary>
        public string? Warning { get; init; }
    }

    /// <summary>
    /// Copies the (migrated) SQLite database <paramref name="source"/> into the PostgreSQL database
    /// <paramref name="target"/>, which is migrated first and must hold no rows. Refusals and a failed count
    /// check come back as <see cref="Result.Problem"/>; storage faults and connection failures are thrown.
    /// </summary>
    public static Result Copy(Db source, Db target, Action<Progress> report, CancellationToken cancel)
    {
        if (source.Provider != DatabaseProvider.Sqlite) return new Result("the configured database is PostgreSQL already; copy-to copies a SQLite database", []);
        if (target.Provider != DatabaseProvider.PostgreSql) return new Result("the target is not a PostgreSQL database (expected \"Host=…;Database=…;Username=…\")", []);

        if (Occupied(target) is { } occupied) return new Result(occupied, []);
        new Migrator(target).Migrate();

        using var from = (SqliteConnection)source.Open();
        using var snapshot = from.BeginTransaction(deferred: true);
        // A deferred transaction takes its read snapshot at the first read: every table is read as of now.
        from.ExecuteScalar<long>("SELECT count(*) FROM sqlite_schema", transaction: snapshot);

        using var to = (NpgsqlConnection)target.Open();
        using var tx = to.BeginTransaction();
        // A node started on the target meanwhile waits to migrate until the copy is in (and then seeds nothing).
        to.Execute("SELECT pg_advisory_xact_lock(@Key)", new { Key = Migrator.LockKey }, tx);
        if (Occupied(target, to, tx) is { } raced) return new Result(raced, []);

        var plan = Plan(to, tx);
        var sourceTables = from.Query<string>("SELECT name FROM sqlite_schema WHERE type = 'table'", transaction: snapshot)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = plan.Where(t => !sourceTables.Contains(t.Name)).Select(t => t.Name).ToList();
        if (missing.Count > 0) return new Result($"the source has no table {string.Join(", ", missing)}; is it an AiCompare database?", []);

        // Names come from the target's catalog, quoted. Undone with the transaction if it fails.
        foreach (var table in plan) to.Execute($"ALTER TABLE {Quote(table.Name)} DISABLE TRIGGER USER", transaction: tx);
        foreach (var table in plan)
        {
            cancel.ThrowIfCancellationRequested();
            CopyTable(from, snapshot, to, table, report, cancel);
        }
        // The search documents of the published tools, as the tool trigger makes them one by one.
        to.Execute("""
            INSERT INTO ToolSearch (ToolId, Document)
            SELECT t.Id, aic_search_document(t.Name, t.Tagline, t.Vendor, c.Name, t.Description)
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.IsPublished = 1
            """, transaction: tx);
        foreach (var table in plan) to.Execute($"ALTER TABLE {Quote(table.Name)} ENABLE TRIGGER USER", transaction: tx);
        foreach (var table in plan)
        {
            foreach (var identity in table.Columns.Where(c => c.IsIdentity))
            {
                // The next id follows the copied ones. Names come from the target's catalog, quoted.
                to.Execute($"SELECT setval(pg_get_serial_sequence(@Table, @Column), COALESCE(MAX({Quote(identity.Name)}), 0) + 1, false) FROM {Quote(table.Name)}",
                    new { Table = Quote(table.Name), Column = identity.Name }, tx);
            }
        }

        var counts = new List<Count>();
        foreach (var name in plan.Select(t => t.Name).Concat(KeptByTheTarget.Where(k => k != "SchemaMigrations").Select(k => k.ToLowerInvariant())))
        {
            var copied = plan.Any(t => t.Name == name);
            var sourceRows = from.ExecuteScalar<long>($"SELECT count(*) FROM {Quote(name)}", transaction: snapshot);
            var targetRows = to.ExecuteScalar<long>($"SELECT count(*) FROM {Quote(name)}", transaction: tx);
            counts.Add(new Count(name, sourceRows, targetRows, copied));
        }
        var wrong = counts.Where(c => !c.Matches).Select(c => c.Table).ToList();
        if (wrong.Count > 0)
        {
            tx.Rollback();
            return new Result($"the counts differ for {string.Join(", ", wrong)}; nothing was kept", counts);
        }
        tx.Commit();
        // Freshly loaded tables have no statistics and no visibility map: the planner guesses, and
        // autovacuum soon works through every new row while the nodes serve. Done now, as after any bulk
        // load (outside a transaction, as VACUUM must be). The copy is kept if this fails.
        try
        {
            to.Execute("VACUUM (ANALYZE)", commandTimeout: 0);
        }
        catch (NpgsqlException e)
        {
            return new Result(null, counts) { Warning = $"the copy is complete, but VACUUM (ANALYZE) failed ({e.Message}): run it on the database before starting the nodes" };
        }
        return new Result(null, counts);
    }

    /// <summary>Why the target cannot take a copy (a table of another program, or rows of ours), or null when it is empty.</summary>
    private static string? Occupied(Db target)
    {
        using var connection = target.Open();
        return Occupied(target, connection, null);
    }

    private static string? Occupied(Db target, System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx)
    {
        var tables = connection.Query<string>("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()", transaction: tx).ToList();
        if (tables.Count == 0) return null;
        var ours = OurTables.Value;
        var foreign = tables.Where(t => !ours.Contains(t)).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0) return $"the target database {target.DataSource} is not empty: it has tables that are not AiCompare's ({string.Join(", ", foreign.Take(5))}); copy into a new, empty database";
        foreach (var table in tables.Where(t => !KeptByTheTarget.Contains(t)).Order(StringComparer.Ordinal))
        {
            // Names come from the target's catalog, quoted.
            var rows = connection.ExecuteScalar<long>($"SELECT count(*) FROM (SELECT 1 FROM {Quote(table)} LIMIT 1) AS one", transaction: tx);
            if (rows > 0) return $"the target database {target.DataSource} is not empty: {table} has rows (an AiCompare site has run on it); copy into a new, empty database";
        }
        return null;
    }

    /// <summary>The tables PostgreSQL's migrations make (lower case, as PostgreSQL names them), and the journal.</summary>
    private static readonly Lazy<HashSet<string>> OurTables = new(() =>
    [
        "schemamigrations",
        .. Migrator.Scripts(DatabaseProvider.PostgreSql)
            .SelectMany(s => System.Text.RegularExpressions.Regex.Matches(s.Sql, @"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            .Select(m => m.Groups[1].Value.ToLowerInvariant()),
    ]);

    private sealed record Column(string Name, NpgsqlDbType Type, bool IsIdentity);

    private sealed record Table(string Name, IReadOnlyList<Column> Columns);

    /// <summary>The target's tables to copy, parents before children (by foreign key), with their columns' types.</summary>
    private static List<Table> Plan(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        var columns = connection.Query<(string Table, string Column, string Type, string Identity)>("""
            SELECT table_name, column_name, data_type, is_identity
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_generated = 'NEVER'
              AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
            ORDER BY table_name, ordinal_position
            """, transaction: tx).ToList();
        var parents = connection.Query<(string Child, string Parent)>("""
            SELECT c.relname, p.relname
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
            WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace AND c.relname <> p.relname
            """, transaction: tx).ToLookup(f => f.Child, f => f.Parent, StringComparer.Ordinal);
        var byTable = columns.Where(c => !KeptByTheTarget.Contains(c.Table)).GroupBy(c => c.Table, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Table(g.Key, [.. g.Select(c => new Column(c.Column, TypeOf(c.Type, c.Table, c.Column), c.Identity == "YES"))]), StringComparer.Ordinal);

        var ordered = new List<Table>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Place(string name, int depth)
        {
            if (placed.Contains(name) || !byTable.TryGetValue(name, out var table)) return;
            if (depth > byTable.Count) throw new InvalidOperationException($"The target's foreign keys form a cycle through {name}.");
            foreach (var parent in parents[name].Order(StringComparer.Ordinal)) Place(parent, depth + 1);
            if (placed.Add(name)) ordered.Add(table);
        }
        foreach (var name in byTable.Keys.Order(StringComparer.Ordinal)) Place(name, 0);
        return ordered;
    }

    private static NpgsqlDbType TypeOf(string dataType, string table, string column) => dataType switch
    {
        "bigint" => NpgsqlDbType.Bigint,
        "integer" => NpgsqlDbType.Integer,
        "smallint" => NpgsqlDbType.Smallint,
        "double precision" => NpgsqlDbType.Double,
        "real" => NpgsqlDbType.Real,
        "numeric" => NpgsqlDbType.Numeric,
        "text" or "character varying" or "character" => NpgsqlDbType.Text,
        "bytea" => NpgsqlDbType.Bytea,
        "boolean" => NpgsqlDbType.Boolean,
        _ => throw new InvalidOperationException($"copy-to does not know how to copy {table}.{column} of type {dataType}."),
    };

    private static void CopyTable(SqliteConnection from, SqliteTransaction snapshot, NpgsqlConnection to, Table table, Action<Progress> report, CancellationToken cancel)
    {
        var total = from.ExecuteScalar<long>($"SELECT count(*) FROM {Quote(table.Name)}", transaction: snapshot);
        if (total > 0) report(new Progress(table.Name, 0, total));
        var names = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        // SQLite's names are case-insensitive: the target's lower-case names read the same columns.
        using var rows = from.ExecuteReader($"SELECT {names} FROM {Quote(table.Name)}", transaction: snapshot);
        using var write = to.BeginBinaryImport($"COPY {Quote(table.Name)} ({names}) FROM STDIN (FORMAT BINARY)");
        long copied = 0;
        while (rows.Read())
        {
            write.StartRow();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (rows.IsDBNull(i)) write.WriteNull();
                else write.Write(Value(rows.GetValue(i), table.Columns[i].Type), table.Columns[i].Type);
            }
            if (++copied % 10_000 == 0)
            {
                cancel.ThrowIfCancellationRequested();
                report(new Progress(table.Name, copied, total));
            }
        }
        write.Complete();
        report(new Progress(table.Name, copied, total));
    }

    /// <summary>A SQLite value (long, double, string or bytes) as the target column's type holds it.</summary>
    private static object Value(object value, NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Bigint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Integer => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Smallint => Convert.ToInt16(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Double => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Real => Convert.ToSingle(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Numeric => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Boolean => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        NpgsqlDbType.Bytea => value as byte[] ?? System.Text.Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        _ => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    // Identifiers come from the databases' own catalogs (they cannot be parameters); quoted as identifiers.
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
