namespace AiCompare.Web.Pages.Votes;

/// <summary>A vote that was not stored (the database failed, or the site is stopping); the reader may try again.</summary>
public sealed class VoteNotRecordedException(string message, Exception? inner = null) : Exception(message, inner);
