using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// The HTTP side of the client: one request with its answer or failure, Twilio's error classes, and the walk through
/// paged lists on the configured host only.
/// </summary>
public sealed partial class TwilioClient
{
    /// <summary>
    /// Sends one request and reads a 2xx answer as <typeparamref name="TDto"/>. Any 2xx is success (Twilio answers
    /// 201 to creates, Prism 200). Exposed to the tests so that they can send deliberately wrong requests.
    /// </summary>
    internal async Task<TwilioResult<TDto>> SendAsync<TDto>(string operation, HttpMethod method, Uri uri,
        TwilioApiCredentials credentials, IReadOnlyList<KeyValuePair<string, string>>? form, CancellationToken cancellationToken)
        where TDto : class
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = BasicAuthentication(credentials);
        request.Headers.Accept.Add(JsonMediaType);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            // OperationCanceledException without the caller's cancellation is HttpClient.Timeout.
            LogUnreachable(logger, operation, exception.GetType().Name, exception);
            return TwilioResult.Fail<TDto>(new TwilioFailure(TwilioFailureKind.Unreachable));
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    var dto = await response.Content.ReadFromJsonAsync<TDto>(TwilioJson.Options, cancellationToken);
                    if (dto is not null)
                    {
                        LogAnswered(logger, operation, status);
                        return TwilioResult.Success(dto);
                    }
                }
                catch (Exception exception) when (exception is JsonException or NotSupportedException)
                {
                    // Not the JSON that was asked for (a proxy's page, a truncated body): nothing usable came back.
                }

                LogUnexpectedBody(logger, operation, status);
                return TwilioResult.Fail<TDto>(new TwilioFailure(TwilioFailureKind.Unreachable, status));
            }

            var error = await ReadErrorAsync(response, cancellationToken);
            var failure = MapError(method, response.StatusCode, error);
            LogFailed(logger, operation, status, failure.Code, failure.Kind);
            return TwilioResult.Fail<TDto>(failure);
        }
    }

    /// <summary>How a non-2xx answer is classified. Branches on Twilio's <c>code</c>, then on the HTTP status.</summary>
    internal static TwilioFailure MapError(HttpMethod method, HttpStatusCode statusCode, TwilioErrorDto? error)
    {
        var status = (int)statusCode;
        var code = error?.NumericCode;
        var kind = status switch
        {
            >= 500 => TwilioFailureKind.Unreachable,
            // A GET has already been retried by the resilience handler (or the wait asked for was too long).
            429 => method == HttpMethod.Get ? TwilioFailureKind.Unreachable : TwilioFailureKind.RateLimited,
            _ when code == 20429 => method == HttpMethod.Get ? TwilioFailureKind.Unreachable : TwilioFailureKind.RateLimited,
            401 => TwilioFailureKind.Unauthorized,
            _ when code == 20003 => TwilioFailureKind.Unauthorized,
            404 => TwilioFailureKind.NotFound,
            _ when code == 20404 => TwilioFailureKind.NotFound,
            _ => TwilioFailureKind.Rejected,
        };
        return new TwilioFailure(kind, status, code, error?.Message ?? error?.Detail, error?.MoreInfo);
    }

    private static async Task<TwilioErrorDto?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '{')
            {
                return null;
            }

            return JsonSerializer.Deserialize<TwilioErrorDto>(text, TwilioJson.Options);
        }
        catch (Exception exception) when (exception is JsonException or HttpRequestException or IOException)
        {
            return null;
        }
    }

    private async Task<TwilioResult<bool>> WalkV2010Async<TPage, TItem>(string operation, Uri first,
        TwilioApiCredentials credentials, Func<TPage, List<TItem>?> items, Func<TItem, bool> stopAt, CancellationToken cancellationToken)
        where TPage : V2010PageDto
    {
        return await WalkAsync(operation, first, credentials, items, page => ResolveNextPage(settings.ApiBaseUrl, page.NextPageUri),
            stopAt, cancellationToken);
    }

    private async Task<TwilioResult<bool>> WalkV1Async<TPage>(string operation, Uri first, TwilioApiCredentials credentials,
        Func<TPage, List<ServiceSenderDto>?> items, Func<ServiceSenderDto, bool> stopAt, CancellationToken cancellationToken)
        where TPage : V1PageDto
    {
        return await WalkAsync(operation, first, credentials, items,
            page => ResolveNextPage(settings.MessagingBaseUrl, page.Meta?.NextPageUrl), stopAt, cancellationToken);
    }

    /// <summary>Reads page after page until <paramref name="stopAt"/> says so or there is no next page.</summary>
    private async Task<TwilioResult<bool>> WalkAsync<TPage, TItem>(string operation, Uri first, TwilioApiCredentials credentials,
        Func<TPage, List<TItem>?> items, Func<TPage, Uri?> next, Func<TItem, bool> stopAt, CancellationToken cancellationToken)
        where TPage : class
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Uri? uri = first;
        for (var pages = 0; uri is not null && pages < MaxPages && seen.Add(uri.AbsoluteUri); pages++)
        {
            var page = await SendAsync<TPage>(operation, HttpMethod.Get, uri, credentials, null, cancellationToken);
            if (!page.Succeeded)
            {
                return TwilioResult.Fail<bool>(page.Failure);
            }

            foreach (var item in items(page.Value!) ?? [])
            {
                if (stopAt(item))
                {
                    return TwilioResult.Success(true);
                }
            }

            uri = next(page.Value!);
        }

        return TwilioResult.Success(false);
    }

    private async Task<TwilioResult<TModel>> SendAsync<TDto, TModel>(string operation, HttpMethod method, Uri uri,
        TwilioApiCredentials credentials, IReadOnlyList<KeyValuePair<string, string>>? form, Func<TDto, TModel> map,
        CancellationToken cancellationToken)
        where TDto : class
    {
        var result = await SendAsync<TDto>(operation, method, uri, credentials, form, cancellationToken);
        return result.Succeeded ? TwilioResult.Success(map(result.Value!)) : TwilioResult.Fail<TModel>(result.Failure);
    }

    /// <summary>
    /// The next page on the configured host. v2010's <c>next_page_uri</c> is relative; v1's <c>next_page_url</c> is
    /// absolute, and only its path and query are kept, so the credentials never go to a host that is not configured.
    /// </summary>
    internal static Uri? ResolveNextPage(string baseUrl, string? next)
    {
        if (string.IsNullOrWhiteSpace(next))
        {
            return null;
        }

        string pathAndQuery;
        if (next.StartsWith('/'))
        {
            pathAndQuery = next;
        }
        else if (Uri.TryCreate(next, UriKind.Absolute, out var absolute)
            && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
        {
            pathAndQuery = absolute.PathAndQuery;
        }
        else
        {
            return null;
        }

        return Uri.TryCreate(baseUrl.TrimEnd('/') + pathAndQuery, UriKind.Absolute, out var resolved) ? resolved : null;
    }
}
