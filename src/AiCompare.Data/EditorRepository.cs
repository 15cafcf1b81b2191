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
    DateTimeOffset CreatedAt);

/// <summary>Editor accounts: roles, and the security stamp that ends sessions.</summary>
public sealed class EditorRepository(Db db)
{
    private const string Columns = """
        Id, Email, DisplayName, PasswordHash, Role, SecurityStamp, IsDisabled, CreatedAt
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

    /// <summary>Stores the password hashed again at today's strength, when the hasher asked for it at sign-in.</summary>
    public async Task StoreRehashAsync(long id, string rehashedPassword)
    {
        await using var connection = db.Open();
        await connection.ExecuteAsync("UPDATE Editor SET PasswordHash = @Rehash WHERE Id = @Id", new { Id = id, Rehash = rehashedPassword });
    }

    /// <summary>
    /// Clears every sign-in failure and throttled address of the account (the unlock-editor verb) and
    /// audits it. Null when there is no such account.
    /// </summary>
    public async Task<(int Failures, int Addresses)?> UnlockAsync(string normalisedEmail, long? actorId)
    {
        await using var connection = db.Open();
        await using var tx = connection.BeginTransaction();
        var id = await connection.ExecuteScalarAsync<long?>("SELECT Id FROM Editor WHERE Email = @Email", new { Email = normalisedEmail }, tx);
        if (id is null) return null;
        var cleared = SignInThrottle.Clear(connection, tx, id.Value);
        Journal.Audit(connection, tx, actorId, "editor.unlock", $"editor #{id}", $"{cleared.Failures} failures, {cleared.Addresses} addresses cleared");
        await tx.CommitAsync();
        return cleared;
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
            UPDATE Editor SET PasswordHash = @Hash, SecurityStamp = @Stamp, UpdatedAt = @Now
            WHERE Id = @Id
            """;
        await using var connection = db.Open();
        await using var tx = connection.BeginTransaction();
        var stamp = NewStamp();
        await connection.ExecuteAsync(sql, new { Id = id, Hash = passwordHash, Stamp = stamp, Now = DateTimeOffset.UtcNow }, tx);
        SignInThrottle.Clear(connection, tx, id);
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
        // Enabling is a fresh start: no failure or throttled address from before carries over.
        if (!disabled) SignInThrottle.Clear(connection, tx, id);
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
        public string CreatedAt { get; init; } = "";

        public EditorAccount ToDomain() => new(
            Id, Email, DisplayName, PasswordHash,
            AccountRules.TryRole(Role, out var role) ? role : EditorRole.Editor,
            SecurityStamp, IsDisabled, ParseTime(CreatedAt)!.Value);
    }
}
