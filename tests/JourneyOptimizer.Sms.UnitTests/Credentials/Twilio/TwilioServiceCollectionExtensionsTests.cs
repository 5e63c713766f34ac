using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

public sealed class TwilioServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddTwilio();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddTwilio_WithoutSettings_UsesTwilioDefaults()
    {
        await using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<TwilioOptions>>().Value;

        Assert.Equal("https://api.twilio.com", options.ApiBaseUrl);
        Assert.Equal("https://messaging.twilio.com", options.MessagingBaseUrl);
        Assert.Equal(10, options.TimeoutSeconds);
        Assert.IsType<TwilioClient>(provider.GetRequiredService<ITwilioClient>());
        Assert.NotNull(provider.GetRequiredService<TwilioCredentialVerifier>());
    }

    [Fact]
    public async Task AddTwilio_BindsTheTwilioSection()
    {
        await using var provider = Build(new()
        {
            ["Twilio:ApiBaseUrl"] = "https://api.dublin.ie1.twilio.com",
            ["Twilio:MessagingBaseUrl"] = "http://127.0.0.1:4011/",
            ["Twilio:TimeoutSeconds"] = "3",
        });

        var options = provider.GetRequiredService<IOptions<TwilioOptions>>().Value;

        Assert.Equal("https://api.dublin.ie1.twilio.com", options.ApiBaseUrl);
        Assert.Equal("http://127.0.0.1:4011/", options.MessagingBaseUrl);
        Assert.Equal(3, options.TimeoutSeconds);
        Assert.Equal(TimeSpan.FromSeconds(3 * 3 + (2 * 5)), TwilioClient.TotalTimeout(options));
    }

    [Theory]
    [InlineData("Twilio:TimeoutSeconds", "0")]
    [InlineData("Twilio:TimeoutSeconds", "-5")]
    [InlineData("Twilio:TimeoutSeconds", "301")]
    [InlineData("Twilio:ApiBaseUrl", "api.twilio.com")]
    [InlineData("Twilio:ApiBaseUrl", "ftp://api.twilio.com")]
    [InlineData("Twilio:MessagingBaseUrl", "https://messaging.twilio.com/?x=1")]
    [InlineData("Twilio:MessagingBaseUrl", "https://user:secret@messaging.twilio.com")]
    [InlineData("Twilio:MessagingBaseUrl", "")]
    public async Task AddTwilio_InvalidSetting_FailsValidation(string key, string value)
    {
        await using var provider = Build(new() { [key] = value });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TwilioOptions>>().Value);

        Assert.Contains(key, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTwilio_ValidatesOnStart()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Twilio:TimeoutSeconds"] = "0" }).Build());
        services.AddTwilio();
        await using var provider = services.BuildServiceProvider();

        var startup = provider.GetRequiredService<IStartupValidator>();

        Assert.Throws<OptionsValidationException>(startup.Validate);
    }

    [Theory]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC1.json?PageSize=1", "https://api.twilio.test/", "https://api.twilio.test/2010-04-01/Accounts/AC1.json?PageSize=1")]
    [InlineData("https://messaging.twilio.com/v1/Services/MG1/PhoneNumbers?Page=1", "https://messaging.twilio.test", "https://messaging.twilio.test/v1/Services/MG1/PhoneNumbers?Page=1")]
    [InlineData("https://messaging.twilio.com/v1/Services?x=%2B1", "http://127.0.0.1:4011/", "http://127.0.0.1:4011/v1/Services?x=%2B1")]
    [InlineData("http://127.0.0.1:4011/v1/Services?Page=2", "http://127.0.0.1:4011", "http://127.0.0.1:4011/v1/Services?Page=2")]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts.json", "https://api.twilio.com", "https://api.twilio.com/2010-04-01/Accounts.json")]
    public void BaseUrlHandler_SendsTwilioHostsToTheConfiguredOnes(string requested, string configured, string expected)
    {
        var options = new TwilioOptions { ApiBaseUrl = configured.Contains("messaging", StringComparison.Ordinal) ? "https://api.twilio.test" : configured, MessagingBaseUrl = configured };

        Assert.Equal(expected, TwilioBaseUrlHandler.Rewrite(new Uri(requested), options).AbsoluteUri);
    }

    [Theory]
    [InlineData("https://evil.example/v1/Services")]
    [InlineData("https://api.twilio.com.evil.example/2010-04-01/Accounts.json")]
    [InlineData("http://127.0.0.1:9999/v1/Services")]
    public void BaseUrlHandler_RefusesAnyOtherHost(string requested)
    {
        var options = new TwilioOptions { ApiBaseUrl = "http://127.0.0.1:4010", MessagingBaseUrl = "http://127.0.0.1:4011" };

        Assert.Throws<HttpRequestException>(() => TwilioBaseUrlHandler.Rewrite(new Uri(requested), options));
    }
}
