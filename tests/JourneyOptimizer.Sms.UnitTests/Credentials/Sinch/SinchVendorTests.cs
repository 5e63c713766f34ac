using System.Text;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Core.Credentials.SinchConversation;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using JourneyOptimizer.Sms.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Sinch;

/// <summary>
/// The Sinch plug-ins' own logic without a provider: input to stored subtype (secrets protected, blank keeps, a typed
/// equal secret is no change), the RCS fallback's token bound to its service plan, and the webhook readers
/// (signature, event kinds, the app check).
/// </summary>
public sealed class SinchVendorTests
{
    private const string Plan = "8200000f74924bd6800000b212f00000";
    private const string Token = "0123456789abcdef0123456789abcdef";
    private const string Secret = "whsec-abcdefgh1234";

    private static readonly DataProtectionSecretProtector Protector = new DataProtectionSecretProtector(new EphemeralDataProtectionProvider());
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    private static SinchVendor Sms() => new(new SinchCredentialInputValidator(),
        new SinchCredentialVerifier(new Mock<ISinchSmsClient>(MockBehavior.Strict).Object), Protector, Time);

    private static SinchRcsVendor Rcs() => new(new SinchRcsCredentialInputValidator(),
        new SinchConversationVerifier(new Mock<ISinchConversationClient>(MockBehavior.Strict).Object, new Mock<ISinchSmsClient>(MockBehavior.Strict).Object),
        Protector, Time);

    private static SinchCredentialInput Input(string? token = Token, string? secret = null) => new()
    {
        Name = "Sinch US",
        ServiceId = " " + Plan.ToUpperInvariant() + " ",
        ApiToken = token,
        InboundNumber = "+1 (415) 555-0100",
        OverrideUrl = " ",
        WebhookSecret = secret,
    };

    [Fact]
    public void Prepare_New_ProtectsTheSecrets_NormalisesTheIds_AndTheAddressIsTheNumber()
    {
        var draft = Sms().Prepare(Input(secret: Secret), stored: null);

        var credential = Assert.IsType<SinchCredential>(draft.Credential);
        Assert.Equal((SmsVendor.Sinch, Plan, "+14155550100", "+14155550100", (string?)null),
            (credential.Vendor, credential.ServicePlanId, credential.InboundNumber, credential.Address, credential.OverrideUrl));
        Assert.Equal(Token, Protector.Unprotect(credential.ApiTokenProtected));
        Assert.Equal((Token[^4..], Secret[^4..]), (credential.ApiTokenHint, credential.WebhookSecretHint));
        Assert.Equal(Secret, Protector.Unprotect(credential.WebhookSecretProtected!));
        Assert.Equal(["ApiToken", "WebhookSecret"], draft.ChangedSecretFields);
    }

    [Fact]
    public void Prepare_Edit_BlankSecretsKeepTheStoredOnes_AndTypingTheSameTokenIsNoChange()
    {
        var vendor = Sms();
        var stored = (SinchCredential)vendor.Prepare(Input(secret: Secret), null).Credential!;

        var blank = vendor.Prepare(Input(token: "", secret: ""), stored);
        var same = vendor.Prepare(Input(token: Token), stored);
        var changed = vendor.Prepare(Input(token: "fedcba9876543210fedcba9876543210"), stored);

        Assert.Equal((stored.ApiTokenProtected, stored.WebhookSecretProtected), (((SinchCredential)blank.Credential!).ApiTokenProtected, ((SinchCredential)blank.Credential!).WebhookSecretProtected));
        Assert.Empty(blank.ChangedSecretFields);
        Assert.Empty(same.ChangedSecretFields);
        Assert.Equal(["ApiToken"], changed.ChangedSecretFields);
        Assert.Equal("3210", vendor.SecretHints(changed.Credential!)["ApiToken"]);
    }

    [Fact]
    public void NewCredential_NeedsItsToken_AnEditMayLeaveItBlank()
    {
        var vendor = Sms();

        Assert.Contains(new FieldError("ApiToken", SinchCredentialMessages.ApiTokenRequired), vendor.Validate(Input(token: null), isNew: true));
        Assert.DoesNotContain(vendor.Validate(Input(token: null), isNew: false), e => e.Field == "ApiToken");
        Assert.False(vendor.Prepare(Input(token: null), null).Succeeded);
    }

