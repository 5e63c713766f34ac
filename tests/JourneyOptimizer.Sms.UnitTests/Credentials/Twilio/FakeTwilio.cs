using System.Net;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

/// <summary>Routes the stub's requests to one answer per Twilio endpoint; by default a healthy account.</summary>
internal sealed class FakeTwilio
{
    public const string InboundNumber = "+14155550100";

    public Func<HttpResponseMessage> Account { get; set; } = () => Respond.Json(HttpStatusCode.OK, TwilioBodies.Account());

    public Func<HttpResponseMessage> Service { get; set; } = () => Respond.Json(HttpStatusCode.OK, TwilioBodies.Service());

    public Func<CapturedRequest, HttpResponseMessage> IncomingNumbers { get; set; } =
        _ => Respond.Json(HttpStatusCode.OK, TwilioBodies.IncomingNumbers(null, InboundNumber));

    public Func<HttpResponseMessage> ShortCodes { get; set; } = () => Respond.Json(HttpStatusCode.OK, TwilioBodies.ShortCodes());

    public Func<CapturedRequest, HttpResponseMessage> ServicePhoneNumbers { get; set; } =
        _ => Respond.Json(HttpStatusCode.OK, TwilioBodies.ServicePhoneNumbers(null));

    public Func<HttpResponseMessage> ServiceShortCodes { get; set; } = () => Respond.Json(HttpStatusCode.OK, TwilioBodies.ServiceShortCodes());

    public Func<CapturedRequest, HttpResponseMessage> Messages { get; set; } =
        _ => Respond.Json(HttpStatusCode.Created, TwilioBodies.Message());

    public HttpResponseMessage Route(CapturedRequest request)
    {
        var path = request.Path;
        var account = $"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}";
        var service = $"/v1/Services/{TwilioTestHost.ServiceSid}";
        return path switch
        {
            _ when path == account + ".json" => Account(),
            _ when path == account + "/IncomingPhoneNumbers.json" => IncomingNumbers(request),
            _ when path == account + "/SMS/ShortCodes.json" => ShortCodes(),
            _ when path == account + "/Messages.json" && request.Method == HttpMethod.Post => Messages(request),
            _ when path == service => Service(),
            _ when path == service + "/PhoneNumbers" => ServicePhoneNumbers(request),
            _ when path == service + "/ShortCodes" => ServiceShortCodes(),
            _ => Respond.TwilioError(HttpStatusCode.NotFound, 20404, "The requested resource was not found"),
        };
    }

    public TwilioTestHost Host(int timeoutSeconds = 30) => TwilioTestHost.Create(Route, timeoutSeconds);
}
