using System.Net;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Webhooks.Ingestion;
using JourneyOptimizer.Sms.Web.Infrastructure;

namespace JourneyOptimizer.Sms.IntegrationTests.Account;

/// <summary>The portal with ASP.NET Core's own events at Debug, as without appsettings.json's levels or when troubleshooting.</summary>
public sealed class VerboseLoggingPortal : IAsyncDisposable
{
    public PortalFactory Factory { get; } = new()
    {
        Options = new PortalOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Serilog:MinimumLevel:Default"] = "Debug",
                ["Serilog:MinimumLevel:Override:Microsoft"] = "Debug",
                ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Debug",
            },
        },
    };

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>
/// Webhook path tokens and set-password/setup tokens stay out of every log event however verbose the framework's
/// logging is: the redaction is in code, not in a configuration file.
/// </summary>
public sealed class TokenRedactionTests(VerboseLoggingPortal portal) : IClassFixture<VerboseLoggingPortal>
{
    private readonly PortalFactory factory = portal.Factory;

    [Fact]
    public async Task UrlTokens_AreInNoLogEvent_EvenWithTheFrameworksEventsAtDebug()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Inbound);
        var setPasswordToken = TestData.Hex32() + TestData.Hex32();
        var setupToken = TestData.Hex32() + TestData.Hex32();
        using var client = factory.CreateClient(factory.NoRedirects);

        // A signed request, an unsigned one (403), a malformed body (400) and a token that names no webhook (404).
        var form = WebhookKit.InboundForm(hook, TestData.Number(), "HELP");
        using (var signed = await client.SendAsync(WebhookKit.TwilioPost(hook.Path, form, hook.AuthToken)))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }

        using (var unsigned = await client.SendAsync(WebhookKit.TwilioPost(hook.Path, form, TestData.Hex32())))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        }

        using (var malformed = await client.PostAsync(new Uri(hook.Path + "?x=1", UriKind.Relative), new StringContent("%%%", null, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, malformed.StatusCode);
        }

        var unknown = WebhookKit.NewToken();
        using (var missing = await client.PostAsync(new Uri("/webhooks/" + unknown, UriKind.Relative), new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var link = await client.GetAsync(new Uri("/account/set-password?token=" + setPasswordToken, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        }

        using (var setup = await client.GetAsync(new Uri("/account/setup?TOKEN=" + setupToken + "&x=1", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        }

        var logs = factory.Logs.All;

        // The framework did log these requests (with their paths and queries, redacted)...
        Assert.Contains("Request starting", logs, StringComparison.Ordinal);
        Assert.Contains("/webhooks/" + TokenRedaction.Redacted, logs, StringComparison.Ordinal);
        Assert.Contains("token=" + TokenRedaction.Redacted, logs, StringComparison.Ordinal);

        // ...and no token is in any event.
        foreach (var secret in new[] { hook.Token, unknown, setPasswordToken, setupToken })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("POST /webhooks/abc-DEF_123 ok", "POST /webhooks/[redacted] ok")]
    [InlineData("http://h/portal/webhooks/abc?x=1#f", "http://h/portal/webhooks/[redacted]?x=1#f")]
    [InlineData("?token=abc&x=1", "?token=[redacted]&x=1")]
    [InlineData("/account/setup?x=1&Token=abc", "/account/setup?x=1&Token=[redacted]")]
    [InlineData("/webhooks/{pathToken}", "/webhooks/[redacted]")]
    [InlineData("/account/sign-in?ReturnUrl=%2F", "/account/sign-in?ReturnUrl=%2F")]
    [InlineData("csrftoken=abc", "csrftoken=abc")]
    public void Redact_ReplacesOnlyTheTokens(string text, string expected) => Assert.Equal(expected, TokenRedaction.Redact(text));
}
