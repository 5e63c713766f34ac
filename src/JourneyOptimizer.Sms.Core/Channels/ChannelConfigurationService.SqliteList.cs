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

    /// <summary>The page's rows through a prepared statement on an open connection (<see cref="SqliteReadConnections"/>).</summary>
    private static List<ChannelConfigurationListItem> ReadListPage(SqliteReadConnections reads, int sandboxId,
        ChannelConfigurationFilter filter, string? prefix, string? upper, bool? before, string key, int take)
    {
        var index = (filter.Status is null ? 0 : 1) + (filter.SmsType is null ? 0 : 2) + (prefix is null ? 0 : 4)
            + (before switch { false => 8, true => 16, null => 0 });
        using var lease = reads.Rent();
        var command = lease.Command(SqliteListSql[index], "$sandbox", "$take", "$status", "$type", "$prefix", "$upper", "$key");
        var parameters = command.Parameters;
        parameters[0].Value = sandboxId;
        parameters[1].Value = take;
        parameters[2].Value = filter.Status?.ToString() ?? (object)DBNull.Value;
        parameters[3].Value = filter.SmsType?.ToString() ?? (object)DBNull.Value;
        parameters[4].Value = prefix ?? (object)DBNull.Value;
        parameters[5].Value = upper ?? (object)DBNull.Value;
        parameters[6].Value = key;
        var rows = new List<ChannelConfigurationListItem>(take);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new ChannelConfigurationListItem(
                reader.GetInt32(0),
                reader.GetString(1),
                Enum.Parse<ChannelConfigurationStatus>(reader.GetString(2)),
                Enum.Parse<MobileChannel>(reader.GetString(3)),
                reader.IsDBNull(4) ? null : Enum.Parse<SmsType>(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : Enum.Parse<ChangeCheckStatus>(reader.GetString(7)),
                reader.GetString(8),
                SqliteDates.Read(reader, 9)));
        }

        return rows;
    }
}
