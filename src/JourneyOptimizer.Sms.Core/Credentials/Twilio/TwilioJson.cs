using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// The wire shapes of Twilio's answers (snake_case). Only the fields the portal uses are declared: in particular
/// the account's <c>auth_token</c> has no property here, so it is dropped while reading and never reaches a model.
/// </summary>
internal static class TwilioJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}

/// <summary>
/// Reads the RFC 2822 dates of the v2010 API (<c>Thu, 30 Jul 2015 20:00:00 +0000</c>), which System.Text.Json
/// cannot read into <see cref="DateTimeOffset"/>. ISO 8601 is accepted too; anything else reads as null rather than
/// failing the whole answer.
/// </summary>
internal sealed class Rfc2822DateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    public const string Format = "ddd, dd MMM yyyy HH:mm:ss zzz";

    private static readonly string[] Formats = [Format, "ddd, d MMM yyyy HH:mm:ss zzz", "dd MMM yyyy HH:mm:ss zzz"];

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        return Parse(reader.GetString());
    }

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var rfc2822))
        {
            return rfc2822;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)
            ? iso
            : null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.Value.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " " +
                value.Value.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", string.Empty, StringComparison.Ordinal));
        }
    }
}

/// <summary>Twilio's REST error body: <c>{"code":21211,"message":"...","more_info":"...","status":400}</c>.</summary>
internal sealed class TwilioErrorDto
{
    public JsonElement Code { get; set; }

    public string? Message { get; set; }

    public string? MoreInfo { get; set; }

    public int? Status { get; set; }

    public string? Detail { get; set; }

    /// <summary>The code when it is a number (or a numeric string); Prism's problem+json has none.</summary>
    public int? NumericCode => Code.ValueKind switch
    {
        JsonValueKind.Number when Code.TryGetInt32(out var n) => n,
        JsonValueKind.String when int.TryParse(Code.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) => s,
        _ => null,
    };
}

internal sealed class AccountDto
{
    public string? Sid { get; set; }

    public string? FriendlyName { get; set; }

    public string? Status { get; set; }

    public string? Type { get; set; }

    public string? OwnerAccountSid { get; set; }

    [JsonConverter(typeof(Rfc2822DateTimeOffsetConverter))]
    public DateTimeOffset? DateCreated { get; set; }

    [JsonConverter(typeof(Rfc2822DateTimeOffsetConverter))]
    public DateTimeOffset? DateUpdated { get; set; }
}

internal sealed class MessagingServiceDto
{
    public string? Sid { get; set; }

    public string? AccountSid { get; set; }

    public string? FriendlyName { get; set; }

    public DateTimeOffset? DateCreated { get; set; }

    public DateTimeOffset? DateUpdated { get; set; }
}

/// <summary>The paging fields of a v2010 list; <c>next_page_uri</c> is relative to the API host.</summary>
internal abstract class V2010PageDto
{
    public string? NextPageUri { get; set; }
}

internal sealed class IncomingPhoneNumberPageDto : V2010PageDto
{
    public List<IncomingPhoneNumberDto>? IncomingPhoneNumbers { get; set; }
}

internal sealed class IncomingPhoneNumberDto
{
    public string? Sid { get; set; }

    public string? AccountSid { get; set; }

    public string? PhoneNumber { get; set; }

    public string? FriendlyName { get; set; }

    /// <summary>v2010 numbers have an object <c>{voice, sms, mms, fax}</c> here (v1 has an array).</summary>
    public NumberCapabilitiesDto? Capabilities { get; set; }

    [JsonConverter(typeof(Rfc2822DateTimeOffsetConverter))]
    public DateTimeOffset? DateCreated { get; set; }
}

internal sealed class NumberCapabilitiesDto
{
    public bool? Sms { get; set; }

    public bool? Mms { get; set; }
}

internal sealed class ShortCodePageDto : V2010PageDto
{
    public List<ShortCodeDto>? ShortCodes { get; set; }
}

internal sealed class ShortCodeDto
{
    public string? Sid { get; set; }

    public string? AccountSid { get; set; }

    public string? ShortCode { get; set; }

    public string? FriendlyName { get; set; }

    [JsonConverter(typeof(Rfc2822DateTimeOffsetConverter))]
    public DateTimeOffset? DateCreated { get; set; }
}

/// <summary>The <c>meta</c> of a v1 list; <c>next_page_url</c> is absolute.</summary>
internal sealed class V1MetaDto
{
    public string? NextPageUrl { get; set; }

    public string? Key { get; set; }
}

internal abstract class V1PageDto
{
    public V1MetaDto? Meta { get; set; }
}

internal sealed class ServicePhoneNumberPageDto : V1PageDto
{
    public List<ServiceSenderDto>? PhoneNumbers { get; set; }
}

internal sealed class ServiceShortCodePageDto : V1PageDto
{
    public List<ServiceSenderDto>? ShortCodes { get; set; }
}

/// <summary>A v1 service phone number or short code; <c>capabilities</c> is an array of strings here.</summary>
internal sealed class ServiceSenderDto
{
    public string? Sid { get; set; }

    public string? AccountSid { get; set; }

    public string? ServiceSid { get; set; }

    public string? PhoneNumber { get; set; }

    public string? ShortCode { get; set; }

    public string? CountryCode { get; set; }

    public List<string>? Capabilities { get; set; }
}

internal sealed class MessageDto
{
    public string? Sid { get; set; }

    public string? Status { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public string? MessagingServiceSid { get; set; }

    /// <summary>A string in Twilio's answer ("1").</summary>
    public string? NumSegments { get; set; }

    public int? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    [JsonConverter(typeof(Rfc2822DateTimeOffsetConverter))]
    public DateTimeOffset? DateCreated { get; set; }
}
