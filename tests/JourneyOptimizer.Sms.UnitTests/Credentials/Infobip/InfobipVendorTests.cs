using System.Text;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Infobip;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using Microsoft.AspNetCore.Http;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Infobip;

/// <summary>The Infobip plug-in as the portal registers it: mapping, secrets, checks and sends against the fake Infobip, and its pushes.</summary>
public sealed class InfobipVendorTests
{
    private const string Number = "+41793026727";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static InfobipCredentialInput Input(string? key = InfobipHarness.ApiKey) => new()
    {
        Name = "Infobip EU",
        ApiBaseUrl = "  XYZ12.API.Infobip.com ",
        ApiKey = key,
        InboundNumber = "+41 79 302 67 27",
        ValidityPeriodHours = 6,
        PrincipalEntityId = " 1201159100000012345 ",
        ContentTemplateId = "",
        CallbackData = "  ",
        FuzzyOptOut = true,
        FuzzyAutoReply = " Reply STOP to unsubscribe. ",
    };

    private static InfobipCredential Draft(ICredentialVendor vendor, InfobipCredentialInput input, InfobipCredential? stored = null)
    {
        var draft = vendor.Prepare(input, stored);
        Assert.True(draft.Succeeded, string.Join("; ", draft.Errors.Select(e => e.Field + ": " + e.Message)));
        return (InfobipCredential)draft.Credential!;
    }

