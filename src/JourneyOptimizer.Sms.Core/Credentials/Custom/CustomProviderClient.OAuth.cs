using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>OAuth client credentials: the access token fetched, cached and fetched again once after a 401.</summary>
internal sealed partial class CustomProviderClient
{
    /// <summary>Makes sure <see cref="Exchange.AccessToken"/> is set; returns the failure when no token could be had.</summary>
    private async Task<CustomSendResult?> FetchAccessTokenAsync(HttpClient http, Exchange exchange, string? forget,
        CancellationToken cancellationToken)
    {
        var config = exchange.Config;
        var tokenUrl = config.OAuthUrl ?? throw new InvalidOperationException("The Custom provider credential has no OAuth URL.");
        var oauthBody = Required(exchange.Secrets.OAuthBody);
        var key = OAuthTokenCache.KeyOf(tokenUrl, oauthBody);
        if (forget is not null)
        {
            _tokens.Forget(key, forget);
        }

        if (_tokens.Find(key) is { } cached)
        {
            exchange.SetAccessToken(cached);
            return null;
        }

        var gate = _tokens.LockFor(key);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_tokens.Find(key) is { } fresh)
            {
                exchange.SetAccessToken(fresh);
                return null;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl)
            {
                Content = new FormUrlEncodedContent(OAuthFormFields(oauthBody)),
            };
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is < 200 or >= 300)
            {
                var excerpt = await ExcerptAsync(response.Content, exchange.Redactor, cancellationToken);
                return CustomSendResult.Fail(CustomSendFailure.HttpError, CustomSendMessages.OAuthHttpError, status, excerpt, status);
            }

            var (data, complete) = await ReadBoundedAsync(response.Content, MaxResponseBytes, cancellationToken);
            string? token = null;
            TimeSpan? expiresIn = null;
            if (complete)
            {
                try
                {
                    using var json = JsonDocument.Parse(data);
                    if (json.RootElement.ValueKind == JsonValueKind.Object && JsonStrings.AreUnicode(data))
                    {
                        if (json.RootElement.TryGetProperty("access_token", out var accessToken) && accessToken.ValueKind == JsonValueKind.String)
                        {
                            token = accessToken.GetString();
                        }

                        if (json.RootElement.TryGetProperty("expires_in", out var expires))
                        {
                            expiresIn = ReadSeconds(expires);
                        }
                    }
                }
                catch (JsonException)
                {
                    token = null;
                }
            }

            if (string.IsNullOrWhiteSpace(token) || !HttpSyntax.IsVisibleAscii(token))
            {
                return CustomSendResult.Fail(CustomSendFailure.InvalidResponse, CustomSendMessages.OAuthNoAccessToken, status);
            }

            _tokens.Store(key, token, expiresIn);
            exchange.SetAccessToken(token);
            return null;
        }
        finally
        {
            gate.Release();
        }
    }

    private static TimeSpan? ReadSeconds(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, (long)TimeSpan.FromDays(365).TotalSeconds));
        }

        // Some servers send the number as a string.
        return value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? TimeSpan.FromSeconds(Math.Clamp(parsed, 0, (long)TimeSpan.FromDays(365).TotalSeconds))
            : null;
    }

    /// <summary>The OAuth Body as form fields: every property, its text as is (numbers and true/false as their JSON text).</summary>
    private static List<KeyValuePair<string, string>> OAuthFormFields(string oauthBody)
    {
        using var json = JsonDocument.Parse(oauthBody);
        return json.RootElement.EnumerateObject()
            .Select(p => new KeyValuePair<string, string>(p.Name,
                p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))
            .ToList();
    }
}
