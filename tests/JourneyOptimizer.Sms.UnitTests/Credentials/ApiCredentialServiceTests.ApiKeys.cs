using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace JourneyOptimizer.Sms.UnitTests.Credentials;

/// <summary>Twilio credentials that sign in with an API key (SK SID and secret) instead of the Auth Token.</summary>
public abstract partial class ApiCredentialServiceTests
{
    private const string KeySecret = "0123456789abcdefABCDEF0123456789";

    private static readonly System.Text.Json.JsonSerializerOptions AuditJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static TwilioCredentialInput ApiKeyInput(string name = "Keyed", string? keySid = null, string? authToken = null) => new()
    {
        Name = name,
        AccountSid = "AC" + Hex32(),
        AuthMethod = TwilioAuthMethod.ApiKey,
        ApiKeySid = keySid ?? "SK" + Hex32().ToUpperInvariant(),
        ApiKeySecret = KeySecret,
        AuthToken = authToken,
        MessagingServiceSid = "MG" + Hex32(),
        InboundNumber = "+14155550123",
    };

    private async Task<CredentialResult> UpdateAsync(int id, int version, TwilioCredentialInput input)
    {
        await using var db = _database.CreateContext();
        return await _database.CredentialService(db).UpdateAsync(SqliteDatabase.Prod, id, version, input, Alice, false, CancellationToken.None);
    }

