using System.Net;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Webhooks;

/// <summary>The payload editor of a Custom webhook: "Check mapping" reads each path from the pasted sample on the server.</summary>
public sealed class WebhookPayloadEditorPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Form = "form[data-webhook-form]";
    private static readonly string Prod = WebhookTestData.WebhooksUrl("prod");

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response, string url)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html[..Math.Min(2000, html.Length)]}");
        return await PortalClient.ParseAsync(html, url);
    }

    [Fact]
    public async Task PayloadEditor_ShowsEachFieldsValueOrErrorNextToIt()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var form = await client.GetDocumentAsync(Prod + "/create");
        const string sample = """{"msg":{"text":"STOP","from":"+14155550100"},"ids":[{"v":42}],"when":"2026-01-01T10:00:00Z"}""";

        var response = await client.SubmitAsync(form, Form, new Dictionary<string, string>
        {
            ["Input.Vendor"] = "Custom",
            ["Input.Type"] = "Inbound",
            ["Input.Mapping.InboundMessage"] = "msg.text",
            ["Input.Mapping.ProfileNumber"] = "$.msg.from",
            ["Input.Mapping.RequestId"] = "ids[0].v",
            ["Input.Mapping.OriginTimestamp"] = "msg..when",
            ["Input.Mapping.InboundNumber"] = "msg.to",
            ["SamplePayload"] = sample,
        }, "[data-testid=check-mapping]");

        var page = await ParseAsync(response, Prod + "/create");
        string Preview(string field) => page.QuerySelector($"[data-testid=preview-{field}]")!.TextContent.Trim();
        Assert.Equal("STOP", page.QuerySelector("[data-testid=preview-InboundMessage] .preview-value")!.TextContent);
        Assert.Equal("+14155550100", page.QuerySelector("[data-testid=preview-ProfileNumber] .preview-value")!.TextContent);
        Assert.Equal("42", page.QuerySelector("[data-testid=preview-RequestId] .preview-value")!.TextContent);
        Assert.Equal(WebhookInputValidator.PathShapeMessage, Preview("OriginTimestamp"));
        Assert.Equal("Nothing at this path in the sample.", Preview("InboundNumber"));
        Assert.Equal(sample, page.QuerySelector<IHtmlTextAreaElement>("#SamplePayload")!.Value);
        Assert.True(page.QuerySelector("[data-testid=payload-editor]")!.HasAttribute("open"));
        Assert.False(page.QuerySelector("[data-testid=mapping]")!.HasAttribute("hidden"));
        Assert.True(page.QuerySelector("[data-testid=keywords]")!.HasAttribute("hidden") is false);

        var invalid = await client.SubmitAsync(form, Form, new Dictionary<string, string>
        {
            ["Input.Vendor"] = "Custom",
            ["SamplePayload"] = "{not json",
        }, "[data-testid=check-mapping]");
        var invalidPage = await ParseAsync(invalid, Prod + "/create");
        Assert.Equal("The sample is not valid JSON.", invalidPage.QuerySelector("[data-testid=sample-error]")!.TextContent.Trim());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Webhooks.CountAsync(w => w.Name == "")));
    }

    [Theory]
    [InlineData("{\"msg\":{\"text\":\"\\ud800\",\"from\":\"+14155550100\"}}")]
    [InlineData("{\"msg\":{\"text\":\"STOP\",\"from\":\"+14155550100\"},\"\\udc00\":1}")]
    public async Task PayloadEditor_SampleWithALoneSurrogateEscape_IsRefusedNextToTheSample(string sample)
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var form = await client.GetDocumentAsync(Prod + "/create");

        var response = await client.SubmitAsync(form, Form, new Dictionary<string, string>
        {
            ["Input.Vendor"] = "Custom",
            ["Input.Type"] = "Inbound",
            ["Input.Mapping.InboundMessage"] = "msg.text",
            ["Input.Mapping.ProfileNumber"] = "msg.from",
            ["SamplePayload"] = sample,
        }, "[data-testid=check-mapping]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response, Prod + "/create");
        Assert.Equal("The sample has a string that is not Unicode (an escaped lone surrogate such as \\ud800).",
            page.QuerySelector("[data-testid=sample-error]")!.TextContent.Trim());
    }
}