    [Fact]
    public void ToInput_AndSnapshot_NeverCarryASecret()
    {
        var vendor = Sms();
        var stored = vendor.Prepare(Input(secret: Secret), null).Credential!;
        stored.Name = "Sinch US";

        var input = Assert.IsType<SinchCredentialInput>(vendor.ToInput(stored));

        Assert.Equal(("Sinch US", Plan, "+14155550100", (string?)null, (string?)null), (input.Name, input.ServiceId, input.InboundNumber, input.ApiToken, input.WebhookSecret));
        Assert.DoesNotContain(vendor.Snapshot(stored).Values, v => v is not null && (v.Contains(Token, StringComparison.Ordinal) || v.Contains(Secret, StringComparison.Ordinal)));
    }

    [Fact]
    public void RcsPrepare_KeepsTheSmsTokenOnlyForTheSameServicePlan_AndDropsItWithTheFallback()
    {
        var vendor = Rcs();
        var input = new SinchRcsCredentialInput
        {
            Name = "RCS",
            ProjectId = "51BC3F40-F266-4CA8-8938-A1ED0FF32B9A",
            AppId = "01eb37hmh1m6sv18bsns3g135h",
            ApiToken = "key:secret-1234",
            ServicePlanId = Plan,
            SmsApiToken = Token,
            ApiRateLimit = 5,
        };
        var stored = (SinchRcsCredential)vendor.Prepare(input, null).Credential!;
        Assert.Equal(("51bc3f40-f266-4ca8-8938-a1ed0ff32b9a", "01EB37HMH1M6SV18BSNS3G135H", "RCS", 5), (stored.ProjectId, stored.AppId, stored.Address, stored.ApiRateLimit));

        var samePlan = vendor.Prepare(new SinchRcsCredentialInput { Name = "RCS", ProjectId = stored.ProjectId, AppId = stored.AppId, ServicePlanId = Plan }, stored);
        var otherPlan = vendor.Prepare(new SinchRcsCredentialInput { Name = "RCS", ProjectId = stored.ProjectId, AppId = stored.AppId, ServicePlanId = new string('a', 32) }, stored);
        var noFallback = vendor.Prepare(new SinchRcsCredentialInput { Name = "RCS", ProjectId = stored.ProjectId, AppId = stored.AppId }, stored);

        Assert.Equal(stored.SmsApiTokenProtected, ((SinchRcsCredential)samePlan.Credential!).SmsApiTokenProtected);
        Assert.Equal([new FieldError("SmsApiToken", SinchRcsVendor.SmsApiTokenRequired)], otherPlan.Errors);
        Assert.Null(((SinchRcsCredential)noFallback.Credential!).SmsApiTokenProtected);
        Assert.Equal(["SmsApiToken"], noFallback.ChangedSecretFields);
    }

    private static ResolvedWebhook Webhook(IWebhookRequestReader reader, WebhookType type = WebhookType.Inbound) => new()
    {
        Id = 1,
        SandboxId = 1,
        Type = type,
        Vendor = SmsVendor.Sinch,
        SenderNumber = "+14155550100",
        Reader = reader,
    };

