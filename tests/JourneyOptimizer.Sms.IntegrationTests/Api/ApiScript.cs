using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;

namespace JourneyOptimizer.Sms.IntegrationTests.Api;

/// <summary>
/// A script that talks to the API with one API key, as automation would: plain HTTP with a bearer key, no cookie. Every
/// answer is checked against the live OpenAPI document (<see cref="ContractCheckingHandler"/>); a test ends with
/// <see cref="AssertMatchedDocument"/>.
/// </summary>
public sealed class ApiScript : IDisposable
{
    private readonly ContractCheckingHandler _contract;

    private ApiScript(PortalFactory factory, OpenApiContract contract, string? key)
    {
        _contract = new ContractCheckingHandler(() => contract);
        Http = factory.CreateDefaultClient(_contract);
        if (key is not null)
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    public HttpClient Http { get; }

    public IReadOnlyList<string> Violations => _contract.Violations;

    public int Checked => _contract.Checked;

    public static async Task<ApiScript> WithKeyAsync(PortalFactory factory, string? key)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var anonymous = factory.CreateClient();
        return new ApiScript(factory, await OpenApiContract.LoadAsync(anonymous), key);
    }

    /// <summary>Signs in as a person would and creates a key on their own page; returns the key shown once.</summary>
    public static async Task<string> CreateKeyOnPageAsync(PortalFactory factory, string email = PortalFactory.AdminEmail,
        string password = PortalFactory.AdminPassword, string name = "automation")
    {
        using var browser = await PortalClient.SignedInAsync(factory, email, password);
        var page = await browser.GetDocumentAsync("/profile/api-keys");
        using var response = await browser.SubmitAsync(page, "form.form-narrow", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.LifetimeDays"] = "30",
        });
        var html = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(), "/profile/api-keys");
        var key = html.QuerySelector("#new-api-key")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(key), html.QuerySelector("main")?.TextContent);
        return key!;
    }

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> SendAsync(HttpMethod method, string url, object? body = null,
        string? ifMatch = null, string? idempotencyKey = null, string? rawJson = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (rawJson is not null)
        {
            request.Content = new StringContent(rawJson, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public Task<(HttpResponseMessage Response, JsonNode? Body)> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public Task<(HttpResponseMessage Response, JsonNode? Body)> PostAsync(string url, object? body, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, url, body ?? new { }, idempotencyKey: idempotencyKey);

    public void AssertMatchedDocument()
    {
        Assert.True(Checked > 0, "No answer was checked against the document.");
        Assert.True(Violations.Count == 0, "Answers differ from /openapi/v1.json:\n" + string.Join("\n", Violations));
    }

    public static string Json(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "";

    public void Dispose() => Http.Dispose();
}