    [Fact]
    public async Task Prepare_NormalisesTheFields_AndProtectsTheKey_WithAHintOfItsLastFour()
    {
        await using var infobip = await InfobipHarness.StartAsync();

        var draft = infobip.Vendor.Prepare(Input(), null);

        var credential = (InfobipCredential)draft.Credential!;
        Assert.Equal([nameof(InfobipCredentialInput.ApiKey)], draft.ChangedSecretFields);
        Assert.Equal((SmsVendor.Infobip, "https://xyz12.api.infobip.com", Number, Number), (credential.Vendor, credential.ApiBaseUrl, credential.InboundNumber, credential.Address));
        Assert.Equal((6, "1201159100000012345", (string?)null, (string?)null), (credential.ValidityPeriodHours, credential.PrincipalEntityId, credential.ContentTemplateId, credential.CallbackData));
        Assert.Equal((true, "Reply STOP to unsubscribe."), (credential.FuzzyOptOut, credential.FuzzyAutoReply));
        Assert.DoesNotContain(InfobipHarness.ApiKey, credential.ApiKeyProtected, StringComparison.Ordinal);
        Assert.Equal(InfobipHarness.ApiKey, infobip.Protector.Unprotect(credential.ApiKeyProtected));
        Assert.Equal(InfobipHarness.ApiKey[^4..], credential.ApiKeyHint);
        Assert.Equal(new Dictionary<string, string> { ["ApiKey"] = InfobipHarness.ApiKey[^4..] }, infobip.Vendor.SecretHints(credential));
        Assert.DoesNotContain(InfobipHarness.ApiKey, string.Join(" ", infobip.Vendor.Snapshot(credential).Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_OnEdit_ABlankOrTheSameKeyKeepsTheStoredOne_ANewOneReplacesIt()
    {
        await using var infobip = await InfobipHarness.StartAsync();
        var stored = Draft(infobip.Vendor, Input());

        var blank = infobip.Vendor.Prepare(Input(key: " "), stored);
        var same = infobip.Vendor.Prepare(Input(), stored);
        var changed = infobip.Vendor.Prepare(Input(key: "NEW-KEY-" + new string('a', 30)), stored);

        Assert.Equal((stored.ApiKeyProtected, 0), (((InfobipCredential)blank.Credential!).ApiKeyProtected, blank.ChangedSecretFields.Count));
        Assert.Equal((stored.ApiKeyProtected, 0), (((InfobipCredential)same.Credential!).ApiKeyProtected, same.ChangedSecretFields.Count));
        Assert.Equal([nameof(InfobipCredentialInput.ApiKey)], changed.ChangedSecretFields);
        Assert.Equal("aaaa", ((InfobipCredential)changed.Credential!).ApiKeyHint);
    }

    [Fact]
    public async Task Validate_ANewCredentialNeedsTheKey_AnEditDoesNot()
    {
        await using var infobip = await InfobipHarness.StartAsync();

        Assert.Equal([new FieldError("ApiKey", InfobipCredentialMessages.ApiKeyRequired)], infobip.Vendor.Validate(Input(key: null), isNew: true));
        Assert.Empty(infobip.Vendor.Validate(Input(key: null), isNew: false));
        Assert.Equal("ApiKey", Assert.Single(infobip.Vendor.Prepare(Input(key: ""), null).Errors).Field);
    }

    [Fact]
    public async Task VerifyAndSend_GoToInfobip_WithTheCredentialsSendingOptions()
    {
        await using var infobip = await InfobipHarness.StartAsync();
        var credential = Draft(infobip.Vendor, Input());
        credential.ApiBaseUrl = infobip.BaseUrl.GetLeftPart(UriPartial.Authority);

        var verified = await infobip.Vendor.VerifyAsync(credential, Ct);
        var sent = await infobip.Vendor.SendTestAsync(credential, from: "ignored", "+41791112233", "Hello", Ct);
        var check = await infobip.Vendor.CheckSenderAsync(credential, "InfoSMS", Ct);

        Assert.Equal(VendorVerificationOutcome.Verified, verified.Outcome);
        Assert.True(sent.Sent);
        Assert.Equal(Assert.Single(infobip.Fake.SentMessageIds), sent.MessageId);
        Assert.Equal(SenderCheckOutcome.Passed, check.Outcome);
        var message = infobip.Fake.RequestList.Single(r => r.Method == "POST").Json().GetProperty("messages")[0];
        Assert.Equal("41793026727", message.GetProperty("sender").GetString());
        Assert.Equal("41791112233", message.GetProperty("destinations")[0].GetProperty("to").GetString());
        Assert.Equal(6, message.GetProperty("options").GetProperty("validityPeriod").GetProperty("amount").GetInt32());
        Assert.False(message.GetProperty("options").GetProperty("regional").GetProperty("indiaDlt").TryGetProperty("contentTemplateId", out _));
    }

    [Fact]
    public async Task SendAndCheck_WithAKeyInfobipRefuses_AreRejections_NotTransient()
    {
        await using var infobip = await InfobipHarness.StartAsync();
        var credential = Draft(infobip.Vendor, Input(key: "refused-key-00000000"));
        credential.ApiBaseUrl = infobip.BaseUrl.GetLeftPart(UriPartial.Authority);

        var sent = await infobip.Vendor.SendAsync(credential, "+41793026727", "+41791112233", "Hello", Ct);
        var check = await infobip.Vendor.CheckSenderAsync(credential, "+41793026727", Ct);

        Assert.Equal((false, false, 401, InfobipErrorText.WrongKey), (sent.Sent, sent.Transient, sent.ErrorCode, sent.ErrorKey));
        Assert.Equal(SenderCheckOutcome.Rejected, check.Outcome);
        Assert.Equal(SenderCheckResult.CredentialField, Assert.Single(check.Errors).Field);
    }

    private static ResolvedWebhook Hook(WebhookType type) => new()
    {
        Id = 1,
        SandboxId = 1,
        Type = type,
        Vendor = SmsVendor.Infobip,
        SenderNumber = Number,
        Reader = new InfobipWebhooks().CreateReader(new InfobipCredential { ApiBaseUrl = "https://a.api.infobip.com", ApiKeyProtected = "x", ApiKeyHint = "", InboundNumber = Number }),
    };

    private static WebhookRequest Request(string json, string contentType = "application/json; charset=utf-8") =>
        new("token", contentType, new HeaderDictionary(), "https://portal.example/webhooks/token", "", Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Reader_InboundPush_GivesEveryResult_WithNumbersInInternationalFormat()
    {
        var hook = Hook(WebhookType.Inbound);

        var read = hook.Reader.Read(hook, Request("""{"results":[{"messageId":"a","from":"385916242493","to":"12345","text":"STOP","receivedAt":"2016-10-06T09:28:39.220+0000"},{"messageId":"b","from":"+385916242494","to":"41793026727","text":"hi"}]}"""), "");

        Assert.False(read.IsRefusal);
        Assert.Equal([("a", "+385916242493", "12345", "STOP"), ("b", "+385916242494", Number, "hi")],
            read.InboundEvents.Select(e => (e.EventKey, e.From!, e.To!, e.Body)));
        Assert.Equal(new DateTime(2016, 10, 6, 9, 28, 39, 220, DateTimeKind.Utc), read.InboundEvents[0].OriginAtUtc);
        Assert.Equal(200, hook.Reader.Answer(hook, "a reply").StatusCode);
    }

    [Theory]
    [InlineData("PENDING", 0, "NO_ERROR", "sent", null)]
    [InlineData("DELIVERED", 0, "NO_ERROR", "delivered", null)]
    [InlineData("UNDELIVERABLE", 27, "EC_ABSENT_SUBSCRIBER_AND_A_VERY_LONG_SUFFIX", "undelivered", "EC_ABSENT_SUBSCRIBER_AND_A_VER")]
    [InlineData("EXPIRED", 0, "NO_ERROR", "undelivered", null)]
    [InlineData("REJECTED", 12, "EC_BLOCKED", "failed", "EC_BLOCKED")]
    public void Reader_DeliveryReport_MapsTheStatusGroupAndTheError(string group, int errorId, string errorName, string status, string? code)
    {
        var hook = Hook(WebhookType.Feedback);

        var read = hook.Reader.Read(hook, Request($$"""{"results":[{"messageId":"m1","status":{"groupName":"{{group}}","name":"X"},"error":{"id":{{errorId}},"name":"{{errorName}}","groupName":"HANDSET_ERRORS","permanent":true} }]}"""), "");

        var feedback = Assert.Single(read.FeedbackEvents);
        Assert.Equal(("m1", status, code), (feedback.Reference!, feedback.Status!, feedback.Code));
        Assert.Null(feedback.EventKey);
    }

    [Theory]
    [InlineData("""{"results":[{"messageId":"a","from":"1","to":"2"}]}""", "application/json", 400)]
    [InlineData("""{"results":[]""", "application/json", 400)]
    [InlineData("""{"results":[]}""", "text/plain", 415)]
    public void Reader_RefusesWhatInfobipWouldNotSend(string json, string contentType, int status)
    {
        var hook = Hook(WebhookType.Inbound);

        var read = hook.Reader.Read(hook, Request(json, contentType), "");

        Assert.Equal((true, status), (read.IsRefusal, read.Status));
    }

    [Fact]
    public void KeywordSettings_FuzzyOptOut_TurnsOnFuzzyLogicWithTheCredentialsReply_UnlessTheWebhookHasItsOwn()
    {
        var webhooks = new InfobipWebhooks();
        var on = new InfobipCredential { ApiBaseUrl = "https://a", ApiKeyProtected = "", ApiKeyHint = "", InboundNumber = Number, FuzzyOptOut = true, FuzzyAutoReply = "Did you mean STOP?" };
        var off = new InfobipCredential { ApiBaseUrl = "https://a", ApiKeyProtected = "", ApiKeyHint = "", InboundNumber = Number, FuzzyAutoReply = "unused" };
        var own = new InboundKeywordSettings { FuzzyLogic = true, FuzzyAutoResponse = "The webhook's own" };

        Assert.Equal((true, "Did you mean STOP?"), (webhooks.KeywordSettings(on, new()).FuzzyLogic, webhooks.KeywordSettings(on, new()).FuzzyAutoResponse));
        Assert.Equal("The webhook's own", webhooks.KeywordSettings(on, own).FuzzyAutoResponse);
        Assert.False(webhooks.KeywordSettings(off, new()).FuzzyLogic);
        Assert.Equal(KeywordCategory.OptOut, KeywordMatcher.Match(webhooks.KeywordSettings(on, new()), "STOP").Category);
        Assert.True(KeywordMatcher.Match(webhooks.KeywordSettings(on, new()), "CANCIL").Fuzzy);
        Assert.False(KeywordMatcher.Match(webhooks.KeywordSettings(off, new()), "CANCIL").Fuzzy);
    }
}
