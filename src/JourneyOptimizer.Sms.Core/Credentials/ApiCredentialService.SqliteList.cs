using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.Data.Sqlite;

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
        var statement = prefix is null
            ? lease.Statement(sql, direction == CursorDirection.None ? ["$sandbox", "$take"] : ["$sandbox", "$take", "$key"])
            : lease.Statement(sql, direction == CursorDirection.None ? ["$sandbox", "$take", "$prefix", "$upper"] : ["$sandbox", "$take", "$prefix", "$upper", "$key"]);
        statement.Bind(0, sandboxId);
        statement.Bind(1, take);
        var next = 2;
        if (prefix is not null)
        {
            statement.Bind(next++, prefix);
            statement.Bind(next++, upper);
        }

        if (direction != CursorDirection.None)
        {
            statement.Bind(next, key);
        }

        var rows = new List<ApiCredentialListItem>(take);
        using var reader = statement.Run();
        while (reader.Read())
        {
            rows.Add(new ApiCredentialListItem(
                reader.GetInt32(0),
                reader.GetString(1),
                EnumNames.Parse<SmsVendor>(reader.GetString(2)),
                reader.GetString(3),
                EnumNames.Parse<VerificationStatus>(reader.GetString(4)),
                reader.GetDateTimeOrNull(5),
                reader.GetString(6),
                reader.GetDateTime(7),
                reader.GetStringOrNull(8)));
        }

        return rows;
    }

    // One credential with the columns of both vendors (the table holds both, Vendor tells which), as EF's FindQuery
    // materializes it: the Edit, Delete and Verify SMS connection pages read it on every GET.
    private const string SqliteFind = """
        SELECT "Id", "SandboxId", "Vendor", "Name", "NormalizedName", "Address", "VerificationStatus", "LastVerifiedAtUtc",
               "LastVerificationError", "CreatedAtUtc", "CreatedBy", "ModifiedAtUtc", "ModifiedBy", "Version",
               "AccountSid", "AuthTokenProtected", "AuthTokenHint", "MessagingServiceSid", "InboundNumber", "AccountType",
               "ProviderName", "ProviderUrl", "ChannelType", "AuthType", "ConfigurationJson", "SecretsProtected"
        FROM "ApiCredentials"
        WHERE "Id" = $id AND "SandboxId" = $sandbox
        LIMIT 1
        """;

    /// <summary>The credential through a prepared statement (<see cref="SqliteReadConnections"/>), as <see cref="FindAsync"/> gives it.</summary>
    private static ApiCredential? ReadCredential(SqliteReadConnections reads, int sandboxId, int id)
    {
        using var lease = reads.Rent();
        var command = lease.Command(SqliteFind, "$id", "$sandbox");
        command.Parameters[0].Value = id;
        command.Parameters[1].Value = sandboxId;
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        ApiCredential credential = Enum.Parse<SmsVendor>(reader.GetString(2)) switch
        {
            SmsVendor.Twilio => new TwilioCredential
            {
                Name = reader.GetString(3),
                CreatedBy = reader.GetString(10),
                ModifiedBy = reader.GetString(12),
                AccountSid = reader.GetString(14),
                AuthTokenProtected = reader.GetString(15),
                AuthTokenHint = reader.GetString(16),
                MessagingServiceSid = reader.GetString(17),
                InboundNumber = reader.GetString(18),
                AccountType = NullableString(reader, 19),
            },
            SmsVendor.Custom => new CustomCredential
            {
                Name = reader.GetString(3),
                CreatedBy = reader.GetString(10),
                ModifiedBy = reader.GetString(12),
                ProviderName = reader.GetString(20),
                ProviderUrl = reader.GetString(21),
                ChannelType = reader.IsDBNull(22) ? null : Enum.Parse<CustomChannelType>(reader.GetString(22)),
                AuthType = Enum.Parse<CustomAuthType>(reader.GetString(23)),
                ConfigurationJson = reader.GetString(24),
                SecretsProtected = reader.GetString(25),
            },
            var other => throw new InvalidOperationException($"No credential type for the vendor {other}."),
        };
        credential.Id = reader.GetInt32(0);
        credential.SandboxId = reader.GetInt32(1);
        credential.NormalizedName = reader.GetString(4);
        credential.Address = reader.GetString(5);
        credential.VerificationStatus = Enum.Parse<VerificationStatus>(reader.GetString(6));
        credential.LastVerifiedAtUtc = reader.IsDBNull(7) ? null : SqliteDates.Read(reader, 7);
        credential.LastVerificationError = NullableString(reader, 8);
        credential.CreatedAtUtc = SqliteDates.Read(reader, 9);
        credential.ModifiedAtUtc = SqliteDates.Read(reader, 11);
        credential.Version = reader.GetInt32(13);
        return credential;
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
