using AiCompare.Domain;
using Dapper;

namespace AiCompare.Data;

/// <summary>An editor account as stored (the hash never leaves the Data and Web layers).</summary>
public sealed record EditorAccount(
    long Id,
    string Email,
    string DisplayName,
    string PasswordHash,
    EditorRole Role,
    string SecurityStamp,
    bool IsDisabled,
    int FailedLogins,
    DateTimeOffset? LockoutEnd,
    DateTimeOffset CreatedAt);

/// <summary>Editor accounts: sign-in bookkeeping, roles, and the security stamp that ends sessions.</summary>
public sealed class EditorRepository(Db db)
{
    private const string Columns = """
        Id, Email, DisplayName, PasswordHash, Role, SecurityStamp, IsDisabled, FailedLogins, LockoutEnd, CreatedAt
        """;

    public async Task<int> CountAsync()
    {
        await using var connection = db.Open();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Editor");
    }

    public async Task<EditorAccount?> FindByEmailAsync(string normalisedEmail)
    {
        const string sql = $"SELECT {Columns} FROM Editor WHERE Email = @Email";
        await using var connection = db.Open();
        return (await connection.QueryAsync<EditorRow>(sql, new { Email = normalisedEmail })).SingleOrDefault()?.ToDomain();
    }

    public async Task<EditorAccount?> FindByIdAsync(long id)
    {
        const string sql = $"SELECT {Columns} FROM Editor WHERE Id = @Id";
        await using var connection = db.Open();
        return (await connection.QueryAsync<EditorRow>(sql, new { Id = id })).SingleOrDefault()?.ToDomain();
    }

    public async Task<IReadOnlyList<EditorAccount>> ListAsync()
    {
        const string sql = $"SELECT {Columns} FROM Editor ORDER BY Email";
        await using var connection = db.Open();
        return (await connection.QueryAsync<EditorRow>(sql)).Select(r => r.ToDomain()).ToList();
    }

    /// <summary>Creates an account; null when the email is already taken.</summary>
    public async Task<long?> CreateAsync(string normalisedEmail, string displayName, string passwordHash, EditorRole role, long? actorId)
    {
        const string sql = """
            INSERT INTO Editor (Email, DisplayName, PasswordHash, Role, SecurityStamp, CreatedAt, UpdatedAt)
            VALUES (@Email, @DisplayName, @PasswordHash, @Role, @Stamp, @Now, @Now)
            ON CONFLICT (Email) DO NOTHING
            RETURNING Id
            """;
        await using var connection = db.Open();
        await using var tx = connection.BeginTransaction();
        var id = await connection.ExecuteScalarAsync<long?>(sql, new
        {
            Email = normalisedEmail,
            DisplayName = displayName,
            PasswordHash = passwordHash,
            Role = AccountRules.Token(role),
            Stamp = NewStamp(),
            Now = DateTimeOffset.UtcNow,
        }, tx);
        if (id is null) return null;
        Journal.Audit(connection, tx, actorId, "editor.create", $"editor #{id}", $"role {AccountRules.Token(role)}");
        await tx.CommitAsync();
        return id;
    }

    /// <summary>Counts a failed sign-in; at the threshold the account is locked until now + duration.</summary>
    public async Task<(int Failures, DateTimeOffset? LockoutEnd)> RecordFailureAsync(long id, int threshold, TimeSpan duration)
    {
        const string sql = """
            UPDATE Editor
            SET FailedLogins = CASE WHEN FailedLogins + 1 >= @Threshold THEN 0 ELSE FailedLogins + 1 END,
                LockoutEnd = CASE WHEN FailedLogins + 1 >= @Threshold THEN @Until ELSE LockoutEnd END
            WHERE Id = @Id
            RETURNING FailedLogins, LockoutEnd
            """;
        await using var connection = db.Open();
        var row = await connection.QuerySingleAsync<(long Failures, string? LockoutEnd)>(sql, new
        {
            Id = id,
            Threshold = threshold,
            Until = DateTimeOffset.UtcNow.Add(duration),
        });
        return ((int)row.Failures, ParseTime(row.LockoutEnd));
    }

