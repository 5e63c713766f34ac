using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Localization;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>The rendering and database settings of production: what each one must still do, and that it is in force.</summary>
public sealed class RenderingSettingsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Chinese_pages_carry_their_characters_while_markup_in_user_input_stays_encoded()
    {
        var prod = await TestData.SandboxAsync(factory, "prod");
        var name = "渠道 <b>&\"Ação\"";
        var input = TestData.Twilio(name);
        await TestData.CreateTwilioAsync(factory, prod.Id, input, saveWithoutVerification: true);
        using var client = await LocalizedClient.SignedInAsync(factory, PortalCultures.ChineseSimplified);

        using var response = await client.Http.GetAsync(new Uri(TestData.CredentialsUrl("prod") + "?q=" + Uri.EscapeDataString("渠道"), UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        // Translations and names are written as characters, not as &#x...; entities.
        Assert.Contains(LocalizedClient.T(PortalCultures.ChineseSimplified, "Skip to content"), html, StringComparison.Ordinal);
        Assert.Contains("渠道 &lt;b&gt;&amp;&quot;Ação&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>&", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x6E20;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tests_keep_EF_thread_safety_checks_on()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();

        Assert.True(db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.ThreadSafetyChecksEnabled);
    }

    [Fact]
    public async Task Production_configuration_turns_EF_thread_safety_checks_off()
    {
        await using var production = new PortalFactory
        {
            Options = new() { Settings = new Dictionary<string, string?> { ["Database:ThreadSafetyChecks"] = "false" } },
        };
        await using var scope = production.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();

        Assert.False(db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.ThreadSafetyChecksEnabled);
        // What production runs: appsettings.json, which every environment reads first, says so.
        var appsettings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        Assert.Contains("\"ThreadSafetyChecks\": false", await File.ReadAllTextAsync(appsettings), StringComparison.Ordinal);
    }
}
