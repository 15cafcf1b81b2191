using System.Data;
using System.Globalization;
using Dapper;

namespace AiCompare.Data;

/// <summary>
/// Type handlers registered once, so that a parameter is stored the same way in SQLite and PostgreSQL:
/// dates as text (instants as <c>yyyy-MM-dd HH:mm:ss.FFFFFFFzzz</c>, days as <c>yyyy-MM-dd</c>) and flags as
/// the integers 0 and 1. These are the forms Microsoft.Data.Sqlite has always given those types, so the
/// rows of existing SQLite databases compare with new ones as before. Dapper maps these types itself
/// unless told not to (<see cref="SqlMapper.RemoveTypeMap"/>): left to Npgsql, they would be timestamptz,
/// date and boolean parameters, which PostgreSQL refuses for the schema's text and integer columns.
/// </summary>
internal static class DapperSetup
{
    private static int _registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        foreach (var type in (Type[])[typeof(DateOnly), typeof(DateOnly?), typeof(DateTimeOffset), typeof(DateTimeOffset?), typeof(bool), typeof(bool?)])
            SqlMapper.RemoveTypeMap(type);
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new FlagHandler());
    }

    private sealed class FlagHandler : SqlMapper.TypeHandler<bool>
    {
        public override void SetValue(IDbDataParameter parameter, bool value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value ? 1L : 0L;
        }

        public override bool Parse(object value) => value switch
        {
            bool flag => flag,
            _ => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        };
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        public override DateOnly Parse(object value) =>
            DateOnly.ParseExact((string)value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>A moment as it is stored in a TEXT column, on either database (for statements sent without Dapper).</summary>
    internal static string TextOf(DateTimeOffset value) =>
        value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = TextOf(value);
        }

        public override DateTimeOffset Parse(object value) =>
            DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
