using JourneyOptimizer.Sms.Core.Data;

namespace JourneyOptimizer.Sms.Core.Credentials;

public sealed partial class ApiCredentialService
{
    // The list's six queries in SQLite's SQL, the same as EF generates from the compiled queries above (the parity tests
    // run both on one database): the same columns, the same seek on the unique (SandboxId, NormalizedName) index.
    private const string ListColumns = """
        SELECT "Id", "Name", "Vendor", "Address", "VerificationStatus", "LastVerifiedAtUtc", "ModifiedBy", "ModifiedAtUtc",
               CASE WHEN "Vendor" = 'Twilio' THEN "AccountType" END
        FROM "ApiCredentials"
        WHERE "SandboxId" = $sandbox
        """;

    private const string SearchRange = """ AND "NormalizedName" >= $prefix AND "NormalizedName" < $upper""";
    private const string Ascending = """ ORDER BY "NormalizedName" LIMIT $take""";
    private const string Descending = """ ORDER BY "NormalizedName" DESC LIMIT $take""";

    private const string SqliteListFirst = ListColumns + Ascending;
    private const string SqliteListAfter = ListColumns + """ AND "NormalizedName" > $key""" + Ascending;
    private const string SqliteListBefore = ListColumns + """ AND "NormalizedName" < $key""" + Descending;
    private const string SqliteSearchFirst = ListColumns + SearchRange + Ascending;
    private const string SqliteSearchAfter = ListColumns + SearchRange + """ AND "NormalizedName" > $key""" + Ascending;
    private const string SqliteSearchBefore = ListColumns + SearchRange + """ AND "NormalizedName" < $key""" + Descending;

    /// <summary>The page's rows through a prepared statement on an open connection (<see cref="SqliteReadConnections"/>).</summary>
    private static List<ApiCredentialListItem> ReadListPage(SqliteReadConnections reads, int sandboxId, string? prefix, string upper,
        CursorDirection direction, string key, int take)
    {
        var sql = (prefix is null, direction) switch
        {
            (true, CursorDirection.After) => SqliteListAfter,
            (true, CursorDirection.Before) => SqliteListBefore,
            (true, _) => SqliteListFirst,
            (false, CursorDirection.After) => SqliteSearchAfter,
            (false, CursorDirection.Before) => SqliteSearchBefore,
            (false, _) => SqliteSearchFirst,
        };

        using var lease = reads.Rent();
        var command = lease.Command(sql, "$sandbox", "$take", "$prefix", "$upper", "$key");
        var parameters = command.Parameters;
        parameters[0].Value = sandboxId;
        parameters[1].Value = take;
        parameters[2].Value = prefix ?? (object)DBNull.Value;
        parameters[3].Value = upper;
        parameters[4].Value = key;
        var rows = new List<ApiCredentialListItem>(take);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new ApiCredentialListItem(
                reader.GetInt32(0),
                reader.GetString(1),
                Enum.Parse<SmsVendor>(reader.GetString(2)),
                reader.GetString(3),
                Enum.Parse<VerificationStatus>(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetDateTime(5),
                reader.GetString(6),
                reader.GetDateTime(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }

}
