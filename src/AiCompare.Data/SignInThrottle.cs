using System.Data;
using Dapper;

namespace AiCompare.Data;

/// <summary>What the throttle said to one sign-in attempt.</summary>
/// <param name="Allowed">Whether the password may be checked.</param>
/// <param name="Reservation">The failure recorded in advance for an allowed attempt; <see cref="SignInThrottle.SucceededAsync"/> takes it back.</param>
/// <param name="Failures">This address's failures for this account, the attempt included when allowed.</param>
/// <param name="BlockedUntil">Until when this address may not try this account again, if it may not.</param>
/// <param name="AccountBusy">Refused because the account as a whole is over its failure budget.</param>
public sealed record SignInAttempt(bool Allowed, long Reservation, int Failures, DateTimeOffset? BlockedUntil, bool AccountBusy);

/// <summary>Failed sign-ins of one account over the last day, for the editors page: counts only, no addresses.</summary>
public sealed record SignInFailures(int Count, int Addresses, DateTimeOffset Last, int BlockedAddresses);

/// <summary>
/// Sign-in throttling per (account, client address), shared by every instance through the database.
/// An address gets <see cref="FreeFailures"/> tries at an account, then waits a minute, then twice as long
/// after each further failure, up to <see cref="MaxBlock"/>. While an account has had
/// <see cref="AccountBudget"/> failures within <see cref="AccountWindow"/>, an address that has itself
/// failed at it gets no further try until the window passes; an address that has not failed is never
/// refused, so the owner can sign in while someone else is guessing.
/// </summary>
/// <remarks>
/// An attempt is counted as a failure before its password is checked, in the same immediate transaction
/// as the check of the limits (<see cref="TryBeginAsync"/>), and taken back on success: parallel attempts
/// can never check more passwords than the limits allow.
/// </remarks>
public sealed class SignInThrottle(Db db)
{
    public const int FreeFailures = 3;
    public static readonly TimeSpan FirstBlock = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxBlock = TimeSpan.FromMinutes(15);
    public const int AccountBudget = 10;
    public static readonly TimeSpan AccountWindow = TimeSpan.FromMinutes(15);

    /// <summary>How long failures are remembered: the editors page's window, and when an address starts afresh.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(24);

    /// <summary>How long an address waits after its <paramref name="failures"/>-th failure (zero below the free tries).</summary>
    public static TimeSpan BlockAfter(int failures)
    {
        if (failures < FreeFailures) return TimeSpan.Zero;
        var doublings = Math.Min(failures - FreeFailures, 10);
        var block = FirstBlock * (1 << doublings);
        return block < MaxBlock ? block : MaxBlock;
    }

