using System.Net;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Custom;

/// <summary>
/// The address guard at connect time. Every target that a test lets the client try is on this machine (loopback):
/// private and metadata addresses elsewhere are checked through <see cref="SsrfGuard.ResolveAllowedAsync"/>, which
/// never connects.
/// </summary>
public sealed class CustomProviderClientSsrfTests
{
    [Theory]
    [InlineData("https://127.0.0.1:{0}/send")]
    [InlineData("https://[::1]:{0}/send")]
    [InlineData("https://[::ffff:127.0.0.1]:{0}/send")]
    [InlineData("https://localhost:{0}/send")]
    [InlineData("https://127.0.0.2:{0}/send")]
    public async Task SendAsync_LoopbackTargetNotAllowed_IsRefusedBeforeAnythingIsSent(string urlFormat)
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness(allowedEndpoints: []);
        var config = TestConfigurations.For(server) with { ProviderUrl = string.Format(System.Globalization.CultureInfo.InvariantCulture, urlFormat, server.Port) };

        var result = await harness.SendAsync(config, CustomProviderSecrets.Empty);

        Assert.Equal(CustomSendFailure.RefusedTarget, result.Failure);
        Assert.Equal(CustomSendMessages.RefusedTarget, result.Message);
        Assert.Null(result.StatusCode);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SendAsync_HostNameThatResolvesToLoopback_IsRefused()
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness(allowedEndpoints: [],
            resolveHost: (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));
        var config = TestConfigurations.For(server) with { ProviderUrl = $"https://sms.rebinding.test:{server.Port}/send" };

        var result = await harness.SendAsync(config, CustomProviderSecrets.Empty);

        Assert.Equal(CustomSendFailure.RefusedTarget, result.Failure);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SendAsync_AllowedEndpointHook_LetsOnlyThatEndpointThrough()
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness([server.EndPoint],
            resolveHost: (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));
        var config = TestConfigurations.For(server) with { ProviderUrl = $"https://localhost:{server.Port}/send" };

        var byName = await harness.SendAsync(TestConfigurations.For(server) with { ProviderUrl = $"https://sms.provider.test:{server.Port}/send" },
            CustomProviderSecrets.Empty);
        var localhost = await harness.SendAsync(config, CustomProviderSecrets.Empty);

        Assert.Equal(CustomSendFailure.TlsError, byName.Failure);   // connected; the certificate does not name sms.provider.test
        Assert.Equal(CustomSendFailure.RefusedTarget, localhost.Failure);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SendAsync_AllowPrivateNetworks_ConnectsToLoopback()
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness(allowedEndpoints: [], allowPrivateNetworks: true);

        var result = await harness.SendAsync(TestConfigurations.For(server) with { ProviderUrl = $"https://localhost:{server.Port}/send" },
            CustomProviderSecrets.Empty);

