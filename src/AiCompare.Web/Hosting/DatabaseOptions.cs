using System.ComponentModel.DataAnnotations;

namespace AiCompare.Web.Hosting;

/// <summary>The <c>Database</c> settings.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// How long a write waits for another connection's lock before it is answered 503 (busy). Short on
    /// purpose: a request should not hang while something else holds the database.
    /// </summary>
    [Range(1, 60)]
    public int LockTimeoutSeconds { get; set; } = 3;
}
