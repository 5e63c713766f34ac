using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using Microsoft.AspNetCore.Http;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Custom;

/// <summary>Failures come back as values with plain-English keys, and no secret ever leaves the client.</summary>
public sealed class CustomProviderClientFailureTests
{
    private const string Password = "basic-pässword-SECRET-1";
    private const string SecretHeader = "header-SECRET-2";

    [Fact]
    public async Task SendAsync_ProviderDoesNotAnswerInTime_ReturnsTimeout()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestProviderServer.StartAsync(async (_, context) =>
        {
            received.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var harness = new ClientHarness([server.EndPoint]);

        var sending = harness.SendAsync(TestConfigurations.For(server), CustomProviderSecrets.Empty);
        await received.Task.WaitAsync(TestContext.Current.CancellationToken);
        harness.Time.Advance(TimeSpan.FromSeconds(15));
        var result = await sending;

        Assert.Equal(CustomSendFailure.Timeout, result.Failure);
        Assert.Equal(CustomSendMessages.Timeout, result.Message);
        Assert.Equal([15], result.MessageArguments);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_Throws()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestProviderServer.StartAsync(async (_, context) =>
        {
            received.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var harness = new ClientHarness([server.EndPoint]);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var sending = harness.Client.SendAsync(TestConfigurations.For(server), CustomProviderSecrets.Empty, "+1", "+2", "m", cancellation.Token);
        await received.Task.WaitAsync(TestContext.Current.CancellationToken);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public async Task SendAsync_UntrustedServerCertificate_ReturnsTlsError()
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness([server.EndPoint], trustTestServer: false);

        var result = await harness.SendAsync(TestConfigurations.For(server), CustomProviderSecrets.Empty);

        Assert.Equal(CustomSendFailure.TlsError, result.Failure);
        Assert.Equal(CustomSendMessages.TlsError, result.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SendAsync_NothingListening_ReturnsConnectionFailed()
    {
        // A port that is bound but not listening: connecting is refused, and no other test can take the port meanwhile.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var endpoint = (IPEndPoint)socket.LocalEndPoint!;
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness([endpoint]);
        var config = TestConfigurations.For(server) with { ProviderUrl = $"https://127.0.0.1:{endpoint.Port}/send" };

        var result = await harness.SendAsync(config, CustomProviderSecrets.Empty);

        Assert.Equal(CustomSendFailure.ConnectionFailed, result.Failure);
        Assert.Equal(CustomSendMessages.ConnectionFailed, result.Message);
    }

    [Fact]
    public async Task SendAsync_ErrorAnswerEchoingSecrets_ReturnsHttpErrorWithRedactedShortExcerpt()
    {
        await using var server = await TestProviderServer.StartAsync(EchoEverything(422));
        await using var harness = new ClientHarness([server.EndPoint]);
        var (config, secrets) = BasicCredential(server);

        var result = await harness.SendAsync(config, secrets);

        Assert.Equal(CustomSendFailure.HttpError, result.Failure);
        Assert.Equal(422, result.StatusCode);
        Assert.Equal(CustomSendMessages.HttpError, result.Message);
        Assert.Equal([422], result.MessageArguments);
        Assert.NotNull(result.ResponseExcerpt);
        Assert.True(result.ResponseExcerpt.Length <= CustomSendResult.MaxExcerptLength);
        Assert.Contains(CustomSendMessages.Redacted, result.ResponseExcerpt, StringComparison.Ordinal);
        Assert.StartsWith("{\"error\":\"rejected\"", result.ResponseExcerpt, StringComparison.Ordinal);
        AssertNoSecret(result.ToString(), secrets, config);
        AssertNoSecret(result.ResponseExcerpt, secrets, config);
    }

    [Fact]
    public async Task SendAsync_LongErrorAnswer_IsCutTo300CharactersWithWhitespaceCollapsed()
    {
        var answer = "line one\r\n\r\n   line two\t" + new string('x', 1000);
        await using var server = await TestProviderServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsync(answer);
        });
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(TestConfigurations.For(server), CustomProviderSecrets.Empty);

        Assert.Equal(500, result.StatusCode);
        Assert.Equal(300, result.ResponseExcerpt!.Length);
        Assert.StartsWith("line one line two xxx", result.ResponseExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_EveryAuthType_NeverLogsOrReturnsASecret()
    {
        await using var server = await TestProviderServer.StartAsync(EchoEverything(400));
        await using var mtlsServer = await TestProviderServer.StartAsync(EchoEverything(401), requireClientCertificate: true);
        await using var harness = new ClientHarness([server.EndPoint, mtlsServer.EndPoint]);
        var results = new List<(CustomSendResult Result, CustomProviderSecrets Secrets, CustomProviderConfiguration Config)>();

        var basic = BasicCredential(server);
        results.Add((await harness.SendAsync(basic.Config, basic.Secrets), basic.Secrets, basic.Config));
        foreach (var (config, secrets) in OtherCredentials(server))
        {
            results.Add((await harness.SendAsync(config, secrets), secrets, config));
        }

        var (mtlsConfig, mtlsSecrets) = CustomProviderClientWireTests.MtlsCredential(mtlsServer, CustomAuthType.Bearer);
        mtlsSecrets = new CustomProviderSecrets { BearerToken = "mtls-bearer-SECRET-9", ClientPrivateKeyPem = mtlsSecrets.ClientPrivateKeyPem };
        results.Add((await harness.SendAsync(mtlsConfig, mtlsSecrets), mtlsSecrets, mtlsConfig));

        Assert.All(results, r => Assert.Equal(CustomSendFailure.HttpError, r.Result.Failure));
        Assert.All(results, r => Assert.Contains(CustomSendMessages.Redacted, r.Result.ResponseExcerpt!, StringComparison.Ordinal));
        var logs = string.Join("\n", harness.Logs.Entries);
        Assert.Contains("send failed", logs, StringComparison.Ordinal);
        Assert.Contains("HTTP request", logs, StringComparison.Ordinal);   // IHttpClientFactory's own log lines are captured too
        foreach (var (result, secrets, config) in results)
        {
            AssertNoSecret(result.ToString(), secrets, config);
            AssertNoSecret(logs, secrets, config);
        }
    }

    private static Func<RecordedRequest, HttpContext, Task> EchoEverything(int status) => (request, context) =>
    {
        // A provider that puts the whole request, headers included, into its error answer.
        var echo = JsonSerializer.Serialize(new { error = "rejected", request.Headers, body = request.BodyText, request.PathAndQuery });
        return TestProviderServer.Json(context, status, echo);
    };

    private static (CustomProviderConfiguration Config, CustomProviderSecrets Secrets) BasicCredential(TestProviderServer server) =>
        (TestConfigurations.For(server, CustomAuthType.Basic) with
        {
            BasicUserName = "portal",
            Headers = [new CustomHeader("X-Signature", null, true)],
        },
        new CustomProviderSecrets
        {
            BasicPassword = Password,
            HeaderValues = new Dictionary<string, string> { ["X-Signature"] = SecretHeader },
        });

    private static IEnumerable<(CustomProviderConfiguration, CustomProviderSecrets)> OtherCredentials(TestProviderServer server)
    {
        yield return (TestConfigurations.For(server, CustomAuthType.ApiKey) with { ApiKeyHeaderName = "X-Api-Key" },
            new CustomProviderSecrets { ApiToken = "api-key-SECRET-3" });
        yield return (TestConfigurations.For(server, CustomAuthType.Bearer), new CustomProviderSecrets { BearerToken = "bearer-SECRET-4" });
        yield return (TestConfigurations.For(server, CustomAuthType.Jwt) with { JwtPayload = """{"sub":"portal"}""" },
            new CustomProviderSecrets { ApiToken = "jwt-key-SECRET-5" });
        yield return (TestConfigurations.For(server, CustomAuthType.Mac) with { MacHashFormat = MacHashAlgorithm.HmacSha256 },
            new CustomProviderSecrets { ApiToken = "mac-id-SECRET-6", ApiSecretKey = "mac-key-SECRET-7" });
    }

    private static void AssertNoSecret(string text, CustomProviderSecrets secrets, CustomProviderConfiguration config)
    {
        foreach (var secret in secrets.ByField().Values)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        if (config.AuthType == CustomAuthType.Basic)
        {
            var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{config.BasicUserName}:{secrets.BasicPassword}"));
            Assert.DoesNotContain(encoded, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Bearer ey", text, StringComparison.Ordinal);   // no JWT
        Assert.DoesNotMatch(@"sig=(\\u0022|\\""|"")(?!\[redacted\])", text);   // no MAC signature
    }
}