        Assert.True(result.Succeeded, result.Message);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("https://127.0.0.1:{0}/steal")]
    [InlineData("https://internal.test:{0}/steal")]
    [InlineData("https://localhost:{0}/steal")]
    [InlineData("https://[::1]:{0}/steal")]
    public async Task SendAsync_RedirectFromAllowedServerToPrivateTarget_IsRefusedAndTheTargetSeesNothing(string targetFormat)
    {
        await using var target = await TestProviderServer.StartAsync();
        var location = string.Format(System.Globalization.CultureInfo.InvariantCulture, targetFormat, target.Port);
        await using var server = await TestProviderServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        });
        await using var harness = new ClientHarness([server.EndPoint],
            resolveHost: (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));

        var result = await harness.SendAsync(TestConfigurations.For(server, CustomAuthType.Bearer),
            new CustomProviderSecrets { BearerToken = "bearer-never-leaks" });

        Assert.Equal(CustomSendFailure.RefusedTarget, result.Failure);
        Assert.Single(server.Requests);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task SendAsync_RedirectToHttp_IsRefused()
    {
        await using var server = await TestProviderServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = "http://api.acme.example/send";
            return Task.CompletedTask;
        });
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(TestConfigurations.For(server), CustomProviderSecrets.Empty);

        Assert.Equal(CustomSendFailure.RefusedTarget, result.Failure);
        Assert.Equal(CustomSendMessages.RedirectNotHttps, result.Message);
        Assert.Equal(301, result.StatusCode);
    }

    [Fact]
    public async Task SendAsync_SameOriginRedirects_AreFollowedWithMethodBodyAndCredentials()
    {
        await using var server = await TestProviderServer.StartAsync((request, context) =>
        {
            if (request.PathAndQuery == "/final")
            {
                return TestProviderServer.Json(context, 200, """{"id":"after-redirects"}""");
            }

            context.Response.StatusCode = request.PathAndQuery == "/send" ? 308 : 302;
            context.Response.Headers.Location = request.PathAndQuery == "/send" ? "/moved" : "final";
            return Task.CompletedTask;
        });
        await using var harness = new ClientHarness([server.EndPoint]);
        var config = TestConfigurations.For(server, CustomAuthType.ApiKey) with { ApiKeyHeaderName = "X-API-Key" };

        var result = await harness.SendAsync(config, new CustomProviderSecrets { ApiToken = "api-key-1" }, "redirected");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("after-redirects", result.MessageId);
        Assert.Equal(["/send", "/moved", "/final"], server.Requests.Select(r => r.PathAndQuery));
        Assert.All(server.Requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal("api-key-1", r.Header("X-API-Key"));
            Assert.Contains("redirected", r.BodyText, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SendAsync_RedirectToAnotherAllowedOrigin_SendsTheBodyButNoCredentials()
    {
        await using var other = await TestProviderServer.StartAsync();
        await using var server = await TestProviderServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = other.Url("/elsewhere");
            return Task.CompletedTask;
        });
        await using var harness = new ClientHarness([server.EndPoint, other.EndPoint]);
        var config = TestConfigurations.For(server, CustomAuthType.Bearer) with
        {
            Headers = [new CustomHeader("X-Secret", null, true), new CustomHeader("X-Plain", "p", false)],
        };
        var secrets = new CustomProviderSecrets
        {
            BearerToken = "bearer-stays-home",
            HeaderValues = new Dictionary<string, string> { ["X-Secret"] = "secret-stays-home" },
        };

        var result = await harness.SendAsync(config, secrets);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("Bearer bearer-stays-home", Assert.Single(server.Requests).Header("Authorization"));
        var moved = Assert.Single(other.Requests);
        Assert.Null(moved.Header("Authorization"));
        Assert.Null(moved.Header("X-Secret"));
        Assert.Equal("p", moved.Header("X-Plain"));
        Assert.Contains("Hello", moved.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_303_FollowsWithGetAndNoBody()
    {
        await using var server = await TestProviderServer.StartAsync((request, context) =>
        {
            if (request.PathAndQuery == "/status/1")
            {
                return TestProviderServer.Json(context, 200, """{"id":"see-other"}""");
            }

            context.Response.StatusCode = 303;
            context.Response.Headers.Location = "/status/1";
            return Task.CompletedTask;
        });
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(TestConfigurations.For(server), CustomProviderSecrets.Empty);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("see-other", result.MessageId);
        var get = server.Requests[1];
        Assert.Equal("GET", get.Method);
        Assert.Empty(get.Body);
    }

    [Fact]
    public async Task SendAsync_MoreThanThreeRedirects_StopsWithInvalidResponse()
    {
        await using var server = await TestProviderServer.StartAsync((request, context) =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = "/loop";
            return Task.CompletedTask;
        });
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(TestConfigurations.For(server), CustomProviderSecrets.Empty);

        Assert.Equal(CustomSendFailure.InvalidResponse, result.Failure);
        Assert.Equal(CustomSendMessages.TooManyRedirects, result.Message);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_RedirectWithoutLocation_IsInvalidResponse()
    {
        await using var server = await TestProviderServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 302;
            return Task.CompletedTask;
        });
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(TestConfigurations.For(server), CustomProviderSecrets.Empty);

        Assert.Equal(CustomSendFailure.InvalidResponse, result.Failure);
        Assert.Equal(CustomSendMessages.RedirectWithoutLocation, result.Message);
    }

    [Fact]
    public async Task SendAsync_OAuthUrlOnAPrivateAddress_IsRefusedBeforeTheSend()
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness([server.EndPoint]);
        var config = TestConfigurations.For(server, CustomAuthType.OAuth) with { OAuthUrl = $"https://localhost:{server.Port}/token" };
        var secrets = new CustomProviderSecrets { OAuthBody = """{"grant_type":"client_credentials","client_id":"a","client_secret":"b"}""" };

        var result = await harness.SendAsync(config, secrets);

        Assert.Equal(CustomSendFailure.RefusedTarget, result.Failure);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("10.255.255.255")]
    [InlineData("172.31.255.1")]
    [InlineData("192.168.0.10")]
    [InlineData("100.100.100.100")]
    [InlineData("169.254.169.254")]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::abcd")]
    public async Task ResolveAllowedAsync_HostResolvingToAPrivateAddress_IsRefused(string address)
    {
        var guard = Guard(allowPrivate: false, IPAddress.Parse(address));

        await Assert.ThrowsAsync<RefusedTargetException>(() =>
            guard.ResolveAllowedAsync("metadata.test", 443, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ResolveAllowedAsync_OnePrivateAddressAmongPublicOnes_RefusesTheHost()
    {
        var guard = Guard(allowPrivate: false, IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.0.0.1"));

        await Assert.ThrowsAsync<RefusedTargetException>(() =>
            guard.ResolveAllowedAsync("mixed.test", 443, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("169.254.169.254")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task ResolveAllowedAsync_LiteralPrivateAddress_IsRefusedWithoutDns(string host)
    {
        var guard = Guard(allowPrivate: false);

        await Assert.ThrowsAsync<RefusedTargetException>(() =>
            guard.ResolveAllowedAsync(host, 443, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ResolveAllowedAsync_PublicAddresses_AreReturned()
    {
        var guard = Guard(allowPrivate: false, IPAddress.Parse("93.184.216.34"), IPAddress.Parse("2606:2800:220:1:248:1893:25c8:1946"));

        var addresses = await guard.ResolveAllowedAsync("example.test", 443, TestContext.Current.CancellationToken);

        Assert.Equal(2, addresses.Length);
    }

    [Fact]
    public async Task ResolveAllowedAsync_PrivateAddressWhenAllowed_IsReturned()
    {
        var guard = Guard(allowPrivate: true, IPAddress.Parse("10.0.0.5"));

        var addresses = await guard.ResolveAllowedAsync("intranet.test", 443, TestContext.Current.CancellationToken);

        Assert.Equal([IPAddress.Parse("10.0.0.5")], addresses);
    }

    private static SsrfGuard Guard(bool allowPrivate, params IPAddress[] answer) =>
        new(Options.Create(new CustomProvidersOptions { AllowPrivateNetworks = allowPrivate }),
            new CustomProviderTestHooks { ResolveHost = (_, _) => Task.FromResult(answer) });
}
