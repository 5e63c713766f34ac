using System.Text;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Testing;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Sinch;

/// <summary>Sinch's callback signature, with the vectors of Sinch's SDK tests (re-computed in the provider notes).</summary>
public sealed class SinchWebhookSignatureTests
{
    // sinch-sdk-java SinchEventsServiceTest (SMS)
    private const string SmsSecret = "SMSWebhooksSecret";
    private const string SmsNonce = "01JHFFHWYY7HSS4FWTMDTQEK8V";
    private const string SmsTimestamp = "1736760161";
    private const string SmsBody = """{"at":"2025-01-13T09:22:40.914Z","batch_id":"01JHFFHQ0P99JPPNQPJDV7JTBP","client_reference":"a client reference","code":0,"operator_status_at":"2025-01-13T09:22:00Z","recipient":"33662162466","status":"Delivered","type":"recipient_delivery_report_sms"}""";
    private const string SmsSignature = "ZoHei66PPN/kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0=";

    // sinch-sdk-java HmacAuthenticationValidationTest (Conversation)
    private const string ConversationSecret = "foo_secret1234";
    private const string ConversationNonce = "01FJA8B4A7BM43YGWSG9GBV067";
    private const string ConversationTimestamp = "1634579353";
    private const string ContactCreateBody = """{"app_id":"","accepted_time":"2021-10-18T17:49:13.813615Z","project_id":"e2df3a34-a71b-4448-9db5-a8d2baad28e4","contact_create_notification":{"contact":{"id":"01FJA8B466Y0R2GNXD78MD9SM1","channel_identities":[{"channel":"SMS","identity":"48123456789","app_id":""}],"display_name":"New Test Contact","email":"new.contact@email.com","external_id":"","metadata":"","language":"EN_US"}},"message_metadata":""}""";
    private const string ContactCreateSignature = "6bpJoRmFoXVjfJIVglMoJzYXxnoxRujzR4k2GOXewOE=";

    // sinch-sdk-python test_conversation_sinch_event.py (MESSAGE_DELIVERY)
    private const string DeliveryBody = """{"app_id":"01EB37HMH1M6SV18BSNS3G135H","accepted_time":"2020-11-17T15:09:11.659Z","project_id":"c36f3d3d-1513-2edd-ae42-11995557ff61","message_delivery_report":{"message_id":"01EQBC1A3BEK731GY4YXEN0C2R","conversation_id":"01EPYATA64TMNZ1FV02JKF12JF","status":"QUEUED_ON_CHANNEL","contact_id":"01EXA07N79THJ20WSN6AS30TMW"}}""";
    private const string DeliverySignature = "Yc+3R1pIS78xLASybulhs8BsSo9BPB3Pr92QCUoczfk=";

    public static TheoryData<string, string, string, string, string> Vectors => new()
    {
        { SmsSecret, SmsBody, SmsNonce, SmsTimestamp, SmsSignature },
        { ConversationSecret, ContactCreateBody, ConversationNonce, ConversationTimestamp, ContactCreateSignature },
        { ConversationSecret, DeliveryBody, ConversationNonce, ConversationTimestamp, DeliverySignature },
    };

