using System.Text.Json;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.Webhooks;

/// <summary>What a mapped field reads from the sample payload: its value, or why there is none.</summary>
public sealed record PayloadPreview(string? Value, string? Error, bool NotMapped = false);

/// <summary>What Create and Edit share: the form, the credential choices, the payload editor.</summary>
public abstract class WebhookFormPageModel(WebhookService webhooks, IStringLocalizer<SharedResource> localizer) : SandboxPageModel
{
    public const int SamplePayloadMaxLength = 64_000;

    [BindProperty]
    public WebhookInput Input { get; set; } = new();

    /// <summary>A sample request body of the provider, to check the mapping against (never stored).</summary>
    [BindProperty]
    public string? SamplePayload { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<WebhookCredentialOption> Credentials { get; private set; } = [];

    /// <summary>Set by "Check mapping": what each field of the type reads from <see cref="SamplePayload"/>.</summary>
    public IReadOnlyDictionary<NormalizedField, PayloadPreview>? Preview { get; private set; }

    public string? SampleError { get; private set; }

    /// <summary>False on Edit: vendor and type are shown read-only.</summary>
    public abstract bool CanChooseVendorAndType { get; }

    protected WebhookService Webhooks => webhooks;

    protected IStringLocalizer<SharedResource> Localizer => localizer;

    /// <summary>Without JavaScript, "Apply" re-renders the form for the chosen vendor and type.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(int? id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        return await PrepareAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>"Check mapping" of the payload editor: each mapped field's value in the sample, or the error, next to it.</summary>
    public async Task<IActionResult> OnPostPreviewPayloadAsync(int? id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!await PrepareAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(SamplePayload))
        {
            SampleError = localizer["Paste a sample request body of the provider first."];
            return Page();
        }

        if (SamplePayload.Length > SamplePayloadMaxLength)
        {
            SampleError = localizer["The sample can have at most {0} characters.", SamplePayloadMaxLength];
            return Page();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(SamplePayload, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            SampleError = localizer["The sample is not valid JSON."];
            return Page();
        }

        using (document)
        {
            if (!JsonStrings.AreUnicode(SamplePayload))
            {
                SampleError = localizer["The sample has a string that is not Unicode (an escaped lone surrogate such as \\ud800)."];
                return Page();
            }

            var preview = new Dictionary<NormalizedField, PayloadPreview>();
            foreach (var field in PayloadMapping.FieldsFor(Input.Type))
            {
                var path = Input.Mapping.Get(field);
                var required = PayloadMapping.RequiredFields(Input.Type).Contains(field);
                preview[field] = string.IsNullOrWhiteSpace(path)
                    ? required
                        ? new PayloadPreview(null, localizer[WebhookInputValidator.PathRequiredMessage])
                        : new PayloadPreview(null, localizer["Not mapped."], NotMapped: true)
                    : PayloadPath.Parse(path) is null
                        ? new PayloadPreview(null, localizer[WebhookInputValidator.PathShapeMessage])
                        : PayloadPath.Read(document.RootElement, path) is { } value
                            ? new PayloadPreview(value.Length > 300 ? value[..300] + "…" : value, null)
                            : new PayloadPreview(null, localizer["Nothing at this path in the sample."]);
            }

            Preview = preview;
        }

        return Page();
    }

    /// <summary>Loads what the page needs besides the posted form; false when the webhook (on Edit) does not exist.</summary>
    protected virtual async Task<bool> PrepareAsync(int? id, CancellationToken cancellationToken)
    {
        Credentials = await webhooks.CredentialOptionsAsync(Sandbox.Id, cancellationToken);
        return true;
    }

    /// <summary>Shows a refused save: each error next to its field.</summary>
    protected IActionResult Refused(WebhookResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ModelState.AddFieldErrors(result.FieldErrors, "Input", localizer);
        return Page();
    }

    /// <summary>Where providers reach a webhook: the configured public URL, else this request's own scheme and host.</summary>
    public static string BuildWebhookUrl(HttpRequest request, IOptions<WebhookOptions> options, string pathToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : options.Value.PublicBaseUrl;
        return WebhookOptions.BuildUrl(baseUrl, pathToken);
    }

    /// <summary>The credentials of a vendor (the others are in the page too, hidden by script, for a vendor change).</summary>
    public IEnumerable<WebhookCredentialOption> CredentialsOf(SmsVendor vendor) => Credentials.Where(c => c.Vendor == vendor);
}
