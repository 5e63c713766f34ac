using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;

namespace JourneyOptimizer.Sms.Core.Channels;

public sealed partial class ChannelConfigurationService
{
    /// <summary>
    /// The list's SQL for SQLite, one text per combination of filters in use (status, SMS type, name prefix) and
    /// direction (from the start, after a key, before a key), as EF sends for the compiled queries above: only the
    /// filters in use, so SQLite seeks one of the (SandboxId, ...) indexes in name order. The parity tests run both.
    /// </summary>
    internal static readonly string[] SqliteListSql = BuildSqliteListSql();

    // The parameters of each of those texts, in the order ReadListPage binds them.
    private static readonly string[][] SqliteListParameters = [.. Enumerable.Range(0, SqliteListSql.Length).Select(ParameterNames)];

    private static string[] BuildSqliteListSql()
    {
        var sql = new string[24];
        for (var i = 0; i < sql.Length; i++)
        {
            var direction = i / 8; // 0: from the start, 1: after the key, 2: before the key
            sql[i] = """
                SELECT "c"."Id", "c"."Name", "c"."Status", "c"."Channel", "c"."SmsType", "a"."Name", "c"."SenderNumber",
                       "c"."PendingCheck", "c"."ModifiedBy", "c"."ModifiedAtUtc"
                FROM "ChannelConfigurations" AS "c"
                LEFT JOIN "ApiCredentials" AS "a" ON "c"."ApiCredentialId" = "a"."Id"
                WHERE "c"."SandboxId" = $sandbox
                """
                + ((i & 1) != 0 ? """ AND "c"."Status" = $status""" : "")
                + ((i & 2) != 0 ? """ AND "c"."SmsType" = $type""" : "")
                + ((i & 4) != 0 ? """ AND "c"."NormalizedName" >= $prefix AND "c"."NormalizedName" < $upper""" : "")
                + direction switch
                {
                    1 => """ AND "c"."NormalizedName" > $key ORDER BY "c"."NormalizedName" LIMIT $take""",
                    2 => """ AND "c"."NormalizedName" < $key ORDER BY "c"."NormalizedName" DESC LIMIT $take""",
                    _ => """ ORDER BY "c"."NormalizedName" LIMIT $take""",
                };
        }

        return sql;
    }

    private static string[] ParameterNames(int index)
    {
        var names = new List<string> { "$sandbox", "$take" };
        if ((index & 1) != 0)
        {
            names.Add("$status");
        }

        if ((index & 2) != 0)
        {
            names.Add("$type");
        }

        if ((index & 4) != 0)
        {
            names.AddRange(["$prefix", "$upper"]);
        }

        if (index >= 8)
        {
            names.Add("$key");
        }

        return [.. names];
    }

    /// <summary>The page's rows through a prepared statement on an open connection (<see cref="SqliteReadConnections"/>).</summary>
    private static List<ChannelConfigurationListItem> ReadListPage(SqliteReadConnections reads, int sandboxId,
        ChannelConfigurationFilter filter, string? prefix, string? upper, bool? before, string key, int take)
    {
        var index = (filter.Status is null ? 0 : 1) + (filter.SmsType is null ? 0 : 2) + (prefix is null ? 0 : 4)
            + (before switch { false => 8, true => 16, null => 0 });
        using var lease = reads.Rent();
        var statement = lease.Statement(SqliteListSql[index], SqliteListParameters[index]);
        statement.Bind(0, sandboxId);
        statement.Bind(1, take);
        var next = 2;
        if (filter.Status is { } status)
        {
            statement.Bind(next++, status.ToString());
        }

        if (filter.SmsType is { } type)
        {
            statement.Bind(next++, type.ToString());
        }

        if (prefix is not null)
        {
            statement.Bind(next++, prefix);
            statement.Bind(next++, upper);
        }

        if (before is not null)
        {
            statement.Bind(next, key);
        }

        var rows = new List<ChannelConfigurationListItem>(take);
        using var reader = statement.Run();
        while (reader.Read())
        {
            rows.Add(new ChannelConfigurationListItem(
                reader.GetInt32(0),
                reader.GetString(1),
                EnumNames.Parse<ChannelConfigurationStatus>(reader.GetString(2)),
                EnumNames.Parse<MobileChannel>(reader.GetString(3)),
                reader.IsDBNull(4) ? null : EnumNames.Parse<SmsType>(reader.GetString(4)),
                reader.GetStringOrNull(5),
                reader.GetStringOrNull(6),
                reader.IsDBNull(7) ? null : EnumNames.Parse<ChangeCheckStatus>(reader.GetString(7)),
                reader.GetString(8),
                reader.GetDateTime(9)));
        }

        return rows;
    }
}