    private static WebhookRequest Signed(string json, string secret, DateTimeOffset at)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in SinchTestSignature.Headers(secret, json, at))
        {
            headers[name] = value;
        }

        return new WebhookRequest("token", "application/json", headers, "http://localhost/webhooks/token", "", Encoding.UTF8.GetBytes(json));
    }

    [Fact]
    public void SmsReader_ReadsSignedInboundAndDeliveryReports_WithNumbersInE164()
    {
        var vendor = Sms();
        var credential = vendor.Prepare(Input(secret: Secret), null).Credential!;
        var reader = vendor.Webhooks!.CreateReader(credential);
        var hook = Webhook(reader);

        var inbound = reader.Read(hook, Signed("""{"body":"STOP","from":"14155550123","id":"01FC66621XXXXX119Z8PMV1QPA","received_at":"2026-12-05T11:59:00Z","to":"14155550100","type":"mo_text"}""", Secret, Time.GetUtcNow()), "");
        var report = reader.Read(hook, Signed("""{"type":"recipient_delivery_report_sms","batch_id":"01FC66621XXXXX119Z8PMV1QPQ","recipient":"14155550123","code":401,"status":"Dispatched","at":"2026-12-05T11:59:00Z"}""", Secret, Time.GetUtcNow()), "");
        var binary = reader.Read(hook, Signed("""{"type":"mo_binary","id":"x","from":"1","to":"2","body":"AA","received_at":"2026-12-05T11:59:00Z"}""", Secret, Time.GetUtcNow()), "");

        Assert.Equal(("01FC66621XXXXX119Z8PMV1QPA", "+14155550123", "+14155550100", "STOP"), (inbound.Inbound!.EventKey, inbound.Inbound.From, inbound.Inbound.To, inbound.Inbound.Body));
        Assert.Equal(("01FC66621XXXXX119Z8PMV1QPQ", "Dispatched", "401"), (report.Feedback!.Reference, report.Feedback.Status, report.Feedback.Code));
        Assert.True(binary.Ignored);
    }

    [Fact]
    public void SmsReader_RefusesAWrongSecret_AStaleTimestamp_AndACredentialWithoutSecret()
    {
        var vendor = Sms();
        var credential = vendor.Prepare(Input(secret: Secret), null).Credential!;
        var reader = vendor.Webhooks!.CreateReader(credential);
        const string json = """{"body":"HI","from":"14155550123","id":"1","received_at":"2026-12-05T11:59:00Z","to":"14155550100","type":"mo_text"}""";

        Assert.Equal(403, reader.Read(Webhook(reader), Signed(json, "another-secret", Time.GetUtcNow()), "").Status);
        Assert.Equal(403, reader.Read(Webhook(reader), Signed(json, Secret, Time.GetUtcNow().AddMinutes(-6)), "").Status);

        var withoutSecret = vendor.Prepare(Input(), null).Credential!;
        Assert.Equal(new FieldError("WebhookSecret", SinchWebhooks.NoSecretMessage), vendor.Webhooks.CredentialProblem(withoutSecret));
        var refusing = vendor.Webhooks.CreateReader(withoutSecret);
        Assert.Equal(403, refusing.Read(Webhook(refusing), Signed(json, Secret, Time.GetUtcNow()), "").Status);
    }

    [Fact]
    public void RcsReader_TakesOnlyItsOwnApp_AndTheInboundArrivesAtTheWebhooksNumber()
    {
        var vendor = Rcs();
        var credential = vendor.Prepare(new SinchRcsCredentialInput
        {
            Name = "RCS",
            ProjectId = "51bc3f40-f266-4ca8-8938-a1ed0ff32b9a",
            AppId = "01EB37HMH1M6SV18BSNS3G135H",
            ApiToken = "key:secret-1234",
            ApiRateLimit = 0,
            WebhookSecret = Secret,
        }, null).Credential!;
        var reader = vendor.Webhooks!.CreateReader(credential);
        static string Event(string app) => ("{'app_id':'" + app + "','accepted_time':'2026-12-05T11:59:00Z','message':{'id':'01EQBC1A3BEK731GY4YXEN0C2R','direction':'TO_APP',"
            + "'channel_identity':{'channel':'RCS','identity':'14155550123','app_id':'" + app + "'},'contact_message':{'text_message':{'text':'Help'}}}}").Replace('\'', '"');

        var own = reader.Read(Webhook(reader), Signed(Event("01EB37HMH1M6SV18BSNS3G135H"), Secret, Time.GetUtcNow()), "");
        var other = reader.Read(Webhook(reader), Signed(Event("01EB37HMH1M6SV18BSNS3G135J"), Secret, Time.GetUtcNow()), "");

        Assert.Equal(("+14155550123", "+14155550100", "Help"), (own.Inbound!.From, own.Inbound.To, own.Inbound.Body));
        Assert.Equal(403, other.Status);
    }
}