    /// <summary>Clears the failure count; stores a rehashed password when the hasher asked for one.</summary>
    public async Task RecordSuccessAsync(long id, string? rehashedPassword)
    {
        const string sql = """
            UPDATE Editor
            SET FailedLogins = 0, LockoutEnd = NULL,
                PasswordHash = COALESCE(@Rehash, PasswordHash)
            WHERE Id = @Id
            """;
        await using var connection = db.Open();
        await connection.ExecuteAsync(sql, new { Id = id, Rehash = rehashedPassword });
    }

    /// <summary>A new security stamp: every session of this editor ends. Returns the new stamp.</summary>
    public async Task<string> RotateStampAsync(long id)
    {
        await using var connection = db.Open();
        var stamp = NewStamp();
        await connection.ExecuteAsync("UPDATE Editor SET SecurityStamp = @Stamp WHERE Id = @Id", new { Id = id, Stamp = stamp });
        return stamp;
    }

    /// <summary>Changes the password and the stamp (other sessions end). Returns the new stamp.</summary>
    public async Task<string> ChangePasswordAsync(long id, string passwordHash, long? actorId)
    {
        const string sql = """
            UPDATE Editor SET PasswordHash = @Hash, SecurityStamp = @Stamp, FailedLogins = 0, LockoutEnd = NULL, UpdatedAt = @Now
            WHERE Id = @Id
            """;
        await using var connection = db.Open();
        await using var tx = connection.BeginTransaction();
        var stamp = NewStamp();
        await connection.ExecuteAsync(sql, new { Id = id, Hash = passwordHash, Stamp = stamp, Now = DateTimeOffset.UtcNow }, tx);
        Journal.Audit(connection, tx, actorId, "editor.password", $"editor #{id}");
        await tx.CommitAsync();
        return stamp;
    }

    public async Task SetRoleAsync(long id, EditorRole role, long actorId)
    {
        const string sql = "UPDATE Editor SET Role = @Role, SecurityStamp = @Stamp, UpdatedAt = @Now WHERE Id = @Id";
        await using var connection = db.Open();
        await using var tx = connection.BeginTransaction();
        await connection.ExecuteAsync(sql, new { Id = id, Role = AccountRules.Token(role), Stamp = NewStamp(), Now = DateTimeOffset.UtcNow }, tx);
        Journal.Audit(connection, tx, actorId, "editor.role", $"editor #{id}", $"role {AccountRules.Token(role)}");
        await tx.CommitAsync();
    }

    public async Task SetDisabledAsync(long id, bool disabled, long actorId)
    {
        const string sql = "UPDATE Editor SET IsDisabled = @Disabled, SecurityStamp = @Stamp, UpdatedAt = @Now WHERE Id = @Id";
        await using var connection = db.Open();
        await using var tx = connection.BeginTransaction();
        await connection.ExecuteAsync(sql, new { Id = id, Disabled = disabled, Stamp = NewStamp(), Now = DateTimeOffset.UtcNow }, tx);
        Journal.Audit(connection, tx, actorId, disabled ? "editor.disable" : "editor.enable", $"editor #{id}");
        await tx.CommitAsync();
    }

    private static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private static DateTimeOffset? ParseTime(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

    private sealed class EditorRow
    {
        public long Id { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public string Role { get; init; } = "";
        public string SecurityStamp { get; init; } = "";
        public bool IsDisabled { get; init; }
        public int FailedLogins { get; init; }
        public string? LockoutEnd { get; init; }
        public string CreatedAt { get; init; } = "";

        public EditorAccount ToDomain() => new(
            Id, Email, DisplayName, PasswordHash,
            AccountRules.TryRole(Role, out var role) ? role : EditorRole.Editor,
            SecurityStamp, IsDisabled, FailedLogins, ParseTime(LockoutEnd), ParseTime(CreatedAt)!.Value);
    }
}
