using System.Globalization;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Performance.Seeder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// The load-test seeder (tests/Performance) writes rows the portal cannot tell from its own: compared column by column
/// with a credential created by <see cref="ApiCredentialService.CreateAsync"/> in the same database, and its Auth
/// Tokens unprotected by the portal's own Data Protection (the key ring the seeder persisted in the database).
/// </summary>
public sealed class SeededCredentialTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Actor Seeder = new("performance-seeder", PortalFactory.AdminEmail);
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    private async Task<(Core.Sandboxes.SandboxRef Sandbox, int CreatedId)> SeedAsync(string sandboxName, int count)
    {
        // The portal is up (its migrations ran); the seeder works on the same file, as run.sh does before starting it.
        _ = factory.Services;
        await using var services = PortalServices.Build($"Data Source={factory.DatabasePath}");
        var seeder = new CredentialSeeder(services, TimeProvider.System);
        await seeder.PrepareDatabaseAsync(CancellationToken.None);
        var sandbox = await seeder.EnsureSandboxAsync(sandboxName, Seeder, CancellationToken.None);
        await seeder.SeedTwilioAsync(sandbox, count, Seeder, batchSize: 2, CancellationToken.None);

        // The seeder writes rows as saved without verification (Twilio out of reach): the service row is made the same way.
        await using var scope = factory.CreateScope();
        factory.Twilio.Down = true;
        var result = await scope.ServiceProvider.GetRequiredService<ApiCredentialService>()
            .CreateAsync(sandbox.Id, SmsVendor.Twilio, TestData.Twilio("  Created by the service  "), Seeder, saveWithoutVerification: true, CancellationToken.None);
        factory.Twilio.Down = false;
        Assert.Equal(CredentialOutcome.Created, result.Outcome);
        return (sandbox, result.Id!.Value);
    }

    [Fact]
    public async Task SeededTwilioRow_MatchesAServiceCreatedRow_ColumnByColumn()
    {
        var (sandbox, createdId) = await SeedAsync("seeded", 3);
        var protector = factory.Services.GetRequiredService<ISecretProtector>();

        var created = await RowAsync("ApiCredentials", createdId);
        // The columns a Twilio row can use (its own and the base type's); the table also holds the other vendors'.
        HashSet<string> twilioColumns;
        await using (var scope = factory.CreateScope())
        {
            var entity = scope.ServiceProvider.GetRequiredService<Core.Data.SmsDbContext>().Model
                .FindEntityType(typeof(Core.Credentials.Twilio.TwilioCredential))!;
            twilioColumns = [.. entity.GetProperties().Select(p => p.GetColumnName()), "Vendor"];
        }

        var seededIds = await IdsAsync("ApiCredentials", sandbox.Id, createdId);
        Assert.Equal(3, seededIds.Count);
        foreach (var seededId in seededIds)
        {
            var seeded = await RowAsync("ApiCredentials", seededId);
            Assert.Equal(created.Keys.Order(), seeded.Keys.Order());

            // Every column of the table has a rule: a new column fails here until the seeder writes it too.
            foreach (var column in created.Keys)
            {
                var (c, s) = (created[column], seeded[column]);
                Assert.True(c?.GetType() == s?.GetType(), $"{column}: storage class {c?.GetType().Name} vs {s?.GetType().Name}");
                switch (column)
                {
                    case "Id":
                        Assert.NotEqual(c, s);
                        break;
                    case "ProviderName" or "ProviderUrl" or "ChannelType" or "AuthType" or "ConfigurationJson" or "SecretsProtected"
                        or "ApiKeySid" or "ApiKeySecretProtected" or "ApiKeySecretHint" or "NextCheckAtUtc":
                    case var other when !twilioColumns.Contains(other):
                        // Other vendors' columns of the shared table, Twilio's API key ones (empty on an Auth Token row), and
                        // the re-check schedule (none until the first scheduled check).
                        Assert.Null(c);
                        Assert.Null(s);
                        break;
                    case "SandboxId" or "Vendor" or "VerificationStatus" or "LastVerifiedAtUtc" or "LastVerificationError" or "AccountType"
                        or "CreatedBy" or "ModifiedBy" or "Version" or "AuthMethod":
                        Assert.True(Equals(c, s), $"{column}: '{c}' (service) vs '{s}' (seeder)");
                        break;
                    case "Name":
                        Assert.Equal(((string)c!).Trim(), c);
                        Assert.Equal(((string)s!).Trim(), s);
                        break;
                    case "NormalizedName":
                        Assert.Equal(((string)created["Name"]!).ToUpperInvariant(), c);
                        Assert.Equal(((string)seeded["Name"]!).ToUpperInvariant(), s);
                        break;
                    case "Address":
                        Assert.Equal(created["InboundNumber"], c);
                        Assert.Equal(seeded["InboundNumber"], s);
                        break;
                    case "InboundNumber":
                        Assert.Equal(PhoneNumberRules.TryNormalizeE164((string)c!), c);
                        Assert.Equal(PhoneNumberRules.TryNormalizeE164((string)s!), s);
                        break;
                    case "AccountSid":
                        Assert.Matches("^AC[0-9a-f]{32}$", (string)c!);
                        Assert.Matches("^AC[0-9a-f]{32}$", (string)s!);
                        break;
                    case "MessagingServiceSid":
                        Assert.Matches("^MG[0-9a-f]{32}$", (string)c!);
                        Assert.Matches("^MG[0-9a-f]{32}$", (string)s!);
                        break;
                    case "CreatedAtUtc" or "ModifiedAtUtc":
                        Assert.True(DateTime.TryParseExact((string)c!, DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _), $"{column}: {c}");
                        Assert.True(DateTime.TryParseExact((string)s!, DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _), $"{column}: {s}");
                        Assert.Equal(created["CreatedAtUtc"], created["ModifiedAtUtc"]);
                        Assert.Equal(seeded["CreatedAtUtc"], seeded["ModifiedAtUtc"]);
                        break;
                    case "AuthTokenProtected":
                        Assert.Equal(((string)c!).Length, ((string)s!).Length);
                        Assert.Matches("^[0-9a-f]{32}$", protector.Unprotect((string)c));
                        Assert.Matches("^[0-9a-f]{32}$", protector.Unprotect((string)s));
                        break;
                    case "AuthTokenHint":
                        Assert.Equal(protector.Unprotect((string)created["AuthTokenProtected"]!)[^4..], c);
                        Assert.Equal(protector.Unprotect((string)seeded["AuthTokenProtected"]!)[^4..], s);
                        break;
                    default:
                        Assert.Fail($"Column {column} has no rule in this test: decide how the seeder must fill it.");
                        break;
                }
            }
        }
    }

    [Fact]
    public async Task SeededTwilioCredential_HasTheSameCreatedAuditEntry()
    {
        var (sandbox, createdId) = await SeedAsync("seeded-audit", 2);
        var seededId = (await IdsAsync("ApiCredentials", sandbox.Id, createdId))[0];

        var created = await AuditRowAsync(createdId);
        var seeded = await AuditRowAsync(seededId);
        Assert.Equal(created.Keys.Order(), seeded.Keys.Order());
        foreach (var column in created.Keys)
        {
            var (c, s) = (created[column], seeded[column]);
            switch (column)
            {
                case "Id" or "ObjectId" or "ObjectName" or "OccurredAtUtc":
                    break;
                case "ChangesJson":
                    Assert.Equal(Changes((string)c!, await RowAsync("ApiCredentials", createdId)),
                        Changes((string)s!, await RowAsync("ApiCredentials", seededId)));
                    break;
                default:
                    Assert.True(Equals(c, s), $"{column}: '{c}' (service) vs '{s}' (seeder)");
                    break;
            }
        }

        Assert.Equal(seededId.ToString(CultureInfo.InvariantCulture), seeded["ObjectId"]);
        Assert.Equal((await RowAsync("ApiCredentials", seededId))["Name"], seeded["ObjectName"]);
    }

    [Fact]
    public async Task CanOpenASeededCredential_InTheListAndOnTheEditPage()
    {
        var (sandbox, createdId) = await SeedAsync("seeded-pages", 60);
        var seededId = (await IdsAsync("ApiCredentials", sandbox.Id, createdId))[0];
        var seeded = await RowAsync("ApiCredentials", seededId);
        using var client = await PortalClient.SignedInAsync(factory);
        var url = TestData.CredentialsUrl(sandbox.Name);

        var list = await client.GetDocumentAsync(url);
        Assert.Equal(ApiCredentialService.DefaultPageSize, list.QuerySelectorAll("[data-testid=credentials-table] tbody tr").Length);
        Assert.NotNull(list.QuerySelector("a[rel=next]"));

        var edit = await client.GetDocumentAsync($"{url}/edit/{seededId}");
        Assert.Equal((string)seeded["Name"]!, edit.QuerySelector("#Input_Twilio_Name")!.GetAttribute("value"));
        Assert.Equal("••••••••" + seeded["AuthTokenHint"], edit.QuerySelector("[data-testid=token-hint]")!.TextContent);
    }

    /// <summary>The audit changes with each value replaced by the name of the credential column that holds it.</summary>
    private static List<string> Changes(string json, Dictionary<string, object?> row)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(change =>
        {
            var value = change.GetProperty("newValue").GetString();
            var column = value is null ? "null" : row.FirstOrDefault(kv => Equals(kv.Value, value)).Key ?? "?" + value;
            return $"{change.GetProperty("field").GetString()}:{change.GetProperty("oldValue")}:{column}:{change.GetProperty("secret")}";
        }).ToList();
    }

    private async Task<Dictionary<string, object?>> AuditRowAsync(int credentialId)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM AuditEntries WHERE ObjectType = 'ApiCredential' AND ObjectId = $id AND Action = 'Created'";
        command.Parameters.AddWithValue("$id", credentialId.ToString(CultureInfo.InvariantCulture));
        var id = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return await RowAsync("AuditEntries", id);
    }

    private async Task<Dictionary<string, object?>> RowAsync(string table, int id)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The table name is one of this test's constants.
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE Id = $id";
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"{table} {id} not found");
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return row;
    }

    private async Task<List<int>> IdsAsync(string table, int sandboxId, int exceptId)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The table name is one of this test's constants.
        command.CommandText = $"SELECT Id FROM \"{table}\" WHERE SandboxId = $sandbox AND Id <> $except ORDER BY Id";
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$sandbox", sandboxId);
        command.Parameters.AddWithValue("$except", exceptId);
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
