using Dapper;

namespace AiCompare.Data;

/// <summary>A newsletter subscriber.</summary>
public sealed record Subscriber(long Id, string Email, string Status, string? ConsentAt, string? ConsentTextVersion, string CreatedAt);

/// <summary>What a signup should lead to: which email, if any, to send.</summary>
public enum SignupEmail
{
    None,
    Confirm,
    AlreadySubscribed,
}

/// <summary>A stored weekly digest.</summary>
public sealed record DigestRecord(long Id, string WeekOf, string Subject, string TextBody, string HtmlBody, string Status, string? SentAt);

/// <summary>Subscribers, digests and the per-recipient send log.</summary>
public sealed class NewsletterRepository(Db db)
{
    private const string SubscriberColumns = "Id, Email, Status, ConsentAt, ConsentTextVersion, CreatedAt";
    private const string DigestColumns = "Id, WeekOf, Subject, TextBody, HtmlBody, Status, SentAt";

    /// <summary>
    /// Records a signup as pending (or notes it for a confirmed subscriber) and says which email to send.
    /// At most one email per pending or confirmed address per <paramref name="throttle"/>, so the form cannot be
    /// used to flood an inbox; an address that unsubscribed gets its confirmation email at once.
    /// </summary>
    public async Task<(Subscriber Subscriber, SignupEmail Email)> SignupAsync(string email, string consentTextVersion, string addressHash, TimeSpan throttle)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = db.Open();
        await using var tx = connection.BeginTransaction();
        var existing = await connection.QuerySingleOrDefaultAsync<SubscriberRow>(
            $"SELECT {SubscriberColumns}, LastEmailAt FROM Subscriber WHERE Email = @Email", new { Email = email }, tx);
        // An unsubscribed address coming back is a fresh signup: its last email (before it left) does not count.
        var throttled = existing is { Status: not "unsubscribed", LastEmailAt: { } last } && DateTimeOffset.Parse(last, System.Globalization.CultureInfo.InvariantCulture) > now - throttle;
        SignupEmail send;
        long id;
        if (existing is null)
        {
            id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO Subscriber (Email, Status, ConsentTextVersion, ConsentAddressHash, LastEmailAt, CreatedAt, UpdatedAt)
                VALUES (@Email, 'pending', @Version, @AddressHash, @Now, @Now, @Now)
                RETURNING Id
                """, new { Email = email, Version = consentTextVersion, AddressHash = addressHash, Now = now }, tx);
            send = SignupEmail.Confirm;
        }
        else
        {
            id = existing.Id;
            send = throttled ? SignupEmail.None : existing.Status == "confirmed" ? SignupEmail.AlreadySubscribed : SignupEmail.Confirm;
            await connection.ExecuteAsync("""
                UPDATE Subscriber SET
                    Status = CASE WHEN Status = 'confirmed' THEN Status ELSE 'pending' END,
                    ConsentTextVersion = CASE WHEN Status = 'confirmed' THEN ConsentTextVersion ELSE @Version END,
                    ConsentAddressHash = CASE WHEN Status = 'confirmed' THEN ConsentAddressHash ELSE @AddressHash END,
                    LastEmailAt = CASE WHEN @Send = 1 THEN @Now ELSE LastEmailAt END,
                    UpdatedAt = @Now
                WHERE Id = @Id
                """, new { Id = id, Version = consentTextVersion, AddressHash = addressHash, Send = send != SignupEmail.None, Now = now }, tx);
        }
        var subscriber = (await connection.QuerySingleAsync<SubscriberRow>($"SELECT {SubscriberColumns}, LastEmailAt FROM Subscriber WHERE Id = @Id", new { Id = id }, tx)).ToRecord();
        await tx.CommitAsync();
        return (subscriber, send);
    }

    /// <summary>
    /// Gives back the email slot <see cref="SignupAsync"/> claimed when the email then could not be sent,
    /// so the throttle counts emails that went out and the reader's next signup gets one.
    /// </summary>
    public async Task ReleaseEmailSlotAsync(long id)
    {
        const string sql = """
            UPDATE Subscriber SET LastEmailAt = NULL WHERE Id = @Id;
            """;
        await using var connection = db.Open();
        await connection.ExecuteAsync(sql, new { Id = id });
    }

    public async Task<Subscriber?> FindAsync(long id)
    {
        await using var connection = db.Open();
        return (await connection.QuerySingleOrDefaultAsync<SubscriberRow>($"SELECT {SubscriberColumns}, LastEmailAt FROM Subscriber WHERE Id = @Id", new { Id = id }))?.ToRecord();
    }

    /// <summary>Pending → confirmed, with the time of consent. True when the subscriber is now confirmed.</summary>
    public async Task<bool> ConfirmAsync(long id)
    {
        await using var connection = db.Open();
        var changed = await connection.ExecuteAsync("""
            UPDATE Subscriber SET Status = 'confirmed', ConsentAt = @Now, UpdatedAt = @Now
            WHERE Id = @Id AND Status = 'pending'
            """, new { Id = id, Now = DateTimeOffset.UtcNow });
        return changed > 0 || await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM Subscriber WHERE Id = @Id AND Status = 'confirmed')", new { Id = id });
    }

    public async Task UnsubscribeAsync(long id)
    {
        await using var connection = db.Open();
        await connection.ExecuteAsync("UPDATE Subscriber SET Status = 'unsubscribed', UpdatedAt = @Now WHERE Id = @Id", new { Id = id, Now = DateTimeOffset.UtcNow });
    }

    /// <summary>Erasure: the subscriber and their send log are deleted.</summary>
    public async Task<bool> DeleteAsync(long id, long editorId)
    {
        await using var connection = db.Open();
        await using var tx = connection.BeginTransaction();
        var deleted = await connection.ExecuteAsync("DELETE FROM Subscriber WHERE Id = @Id", new { Id = id }, tx);
        if (deleted == 0) return false;
        Journal.Audit(connection, tx, editorId, "subscriber.delete", $"subscriber #{id}");
        await tx.CommitAsync();
        return true;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountsAsync()
    {
        await using var connection = db.Open();
        var rows = await connection.QueryAsync<(string Status, int Count)>("SELECT Status, COUNT(*) FROM Subscriber GROUP BY Status");
        return rows.ToDictionary(r => r.Status, r => r.Count, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<Subscriber>> ListAsync(string? status, int limit, int offset)
    {
        const string sql = $"""
            SELECT {SubscriberColumns}, NULL AS LastEmailAt FROM Subscriber
            WHERE @Status IS NULL OR Status = @Status
            ORDER BY Id DESC
            LIMIT @Limit OFFSET @Offset
            """;
        await using var connection = db.Open();
        return (await connection.QueryAsync<SubscriberRow>(sql, new { Status = status, Limit = limit, Offset = offset })).Select(r => r.ToRecord()).ToList();
    }

    // ---- Digests -------------------------------------------------------------------------------

    /// <summary>The digest for a week, creating it with <paramref name="build"/> the first time.</summary>
    public async Task<DigestRecord> GetOrCreateDigestAsync(string weekOf, Func<(string Subject, string Text, string Html)> build)
    {
        await using var connection = db.Open();
        var existing = await connection.QuerySingleOrDefaultAsync<DigestRecord>($"SELECT {DigestColumns} FROM Digest WHERE WeekOf = @WeekOf", new { WeekOf = weekOf });
        if (existing is not null) return existing;
        var (subject, text, html) = build();
        await connection.ExecuteAsync("""
            INSERT INTO Digest (WeekOf, Subject, TextBody, HtmlBody, Status, CreatedAt)
            VALUES (@WeekOf, @Subject, @Text, @Html, 'sending', @Now)
            ON CONFLICT (WeekOf) DO NOTHING
            """, new { WeekOf = weekOf, Subject = subject, Text = text, Html = html, Now = DateTimeOffset.UtcNow });
        return await connection.QuerySingleAsync<DigestRecord>($"SELECT {DigestColumns} FROM Digest WHERE WeekOf = @WeekOf", new { WeekOf = weekOf });
    }

    /// <summary>Takes or renews the send lease: only one instance sends a digest at a time.</summary>
    public async Task<bool> TryLeaseAsync(long digestId, string owner, TimeSpan duration)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = db.Open();
        return await connection.ExecuteAsync("""
            UPDATE Digest SET LockedBy = @Owner, LockedUntil = @Until
            WHERE Id = @Id AND Status = 'sending' AND (LockedBy IS NULL OR LockedBy = @Owner OR LockedUntil < @Now)
            """, new { Id = digestId, Owner = owner, Until = now + duration, Now = now }) > 0;
    }

    /// <summary>Confirmed subscribers this digest still owes a copy to (never one already sending or sent).</summary>
    public async Task<IReadOnlyList<Subscriber>> RecipientsDueAsync(long digestId, int maxAttempts, int limit)
    {
        const string sql = $"""
            SELECT s.Id, s.Email, s.Status, s.ConsentAt, s.ConsentTextVersion, s.CreatedAt, NULL AS LastEmailAt
            FROM Subscriber s
            LEFT JOIN DigestSend d ON d.DigestId = @DigestId AND d.SubscriberId = s.Id
            WHERE s.Status = 'confirmed'
              AND (d.SubscriberId IS NULL OR (d.Status = 'failed' AND d.Attempts < @MaxAttempts AND d.NextAttemptAt <= @Now))
            ORDER BY s.Id
            LIMIT @Limit
            """;
        await using var connection = db.Open();
        return (await connection.QueryAsync<SubscriberRow>(sql, new { DigestId = digestId, MaxAttempts = maxAttempts, Now = DateTimeOffset.UtcNow, Limit = limit }))
            .Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Claims one recipient before the SMTP call; false when another sender already has it.</summary>
    public async Task<bool> MarkSendingAsync(long digestId, long subscriberId)
    {
        await using var connection = db.Open();
        return await connection.ExecuteAsync("""
            INSERT INTO DigestSend (DigestId, SubscriberId, Status, Attempts, UpdatedAt) VALUES (@DigestId, @SubscriberId, 'sending', 1, @Now)
            ON CONFLICT (DigestId, SubscriberId) DO UPDATE SET Status = 'sending', Attempts = DigestSend.Attempts + 1, UpdatedAt = excluded.UpdatedAt
            WHERE DigestSend.Status = 'failed'
            """, new { DigestId = digestId, SubscriberId = subscriberId, Now = DateTimeOffset.UtcNow }) > 0;
    }

    public async Task MarkSentAsync(long digestId, long subscriberId)
    {
        await using var connection = db.Open();
        await connection.ExecuteAsync(
            "UPDATE DigestSend SET Status = 'sent', LastError = NULL, UpdatedAt = @Now WHERE DigestId = @DigestId AND SubscriberId = @SubscriberId",
            new { DigestId = digestId, SubscriberId = subscriberId, Now = DateTimeOffset.UtcNow });
    }

    /// <summary>Records a failure; the next attempt waits <paramref name="retryAfter"/>.</summary>
    public async Task MarkFailedAsync(long digestId, long subscriberId, string error, TimeSpan retryAfter)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = db.Open();
        await connection.ExecuteAsync("""
            UPDATE DigestSend SET Status = 'failed', LastError = @Error, NextAttemptAt = @Next, UpdatedAt = @Now
            WHERE DigestId = @DigestId AND SubscriberId = @SubscriberId
            """, new { DigestId = digestId, SubscriberId = subscriberId, Error = error.Length > 500 ? error[..500] : error, Next = now + retryAfter, Now = now });
    }

    public async Task<int> AttemptsAsync(long digestId, long subscriberId)
    {
        await using var connection = db.Open();
        return await connection.ExecuteScalarAsync<int>(
            "SELECT Attempts FROM DigestSend WHERE DigestId = @DigestId AND SubscriberId = @SubscriberId", new { DigestId = digestId, SubscriberId = subscriberId });
    }

    /// <summary>Marks the digest sent when nobody is owed a copy any more (sent, uncertain, or out of attempts).</summary>
    public Task<bool> CompleteIfDoneAsync(long digestId, int maxAttempts) =>
        db.WriteAsync<bool>(async (connection, tx) =>
        {
            var weekOf = await connection.ExecuteScalarAsync<string?>("""
                UPDATE Digest SET Status = 'sent', SentAt = @Now, LockedBy = NULL, LockedUntil = NULL
                WHERE Id = @Id AND Status = 'sending' AND NOT EXISTS (
                    SELECT 1 FROM Subscriber s
                    LEFT JOIN DigestSend d ON d.DigestId = @Id AND d.SubscriberId = s.Id
                    WHERE s.Status = 'confirmed' AND (d.SubscriberId IS NULL OR (d.Status = 'failed' AND d.Attempts < @MaxAttempts)))
                RETURNING WeekOf
                """, new { Id = digestId, MaxAttempts = maxAttempts, Now = DateTimeOffset.UtcNow }, tx);
            // The archive lists sent digests only: this is the moment a new issue appears there.
            return weekOf is null ? (false, null) : (true, new Change.DigestSent(weekOf));
        });

    /// <summary>Recipients claimed by a run that never finished: whether they got the email is unknown.</summary>
    public async Task<int> InterruptedAsync(long digestId)
    {
        await using var connection = db.Open();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM DigestSend WHERE DigestId = @Id AND Status = 'sending'", new { Id = digestId });
    }

    public async Task<IReadOnlyList<(long SubscriberId, string Status, int Attempts)>> SendLogAsync(long digestId)
    {
        await using var connection = db.Open();
        return (await connection.QueryAsync<(long, string, int)>(
            "SELECT SubscriberId, Status, Attempts FROM DigestSend WHERE DigestId = @Id ORDER BY SubscriberId", new { Id = digestId })).ToList();
    }

    public async Task<IReadOnlyList<DigestRecord>> ArchiveAsync()
    {
        await using var connection = db.Open();
        return (await connection.QueryAsync<DigestRecord>($"SELECT {DigestColumns} FROM Digest WHERE Status = 'sent' ORDER BY WeekOf DESC")).ToList();
    }

    public async Task<DigestRecord?> DigestAsync(string weekOf)
    {
        await using var connection = db.Open();
        return await connection.QuerySingleOrDefaultAsync<DigestRecord>($"SELECT {DigestColumns} FROM Digest WHERE WeekOf = @WeekOf", new { WeekOf = weekOf });
    }

    private sealed class SubscriberRow
    {
        public long Id { get; init; }
        public string Email { get; init; } = "";
        public string Status { get; init; } = "";
        public string? ConsentAt { get; init; }
        public string? ConsentTextVersion { get; init; }
        public string CreatedAt { get; init; } = "";
        public string? LastEmailAt { get; init; }

        public Subscriber ToRecord() => new(Id, Email, Status, ConsentAt, ConsentTextVersion, CreatedAt);
    }
}