    private static DateTimeOffset At(string timestamp, int secondsLater = 0) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture) + secondsLater);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Compute_SinchsVectors_GiveSinchsSignatures(string secret, string body, string nonce, string timestamp, string signature)
    {
        Assert.Equal(signature, SinchWebhookSignature.Compute(secret, Encoding.UTF8.GetBytes(body), nonce, timestamp));
        Assert.Equal(signature, SinchTestSignature.Sign(secret, body, nonce, timestamp));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Check_SinchsVectorsWhenFresh_AreValid(string secret, string body, string nonce, string timestamp, string signature) =>
        Assert.Equal(SinchSignatureCheck.Valid,
            SinchWebhookSignature.Check(secret, Encoding.UTF8.GetBytes(body), signature, timestamp, nonce, "HmacSHA256", At(timestamp, 30)));

    [Fact]
    public void Check_WithoutTheAlgorithmHeader_TakesHmacSha256() =>
        Assert.Equal(SinchSignatureCheck.Valid,
            SinchWebhookSignature.Check(SmsSecret, Encoding.UTF8.GetBytes(SmsBody), SmsSignature, SmsTimestamp, SmsNonce, null, At(SmsTimestamp)));

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(86_400)]
    public void Check_TimestampOutsideFiveMinutes_IsStale(int secondsLater) =>
        Assert.Equal(SinchSignatureCheck.StaleTimestamp,
            SinchWebhookSignature.Check(SmsSecret, Encoding.UTF8.GetBytes(SmsBody), SmsSignature, SmsTimestamp, SmsNonce, "HmacSHA256", At(SmsTimestamp, secondsLater)));

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Check_TimestampAtTheEdgeOfTheWindow_IsValid(int secondsLater) =>
        Assert.Equal(SinchSignatureCheck.Valid,
            SinchWebhookSignature.Check(SmsSecret, Encoding.UTF8.GetBytes(SmsBody), SmsSignature, SmsTimestamp, SmsNonce, "HmacSHA256", At(SmsTimestamp, secondsLater)));

    [Fact]
    public void Check_ConfiguredWindow_IsUsed() =>
        Assert.Equal(SinchSignatureCheck.Valid,
            SinchWebhookSignature.Check(SmsSecret, Encoding.UTF8.GetBytes(SmsBody), SmsSignature, SmsTimestamp, SmsNonce, "HmacSHA256",
                At(SmsTimestamp, 3600), TimeSpan.FromHours(2)));

    [Theory]
    [InlineData("abc")]
    [InlineData("-1736760161")]
    [InlineData("1736760161.5")]
    [InlineData("99999999999999999999")]
    [InlineData("１７３６７６０１６１")]
    public void Check_TimestampThatIsNotUnixSeconds_IsStale(string timestamp) =>
        Assert.Equal(SinchSignatureCheck.StaleTimestamp,
            SinchWebhookSignature.Check(SmsSecret, Encoding.UTF8.GetBytes(SmsBody), SmsSignature, timestamp, SmsNonce, "HmacSHA256", At(SmsTimestamp)));

    [Theory]
    [InlineData(null, SmsTimestamp, SmsNonce)]
    [InlineData("", SmsTimestamp, SmsNonce)]
    [InlineData(SmsSignature, null, SmsNonce)]
    [InlineData(SmsSignature, " ", SmsNonce)]
    [InlineData(SmsSignature, SmsTimestamp, null)]
    [InlineData(SmsSignature, SmsTimestamp, "")]
    public void Check_MissingHeader_IsMissing(string? signature, string? timestamp, string? nonce) =>
        Assert.Equal(SinchSignatureCheck.Missing,
            SinchWebhookSignature.Check(SmsSecret, Encoding.UTF8.GetBytes(SmsBody), signature, timestamp, nonce, "HmacSHA256", At(SmsTimestamp)));

    [Theory]
    [InlineData("HmacSHA1")]
    [InlineData("HmacSHA512")]
    [InlineData("none")]
    public void Check_OtherAlgorithm_IsUnsupported(string algorithm) =>
        Assert.Equal(SinchSignatureCheck.UnsupportedAlgorithm,
            SinchWebhookSignature.Check(SmsSecret, Encoding.UTF8.GetBytes(SmsBody), SmsSignature, SmsTimestamp, SmsNonce, algorithm, At(SmsTimestamp)));

    public static TheoryData<string, string, string, string> Tampered => new()
    {
        // The body re-serialised with a space: raw bytes are signed, not the JSON's meaning.
        { SmsSecret, SmsBody.Replace("\"code\":0", "\"code\": 0", StringComparison.Ordinal), SmsNonce, SmsSignature },
        { SmsSecret, SmsBody.Replace("Delivered", "Failed", StringComparison.Ordinal), SmsNonce, SmsSignature },
        { SmsSecret, SmsBody, "01JHFFHWYY7HSS4FWTMDTQEK8W", SmsSignature },
        { "SMSWebhooksSecreT", SmsBody, SmsNonce, SmsSignature },
        { SmsSecret, SmsBody, SmsNonce, "not base64!" },
        { SmsSecret, SmsBody, SmsNonce, Convert.ToBase64String(new byte[16]) },
        { SmsSecret, SmsBody, SmsNonce, Convert.ToBase64String(new byte[64]) },
        { SmsSecret, SmsBody, SmsNonce, DeliverySignature },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void Check_AnythingChanged_IsMismatch(string secret, string body, string nonce, string signature) =>
        Assert.Equal(SinchSignatureCheck.Mismatch,
            SinchWebhookSignature.Check(secret, Encoding.UTF8.GetBytes(body), signature, SmsTimestamp, nonce, "HmacSHA256", At(SmsTimestamp)));

    [Fact]
    public void Check_LoneSurrogatesInNonce_DoNotThrow() =>
        Assert.Equal(SinchSignatureCheck.Mismatch,
            SinchWebhookSignature.Check(SmsSecret, Encoding.UTF8.GetBytes(SmsBody), SmsSignature, SmsTimestamp, "\ud800", "HmacSHA256", At(SmsTimestamp)));

    [Fact]
    public void TestSigner_Headers_AreAcceptedByTheChecker()
    {
        var now = DateTimeOffset.UtcNow;
        var headers = SinchTestSignature.Headers("s3cret", DeliveryBody, now).ToDictionary(h => h.Key, h => h.Value);

        Assert.Equal(SinchSignatureCheck.Valid, SinchWebhookSignature.Check("s3cret", Encoding.UTF8.GetBytes(DeliveryBody),
            headers[SinchWebhookSignature.SignatureHeader], headers[SinchWebhookSignature.TimestampHeader],
            headers[SinchWebhookSignature.NonceHeader], headers[SinchWebhookSignature.AlgorithmHeader], now));
    }
}