    [Fact]
    public async Task CreateAsync_TwilioApiKey_SignsInWithTheKey_NeverReadsTheAccount_AndStoresTheSecretProtected()
    {
        var input = ApiKeyInput();

        var result = await CreateAsync(SqliteDatabase.Prod, input);

        Assert.Equal(CredentialOutcome.Created, result.Outcome);
        _database.Twilio.Verify(t => t.FetchAccountAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<CancellationToken>()), Times.Never);
        _database.Twilio.Verify(t => t.FetchMessagingServiceAsync(
            It.Is<TwilioApiCredentials>(c => c.ApiKeySid == input.ApiKeySid!.ToLowerInvariant().Replace("sk", "SK", StringComparison.Ordinal)
                && c.Secret == KeySecret && c.AccountSid == input.AccountSid),
            It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        await using var db = _database.CreateContext();
        var stored = await db.Set<TwilioCredential>().SingleAsync();
        Assert.Equal(TwilioAuthMethod.ApiKey, stored.AuthMethod);
        Assert.Equal("SK" + input.ApiKeySid![2..].ToLowerInvariant(), stored.ApiKeySid);
        Assert.Equal(KeySecret, _database.Protector.Unprotect(stored.ApiKeySecretProtected!));
        Assert.Equal(KeySecret[^4..], stored.ApiKeySecretHint);
        Assert.Null(stored.AuthTokenProtected);
        Assert.Null(stored.AccountType);
        Assert.Equal(VerificationStatus.Verified, stored.VerificationStatus);
        var audit = await db.AuditEntries.SingleAsync();
        Assert.DoesNotContain(KeySecret, audit.ChangesJson, StringComparison.Ordinal);
        var changes = System.Text.Json.JsonSerializer.Deserialize<List<AuditChange>>(audit.ChangesJson, AuditJson)!;
        Assert.Contains(changes, c => c.Field == "ApiKeySecret" && c.Secret);
        Assert.Contains(changes, c => c.Field == "AuthMethod" && c.NewValue == "ApiKey");
    }

    [Fact]
    public async Task CreateAsync_TwilioApiKeyWithoutSecret_IsInvalidOnTheSecret()
    {
        var input = ApiKeyInput();
        input.ApiKeySecret = " ";

        var result = await CreateAsync(SqliteDatabase.Prod, input);

        Assert.Equal(CredentialOutcome.Invalid, result.Outcome);
        Assert.Equal(nameof(TwilioCredentialInput.ApiKeySecret), Assert.Single(result.FieldErrors).Field);
        Assert.Empty(_database.Twilio.Invocations);
    }

    [Fact]
    public async Task CreateAsync_TwilioApiKeyWithAuthToken_ChecksTheTokenOnTheAccount_AndKeepsTheAccountType()
    {
        var input = ApiKeyInput(authToken: Hex32());

        var result = await CreateAsync(SqliteDatabase.Prod, input);

        Assert.Equal(CredentialOutcome.Created, result.Outcome);
        _database.Twilio.Verify(t => t.FetchAccountAsync(It.Is<TwilioApiCredentials>(c => c.ApiKeySid == null && c.Secret == input.AuthToken),
            It.IsAny<CancellationToken>()), Times.Once);
        await using var db = _database.CreateContext();
        var stored = await db.Set<TwilioCredential>().SingleAsync();
        Assert.Equal(input.AuthToken, _database.Protector.Unprotect(stored.AuthTokenProtected!));
        Assert.Equal("Full", stored.AccountType);
    }

    [Fact]
    public async Task UpdateAsync_SwitchToApiKey_NeedsTheKeySecret_AndKeepsTheAuthTokenForWebhooks()
    {
        var input = Input("Main");
        var id = (await CreateAsync(SqliteDatabase.Prod, input)).Id!.Value;
        var edit = ApiKeyInput("Main");
        edit.AccountSid = input.AccountSid;
        edit.MessagingServiceSid = input.MessagingServiceSid;
        edit.InboundNumber = input.InboundNumber;
        edit.ApiKeySecret = "";

        var refused = await UpdateAsync(id, 1, edit);
        edit.ApiKeySecret = KeySecret;
        var saved = await UpdateAsync(id, 1, edit);

        Assert.Equal(CredentialOutcome.Invalid, refused.Outcome);
        Assert.Equal(nameof(TwilioCredentialInput.ApiKeySecret), Assert.Single(refused.FieldErrors).Field);
        Assert.Equal(CredentialOutcome.Updated, saved.Outcome);
        await using var db = _database.CreateContext();
        var stored = await db.Set<TwilioCredential>().SingleAsync();
        Assert.Equal(TwilioAuthMethod.ApiKey, stored.AuthMethod);
        Assert.Equal(input.AuthToken, _database.Protector.Unprotect(stored.AuthTokenProtected!));
        Assert.Equal(KeySecret, _database.Protector.Unprotect(stored.ApiKeySecretProtected!));
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task UpdateAsync_BlankSecret_KeepsTheKeySecret_ButAnotherKeyNeedsItsOwn()
    {
        var input = ApiKeyInput();
        var id = (await CreateAsync(SqliteDatabase.Prod, input)).Id!.Value;
        input.ApiKeySecret = "";
        input.Name = "Renamed";
        var renamed = await UpdateAsync(id, 1, input);
        input.ApiKeySid = "SK" + Hex32();

        var otherKey = await UpdateAsync(id, 2, input);

        Assert.Equal(CredentialOutcome.Updated, renamed.Outcome);
        Assert.Equal(CredentialOutcome.Invalid, otherKey.Outcome);
        Assert.Equal(nameof(TwilioCredentialInput.ApiKeySecret), Assert.Single(otherKey.FieldErrors).Field);
        await using var db = _database.CreateContext();
        Assert.Equal(KeySecret, _database.Protector.Unprotect((await db.Set<TwilioCredential>().SingleAsync()).ApiKeySecretProtected!));
    }

    [Fact]
    public async Task SendTestAsync_TwilioApiKey_SendsWithTheKey()
    {
        var id = (await CreateAsync(SqliteDatabase.Prod, ApiKeyInput())).Id!.Value;
        _database.Twilio.Setup(t => t.CreateMessageAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<TwilioMessageRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(TwilioResult.Success(new TwilioMessage("SM" + Hex32(), "accepted", null, null, null, 1, null, null, null)));

        await using var db = _database.CreateContext();
        var sent = await _database.CredentialService(db).SendTestAsync(SqliteDatabase.Prod, id, null, "+14155550199", "Hi", Alice, CancellationToken.None);

        Assert.True(sent.Sent);
        _database.Twilio.Verify(t => t.CreateMessageAsync(It.Is<TwilioApiCredentials>(c => c.ApiKeySid != null && c.Secret == KeySecret),
            It.Is<TwilioMessageRequest>(m => m.From == "+14155550123"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task WebhookService_TwilioApiKeyWithoutAuthToken_CannotReceiveWebhooks_WithItCan()
    {
        var keyOnly = (await CreateAsync(SqliteDatabase.Prod, ApiKeyInput("Key only"))).Id!.Value;
        var withToken = (await CreateAsync(SqliteDatabase.Prod, ApiKeyInput("Key and token", authToken: Hex32()))).Id!.Value;

        await using var db = _database.CreateContext();
        var webhooks = new WebhookService(db, new AuditLog(db, TimeProvider.System), TimeProvider.System,
            new WebhookInputValidator(_database.Vendors), _database.Vendors, NullLogger<WebhookService>.Instance, []);
        WebhookInput Webhook(string name, int credential) => new()
        {
            Name = name,
            Vendor = SmsVendor.Twilio,
            Type = WebhookType.Inbound,
            ApiCredentialId = credential,
            SenderNumber = "+14155550123",
        };
        var refused = await webhooks.CreateAsync(SqliteDatabase.Prod, Webhook("in-1", keyOnly), Alice, CancellationToken.None);
        var created = await webhooks.CreateAsync(SqliteDatabase.Prod, Webhook("in-2", withToken), Alice, CancellationToken.None);

        Assert.Equal(WebhookOutcome.Invalid, refused.Outcome);
        var error = Assert.Single(refused.FieldErrors);
        Assert.Equal(nameof(WebhookInput.ApiCredentialId), error.Field);
        Assert.Equal(TwilioWebhooks.NoAuthTokenMessage, error.Message);
        Assert.Equal(WebhookOutcome.Created, created.Outcome);
    }
}
