using FluentValidation;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Custom;

public sealed class CustomProviderServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        // The vendor (CustomVendor) protects secrets with the portal's protector, which AddSmsCore registers.
        services.AddSingleton<JourneyOptimizer.Sms.Core.Security.ISecretProtector>(new JourneyOptimizer.Sms.Core.Security.DataProtectionSecretProtector(
            new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()));
        services.AddCustomProviders();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AddCustomProviders_Defaults_RefusePrivateNetworksWith15SecondTimeout()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<CustomProvidersOptions>>().Value;

        Assert.False(options.AllowPrivateNetworks);
        Assert.Equal(15, options.TimeoutSeconds);
        Assert.NotNull(provider.GetRequiredService<ICustomProviderClient>());
        var validator = provider.GetRequiredService<IValidator<CustomCredentialInput>>();
        var input = CustomCredentialInputValidatorTests.ValidInput();
        input.ProviderUrl = "https://10.0.0.1/send";
        Assert.False(validator.Validate(input).IsValid);
    }

    [Fact]
    public void AddCustomProviders_BindsTheCustomProvidersSection()
    {
        using var provider = Build(new() { ["CustomProviders:AllowPrivateNetworks"] = "true", ["CustomProviders:TimeoutSeconds"] = "30" });

        var options = provider.GetRequiredService<IOptions<CustomProvidersOptions>>().Value;

        Assert.True(options.AllowPrivateNetworks);
        Assert.Equal(30, options.TimeoutSeconds);
        var input = CustomCredentialInputValidatorTests.ValidInput();
        input.ProviderUrl = "https://10.0.0.1/send";
        Assert.True(provider.GetRequiredService<IValidator<CustomCredentialInput>>().Validate(input).IsValid);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    public void AddCustomProviders_TimeoutOutOfRange_FailsValidation(string timeout)
    {
        using var provider = Build(new() { ["CustomProviders:TimeoutSeconds"] = timeout });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CustomProvidersOptions>>().Value);
    }
}
