using System.Security.Cryptography;
using System.Text;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks.Ingestion;

public sealed class WebhookIngestionHelpersTests
{
    private static readonly byte[] Hash = SHA256.HashData(Encoding.UTF8.GetBytes("s3cret-value"));

    [Theory]
    [InlineData("Bearer s3cret-value", true)]
    [InlineData("bearer s3cret-value", true)]
    [InlineData("Bearer  s3cret-value ", true)]
    [InlineData("Bearer s3cret-valuE", false)]
    [InlineData("Bearer ", false)]
    [InlineData("Basic s3cret-value", false)]
    [InlineData("s3cret-value", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void BearerMatches_ComparesTheSecretsHash(string? header, bool expected) =>
        Assert.Equal(expected, WebhookIngestion.BearerMatches(Hash, header));

    [Fact]
    public void BearerMatches_NoStoredHash_RefusesEverything() =>
        Assert.False(WebhookIngestion.BearerMatches(null, "Bearer s3cret-value"));

    [Fact]
    public void BearerMatches_HugeHeader_Refused() =>
        Assert.False(WebhookIngestion.BearerMatches(Hash, "Bearer " + new string('x', 100_000)));

    [Theory]
    [InlineData("application/json", "application/json", true)]
    [InlineData("application/json; charset=utf-8", "application/json", true)]
    [InlineData("Application/JSON; charset=\"UTF-8\"", "application/json", true)]
    [InlineData("application/json; charset=iso-8859-1", "application/json", false)]
    [InlineData("text/json", "application/json", false)]
    [InlineData("application/x-www-form-urlencoded", "application/json", false)]
    [InlineData("application/x-www-form-urlencoded; charset=UTF-8", "application/x-www-form-urlencoded", true)]
    [InlineData("", "application/json", false)]
    [InlineData(null, "application/json", false)]
    [InlineData(";;;", "application/json", false)]
    public void IsMediaType_AcceptsOnlyTheTypeInUtf8(string? contentType, string expected, bool result) =>
        Assert.Equal(result, WebhookIngestion.IsMediaType(contentType, expected));

    [Theory]
    [InlineData("2026-11-23T07:00:00Z", "2026-11-23T07:00:00")]
    [InlineData("2026-11-23T09:00:00+02:00", "2026-11-23T07:00:00")]
    [InlineData("1795417200", "2026-11-23T07:00:00")]
    [InlineData("1795417200000", "2026-11-23T07:00:00")]
    public void ParseTimestamp_ReadsIsoAndUnixAsUtc(string value, string expected) =>
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), WebhookIngestion.ParseTimestamp(value));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("99999999999999999999999")]
    [InlineData("")]
    [InlineData(null)]
    public void ParseTimestamp_Unreadable_IsIgnored(string? value) => Assert.Null(WebhookIngestion.ParseTimestamp(value));

    [Fact]
    public void Twiml_EscapesTheReply()
    {
        const string Reply = "a <b> & \"c\" </Message><Redirect>https://evil.example</Redirect>";

        var document = System.Xml.Linq.XDocument.Parse(TwilioWebhooks.Twiml(Reply));
        var empty = System.Xml.Linq.XDocument.Parse(TwilioWebhooks.Twiml(null));

        Assert.Equal("Response", document.Root!.Name.LocalName);
        Assert.Equal(Reply, Assert.Single(document.Root.Elements()).Value);
        Assert.Equal("Message", Assert.Single(document.Root.Elements()).Name.LocalName);
        Assert.Equal(TwilioWebhooks.EmptyTwiml, TwilioWebhooks.Twiml(""));
        Assert.Empty(empty.Root!.Elements());
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 30)]
    [InlineData(3, 90)]
    [InlineData(20, 1800)]
    public void Backoff_Grows(int attempts, int seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), ReplySender.Backoff(attempts));
}
