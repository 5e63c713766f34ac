using FluentValidation.AspNetCore;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Localization;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static JourneyOptimizer.Sms.IntegrationTests.Localization.LocalizedClient;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// <see cref="ReusableFluentClientValidators"/>: FluentValidation's client adapters are kept by MVC across requests, and
/// the same adapters still write each request's messages in that request's language.
/// </summary>
public sealed class ReusableFluentClientValidatorsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string Create = TestData.CredentialsUrl("prod") + "/create";

    private static async Task<Dictionary<string, string>> ClientMessagesAsync(PortalClient client)
    {
        var form = await GetPageAsync(client, Create);
        return form.QuerySelectorAll("main [data-val=true]")
            .SelectMany(e => e.Attributes.Where(a => a.Name.StartsWith("data-val-", StringComparison.Ordinal))
                .Select(a => (Key: e.GetAttribute("name") + " " + a.Name, a.Value)))
            .ToDictionary(p => p.Key, p => p.Value);
    }

    [Fact]
    public void FluentValidations_provider_is_wrapped_and_its_adapters_are_reusable()
    {
        var providers = factory.Services.GetRequiredService<IOptions<MvcViewOptions>>().Value.ClientModelValidatorProviders;
        Assert.DoesNotContain(providers, p => p is FluentValidationClientModelValidatorProvider);
        var wrapped = Assert.Single(providers.OfType<ReusableFluentClientValidators>());
        Assert.IsType<FluentValidationClientModelValidatorProvider>(wrapped.Inner);

        // The adapters of a field of the credential form, as MVC asks for them while rendering it.
        using var scope = factory.Services.CreateScope();
        factory.Services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        try
        {
            var metadata = factory.Services.GetRequiredService<IModelMetadataProvider>()
                .GetMetadataForProperty(typeof(TwilioCredentialInput), nameof(TwilioCredentialInput.Name));
            var context = new ClientValidatorProviderContext(metadata, []);
            wrapped.CreateValidators(context);

            Assert.NotEmpty(context.Results);
            Assert.All(context.Results, item => Assert.True(item.IsReusable));
        }
        finally
        {
            factory.Services.GetRequiredService<IHttpContextAccessor>().HttpContext = null;
        }
    }

    [Fact]
    public async Task Each_request_gets_the_messages_in_its_own_language()
    {
        using var english = await SignedInAsync(factory, "en");
        using var chinese = await SignedInAsync(factory, "zh-Hans");

        var first = await ClientMessagesAsync(english);
        var zh = await ClientMessagesAsync(chinese);
        var again = await ClientMessagesAsync(english);

        Assert.Equal("Enter a name.", first["Input.Twilio.Name data-val-required"]);
        Assert.Equal(T("zh-Hans", "Enter a name."), zh["Input.Twilio.Name data-val-required"]);
        Assert.Equal(first, again);
        Assert.Equal(first.Keys.Order(), zh.Keys.Order());
        Assert.All(first.Keys.Where(k => k.Contains("data-val-", StringComparison.Ordinal) && first[k].Length > 0 && k.Count(c => c == '-') == 2),
            k => Assert.NotEqual(first[k], zh[k]));
    }
}
