using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Core.Credentials.SinchConversation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Sinch;

public sealed class SinchServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSinchSmsApi();
        services.AddSinchConversation();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task AddSinch_WithoutSettings_UsesSinchsUsHosts()
    {
        await using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<SinchOptions>>().Value;

        Assert.Equal("https://us.sms.api.sinch.com", options.SmsBaseUrl);
        Assert.Equal("https://us.conversation.api.sinch.com", options.ConversationBaseUrl);
        Assert.Equal("https://auth.sinch.com/oauth2/token", options.AuthUrl);
        Assert.Equal(10, options.TimeoutSeconds);
        Assert.IsType<SinchSmsClient>(provider.GetRequiredService<ISinchSmsClient>());
        Assert.NotNull(provider.GetRequiredService<ISinchConversationClient>());
    }

    [Fact]
    public async Task AddSinch_Region_GoesIntoTheTemplate()
    {
        await using var provider = Build(new() { ["Sinch:SmsRegion"] = "EU", ["Sinch:ConversationBaseUrl"] = "https://eu.conversation.api.sinch.com/" });

        var options = provider.GetRequiredService<IOptions<SinchOptions>>().Value;

        Assert.Equal("https://eu.sms.api.sinch.com", options.SmsBaseUrl);
    }

    [Theory]
    [InlineData("Sinch:SmsRegion", "mars")]
    [InlineData("Sinch:SmsBaseUrlTemplate", "{region}.sms.api.sinch.com")]
    [InlineData("Sinch:SmsBaseUrlTemplate", "https://user:pw@{region}.sms.api.sinch.com")]
    [InlineData("Sinch:ConversationBaseUrl", "ftp://us.conversation.api.sinch.com")]
    [InlineData("Sinch:AuthUrl", "https://auth.sinch.com/oauth2/token?x=1")]
    [InlineData("Sinch:TimeoutSeconds", "0")]
    [InlineData("Sinch:TimeoutSeconds", "301")]
    public async Task AddSinch_InvalidSetting_FailsValidation(string key, string value)
    {
        await using var provider = Build(new() { [key] = value });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SinchOptions>>().Value);

        Assert.Contains(key, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSinch_ValidatesOnStart()
    {
        await using var provider = Build(new() { ["Sinch:SmsRegion"] = "xx" });

        Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate);
    }

    [Fact]
    public void AddSinchConversation_Twice_RegistersEachClientOnce()
    {
        var services = new ServiceCollection();
        services.AddSinchConversation();
        services.AddSinchConversation();
        services.AddSinch();

        Assert.Single(services, d => d.ServiceType == typeof(ISinchConversationClient));
        Assert.Single(services, d => d.ServiceType == typeof(ISinchSmsClient));
        Assert.Single(services, d => d.ServiceType == typeof(SinchConversationVerifier));
        Assert.Single(services, d => d.ServiceType == typeof(SinchCredentialVerifier));
    }

    [Fact]
    public void AddSinchMmsAndRcs_RegisterTheirVendorsOnce_OnOneSetOfClients()
    {
        var services = new ServiceCollection();
        services.AddSinch();
        services.AddSinchMms();
        services.AddSinchRcs();
        services.AddSinchRcs();

        Assert.Equal(
            [typeof(SinchVendor), typeof(SinchMmsVendor), typeof(SinchRcsVendor)],
            services.Where(d => d.ServiceType == typeof(Core.Credentials.ICredentialVendor)).Select(d => d.ImplementationType));
        Assert.Single(services, d => d.ServiceType == typeof(ISinchConversationClient));
        Assert.Single(services, d => d.ServiceType == typeof(ISinchSmsClient));
    }
}
