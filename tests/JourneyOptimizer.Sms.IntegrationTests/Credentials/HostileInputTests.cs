using System.Net;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.IntegrationTests.Credentials;

/// <summary>Whatever a user (or a forged request) posts, the answer is never a 500 and nothing is half-saved.</summary>
public sealed class HostileInputTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string Prod = TestData.CredentialsUrl("prod");

    public static TheoryData<string, string> Fields => new()
    {
        { "Input.Vendor", "999" },
        { "Input.Vendor", "Sinch" },
        { "Input.Custom.AuthType", "Nope" },
        { "Input.Custom.ChannelType", "-1" },
        { "Input.Custom.MacHashFormat", "md5" },
        { "Input.Custom.Headers[99].Name", "X-Sparse" },
        { "Input.Custom.Headers[0]", "not an object" },
        { "Input.Custom.MtlsEnabled", "maybe" },
        { "Input.Custom.ProviderPayload", "{\"a\":" + new string('[', 5000) },
        { "Input.Custom.OAuthBody", new string('{', 3000) },
        { "Input.Custom.ClientCertificatePem", "-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----" },
        { "Input.Twilio.InboundNumber", "+" + new string('9', 5000) },
        { "Input.Twilio.Name", "\u0000\uFFFF\uD800" },
        { "SaveWithoutVerification", "yes please" },
        { "PendingSecret", new string('A', 100_000) },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task CreateForm_NeverAnswers500(string field, string value)
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var before = await factory.WithDbAsync(db => db.ApiCredentials.CountAsync());
        var page = await client.GetDocumentAsync(Prod + "/create");
        var fields = TestData.TwilioForm(TestData.Twilio());
        if (field.StartsWith("Input.Custom", StringComparison.Ordinal))
        {
            fields["Input.Vendor"] = "Custom";
        }

        if (field == "PendingSecret")
        {
            // A forged "pending" token stands in only for a blank Auth Token: it must not unlock a save.
            fields["Input.Twilio.AuthToken"] = "";
        }

        fields[field] = value;

        var response = await client.SubmitAsync(page, "main form", fields);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest,
            $"{field}: {(int)response.StatusCode}");
        Assert.Equal(before, await factory.WithDbAsync(db => db.ApiCredentials.CountAsync()));
    }

    [Theory]
    [InlineData("Version", "abc")]
    [InlineData("Version", "")]
    [InlineData("Version", "99999999999999999999")]
    [InlineData("Input.Vendor", "Custom")]
    public async Task EditForm_NeverAnswers500_AndChangesNothing(string field, string value)
    {
        var input = TestData.Twilio();
        var id = await TestData.CreateTwilioAsync(factory, (await TestData.SandboxAsync(factory, "prod")).Id, input);
        using var client = await PortalClient.SignedInAsync(factory);
        var page = await client.GetDocumentAsync($"{Prod}/edit/{id}");

        var response = await client.SubmitAsync(page, "main form", new Dictionary<string, string>
        {
            [field] = value,
            ["Input.Twilio.Name"] = input.Name + " changed?",
        });

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.ApiCredentials.SingleAsync(c => c.Id == id));
        if (field == "Version")
        {
            Assert.Equal(input.Name, stored.Name);
        }
        else
        {
            // The vendor of an existing credential never changes, whatever the form says.
            Assert.Equal(Core.Credentials.SmsVendor.Twilio, stored.Vendor);
        }
    }

    [Theory]
    [InlineData("?cursor=%FF%FE")]
    [InlineData("?cursor=a!!!!")]
    [InlineData("?cursor=b")]
    [InlineData("?q=%00%01")]
    public async Task List_WithGarbageQuery_Answers200(string query)
    {
        using var client = await PortalClient.SignedInAsync(factory);

        var response = await client.Http.GetAsync(new Uri(Prod + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
