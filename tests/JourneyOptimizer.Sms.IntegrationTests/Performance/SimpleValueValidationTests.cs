using System.Net;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// <see cref="SimpleValueValidation"/>: simple bound values (ids, search texts, cursors) are validated by MVC's own
/// visitor and marked valid, without FluentValidation; input models still go to FluentValidation, whose messages reach
/// the form.
/// </summary>
public sealed class SimpleValueValidationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Stands in for FluentValidation's validator and records what it was asked to validate.</summary>
    private sealed class RecordingValidator(IModelMetadataProvider metadata) : ObjectModelValidator(metadata, [])
    {
        public List<Type> Validated { get; } = [];

        public override void Validate(ActionContext actionContext, ValidationStateDictionary? validationState, string? prefix, object? model,
            ModelMetadata metadata, object? container) => Validated.Add(metadata.ModelType);

        public override ValidationVisitor GetValidationVisitor(ActionContext actionContext, IModelValidatorProvider validatorProvider,
            ValidatorCache validatorCache, IModelMetadataProvider metadataProvider, ValidationStateDictionary? validationState) =>
            throw new InvalidOperationException("not used");
    }

    private (SimpleValueValidation Validation, RecordingValidator Fluent, IModelMetadataProvider Metadata) Build()
    {
        var metadata = factory.Services.GetRequiredService<IModelMetadataProvider>();
        var options = factory.Services.GetRequiredService<IOptions<MvcOptions>>().Value;
        var fluent = new RecordingValidator(metadata);
        return (new SimpleValueValidation(metadata, options.ModelValidatorProviders, fluent, options), fluent, metadata);
    }

    private ActionContext NewActionContext() =>
        new(new DefaultHttpContext { RequestServices = factory.Services }, new RouteData(), new ActionDescriptor());

    [Fact]
    public void The_portal_validates_through_it_with_FluentValidation_inside()
    {
        var validation = Assert.IsType<SimpleValueValidation>(factory.Services.GetRequiredService<IObjectModelValidator>());

        Assert.StartsWith("FluentValidation.", validation.Fluent.GetType().FullName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(string), "prod")]
    [InlineData(typeof(int), 17)]
    [InlineData(typeof(int?), null)]
    public void A_simple_value_is_validated_without_FluentValidation_and_marked_valid(Type type, object? value)
    {
        var (validation, fluent, metadata) = Build();
        var context = NewActionContext();
        context.ModelState.SetModelValue("id", value, value?.ToString());

        validation.Validate(context, new ValidationStateDictionary(), "id", value, metadata.GetMetadataForType(type), container: null);

        Assert.Empty(fluent.Validated);
        Assert.Equal(ModelValidationState.Valid, context.ModelState["id"]!.ValidationState);
        Assert.True(context.ModelState.IsValid);
    }

    [Fact]
    public void An_input_model_goes_to_FluentValidation()
    {
        var (validation, fluent, metadata) = Build();

        validation.Validate(NewActionContext(), new ValidationStateDictionary(), "Input", new TwilioCredentialInput(),
            metadata.GetMetadataForType(typeof(TwilioCredentialInput)), container: null);

        Assert.Equal([typeof(TwilioCredentialInput)], fluent.Validated);
    }

    [Fact]
    public async Task A_form_still_gets_FluentValidations_messages_and_a_list_its_search()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var list = TestData.CredentialsUrl("prod");

        var searched = await client.GetDocumentAsync(list + "?q=nothing-like-this&cursor=zzz");
        Assert.Contains("nothing-like-this", searched.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var form = await client.GetDocumentAsync(list + "/create");
        var response = await client.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Vendor"] = "Twilio",
            ["Input.Twilio.Name"] = "",
            ["Input.Twilio.AccountSid"] = "not a sid",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        var errors = page.QuerySelectorAll("[data-valmsg-for]").Where(e => e.TextContent.Trim().Length > 0)
            .Select(e => e.GetAttribute("data-valmsg-for")).ToList();
        Assert.Contains("Input.Twilio.Name", errors);
        Assert.Contains("Input.Twilio.AccountSid", errors);
    }
}