    /// <summary>
    /// Checks the limits for this account and address and, if they allow a try, records it as a failure
    /// in the same transaction (BEGIN IMMEDIATE), so that no parallel attempt sees the count before it.
    /// </summary>
    public async Task<SignInAttempt> TryBeginAsync(long editorId, string addressHash, DateTimeOffset now)
    {
        const string forget = """
            DELETE FROM SignInFailure WHERE EditorId = @EditorId AND At < @Forget;
            DELETE FROM SignInThrottle WHERE EditorId = @EditorId AND LastFailureAt < @Forget;
            """;
        const string state = "SELECT Failures, BlockedUntil FROM SignInThrottle WHERE EditorId = @EditorId AND AddressHash = @AddressHash";
        const string recent = "SELECT COUNT(*) FROM SignInFailure WHERE EditorId = @EditorId AND At >= @WindowStart";
        const string record = """
            INSERT INTO SignInThrottle (EditorId, AddressHash, Failures, BlockedUntil, LastFailureAt)
            VALUES (@EditorId, @AddressHash, @Failures, @BlockedUntil, @Now)
            ON CONFLICT (EditorId, AddressHash) DO UPDATE
            SET Failures = excluded.Failures, BlockedUntil = excluded.BlockedUntil, LastFailureAt = excluded.LastFailureAt;
            INSERT INTO SignInFailure (EditorId, AddressHash, At) VALUES (@EditorId, @AddressHash, @Now) RETURNING Id;
            """;
        // One check at a time per account: SQLite's first write takes the database's write lock; PostgreSQL
        // takes the account's row lock, or parallel wrong passwords would each read the same count. A burst
        // of guesses queues on that lock, and the owner's own sign-in with them: it waits up to 10 s for its
        // turn (a short transaction each) rather than the general lock timeout.
        const string forgetPostgreSql = "SET LOCAL lock_timeout = '10s';\nSELECT 1 FROM Editor WHERE Id = @EditorId FOR UPDATE;\n" + forget;
        await using var connection = db.Open();
        await using var tx = connection.BeginTransaction();
        var key = new { EditorId = editorId, AddressHash = addressHash, Forget = now - Memory, WindowStart = now - AccountWindow };
        await connection.ExecuteAsync(db.Sql(forget, forgetPostgreSql), key, tx);
        var row = await connection.QuerySingleOrDefaultAsync<ThrottleRow>(state, key, tx);
        var failures = (int)(row?.Failures ?? 0);
        if (Time(row?.BlockedUntil) is { } until && until > now)
            return new SignInAttempt(false, 0, failures, until, false);
        if (failures > 0 && await connection.ExecuteScalarAsync<int>(recent, key, tx) >= AccountBudget)
            return new SignInAttempt(false, 0, failures, null, true);

        failures++;
        var block = BlockAfter(failures);
        DateTimeOffset? blockedUntil = block > TimeSpan.Zero ? now + block : null;
        var reservation = await connection.ExecuteScalarAsync<long>(record, new
        {
            EditorId = editorId,
            AddressHash = addressHash,
            Failures = failures,
            BlockedUntil = blockedUntil,
            Now = now,
        }, tx);
        await tx.CommitAsync();
        return new SignInAttempt(true, reservation, failures, blockedUntil, false);
    }

    /// <summary>The right password: this address starts afresh at this account, and the attempt is no failure.</summary>
    public async Task SucceededAsync(long editorId, string addressHash, SignInAttempt attempt)
    {
        const string sql = """
            DELETE FROM SignInThrottle WHERE EditorId = @EditorId AND AddressHash = @AddressHash;
            DELETE FROM SignInFailure WHERE Id = @Reservation;
            """;
        await using var connection = db.Open();
        await using var tx = connection.BeginTransaction();
        await connection.ExecuteAsync(sql, new { EditorId = editorId, AddressHash = addressHash, attempt.Reservation }, tx);
        await tx.CommitAsync();
    }

    /// <summary>Failed sign-ins per account over the last <see cref="Memory"/>, keyed by editor id.</summary>
    public async Task<IReadOnlyDictionary<long, SignInFailures>> RecentAsync(DateTimeOffset now)
    {
        const string sql = """
            SELECT f.EditorId, COUNT(*) AS Count, COUNT(DISTINCT f.AddressHash) AS Addresses, MAX(f.At) AS Last,
                   (SELECT COUNT(*) FROM SignInThrottle t WHERE t.EditorId = f.EditorId AND t.BlockedUntil > @Now) AS BlockedAddresses
            FROM SignInFailure f
            WHERE f.At >= @Since
            GROUP BY f.EditorId
            """;
        await using var connection = db.Open();
        var rows = await connection.QueryAsync<(long EditorId, long Count, long Addresses, string Last, long BlockedAddresses)>(sql, new { Now = now, Since = now - Memory });
        return rows.ToDictionary(r => r.EditorId, r => new SignInFailures((int)r.Count, (int)r.Addresses, Time(r.Last)!.Value, (int)r.BlockedAddresses));
    }

    /// <summary>
    /// Forgets every failure and block of an account, inside the caller's transaction (unlock, enable,
    /// password change). Returns how many failures and throttled addresses were cleared.
    /// </summary>
    public static (int Failures, int Addresses) Clear(IDbConnection connection, IDbTransaction tx, long editorId)
    {
        var addresses = connection.Execute("DELETE FROM SignInThrottle WHERE EditorId = @EditorId", new { EditorId = editorId }, tx);
        var failures = connection.Execute("DELETE FROM SignInFailure WHERE EditorId = @EditorId", new { EditorId = editorId }, tx);
        return (failures, addresses);
    }

    private static DateTimeOffset? Time(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);

    private sealed class ThrottleRow
    {
        public long Failures { get; init; }
        public string? BlockedUntil { get; init; }
    }
}
