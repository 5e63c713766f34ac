using System.Text;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Testing;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

/// <summary>The portal's use of the Twilio SDK's RequestValidator, against vectors made with Twilio's own library.</summary>
public sealed class TwilioSignatureTests
{

    private sealed record Vector(string Name, string AuthToken, string Url, string? SignedUrl, List<KeyValuePair<string, string>> Params,
        string? Body, string StringToSign, string ExpectedSignature);

    private static readonly Lazy<List<Vector>> Vectors = new(LoadVectors);

    private static List<Vector> LoadVectors()
    {
        var path = Path.Combine(RepoPaths.TwilioOai, "signature-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("vectors").EnumerateArray().Select(v => new Vector(
            v.GetProperty("name").GetString()!,
            v.GetProperty("authToken").GetString()!,
            v.GetProperty("url").GetString()!,
            v.TryGetProperty("signedUrl", out var signed) ? signed.GetString() : null,
            [.. v.GetProperty("params").EnumerateObject().SelectMany(p => p.Value.ValueKind == JsonValueKind.Array
                ? p.Value.EnumerateArray().Select(x => new KeyValuePair<string, string>(p.Name, x.GetString()!))
                : [new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)])],
            v.TryGetProperty("body", out var body) ? body.GetString() : null,
            v.GetProperty("stringToSign").GetString()!,
            v.GetProperty("expectedSignature").GetString()!)).ToList();
    }

    private static Vector Get(string name) => Vectors.Value.Single(v => v.Name == name);

    private static readonly string[] Names =
        ["docs-classic-form-params", "inbound-sms-utf8", "ordinal-key-sort", "repeated-param-array", "json-body-bodySHA256", "explicit-default-port"];

    public static TheoryData<string> VectorNames => new(Names);

    [Fact]
    public void VectorFile_HasTheSixKnownVectors()
    {
        Assert.Equal(Names, Vectors.Value.Select(v => v.Name));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Vector_StringToSign_IsWhatTheSignatureCovers(string name)
    {
        // The HMAC of the vector's own stringToSign, with no parameters, is the expected signature: the vector is consistent.
        var vector = Get(name);

        Assert.Equal(vector.ExpectedSignature, TwilioTestSignature.Sign(vector.AuthToken, vector.StringToSign, null));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Vector_IsValid(string name)
    {
        var vector = Get(name);

        var valid = vector.Body is null
            ? TwilioSignature.IsValid(vector.AuthToken, vector.ExpectedSignature, vector.Url, vector.Params)
            : TwilioSignature.IsValidJsonBody(vector.AuthToken, vector.ExpectedSignature, vector.Url, vector.Body);

        Assert.True(valid);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Vector_ComputeSignatureOverTheSignedUrl_IsTheExpectedOne(string name)
    {
        var vector = Get(name);

        Assert.Equal(vector.ExpectedSignature, TwilioTestSignature.Sign(vector.AuthToken, vector.SignedUrl ?? vector.Url, vector.Params));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Vector_WithTheWrongToken_IsNotValid(string name)
    {
        var vector = Get(name);
        var wrong = "0" + vector.AuthToken[1..] == vector.AuthToken ? "1" + vector.AuthToken[1..] : "0" + vector.AuthToken[1..];

        var valid = vector.Body is null
            ? TwilioSignature.IsValid(wrong, vector.ExpectedSignature, vector.Url, vector.Params)
            : TwilioSignature.IsValidJsonBody(wrong, vector.ExpectedSignature, vector.Url, vector.Body);

        Assert.False(valid);
    }

    [Fact]
    public void TamperedFormValue_IsNotValid()
    {
        var vector = Get("inbound-sms-utf8");
        var tampered = vector.Params.Select(p => p.Key == "Body" ? new KeyValuePair<string, string>("Body", p.Value + " ") : p).ToList();

        Assert.False(TwilioSignature.IsValid(vector.AuthToken, vector.ExpectedSignature, vector.Url, tampered));
    }

    [Fact]
    public void MissingOrExtraFormField_IsNotValid()
    {
        var vector = Get("docs-classic-form-params");

        Assert.False(TwilioSignature.IsValid(vector.AuthToken, vector.ExpectedSignature, vector.Url, [.. vector.Params.Skip(1)]));
        Assert.False(TwilioSignature.IsValid(vector.AuthToken, vector.ExpectedSignature, vector.Url, [.. vector.Params, new("Extra", "")]));
        Assert.False(TwilioSignature.IsValid(vector.AuthToken, vector.ExpectedSignature, vector.Url, []));
    }

    [Fact]
    public void RepeatedKeys_SignedAsTheSdkJoinsThem_IsValid()
    {
        // The C# SDK's NameValueCollection overload reads a repeated key as its values joined with commas.
        var form = new List<KeyValuePair<string, string>> { new("MediaUrl", "b"), new("MediaUrl", "a"), new("To", "+1") };
        var signature = TwilioTestSignature.Sign("token", "https://portal.example.com/hook", [new("MediaUrl", "b,a"), new("To", "+1")]);

        Assert.True(TwilioSignature.IsValid("token", signature, "https://portal.example.com/hook", form));
        Assert.False(TwilioSignature.IsValid("other", signature, "https://portal.example.com/hook", form));
    }

    [Fact]
    public void RepeatedKeys_InAnyOrderAndWithDuplicates_SignTheSame()
    {
        var vector = Get("repeated-param-array");
        var reordered = vector.Params.AsEnumerable().Reverse().ToList();
        var deduplicated = vector.Params.DistinctBy(p => (p.Key, p.Value)).ToList();

        Assert.True(TwilioSignature.IsValid(vector.AuthToken, vector.ExpectedSignature, vector.Url, reordered));
        Assert.True(TwilioSignature.IsValid(vector.AuthToken, vector.ExpectedSignature, vector.Url, deduplicated));
    }

    [Fact]
    public void TamperedJsonBody_IsNotValid()
    {
        var vector = Get("json-body-bodySHA256");
        var body = vector.Body![..^2] + "3" + vector.Body[^1..];

        Assert.False(TwilioSignature.IsValidJsonBody(vector.AuthToken, vector.ExpectedSignature, vector.Url, body));
    }

    [Fact]
    public void JsonBody_WithoutBodyHashInTheUrl_IsNotValid()
    {
        var vector = Get("json-body-bodySHA256");
        var url = vector.Url[..vector.Url.IndexOf('?', StringComparison.Ordinal)];
        var signature = TwilioTestSignature.Sign(vector.AuthToken, url, null);

        Assert.False(TwilioSignature.IsValidJsonBody(vector.AuthToken, signature, url, vector.Body!));
    }

    [Fact]
    public void JsonBody_SignedUrlTamperedHash_IsNotValid()
    {
        // The body matches a hash, but the URL that carries it was not the one signed.
        var vector = Get("json-body-bodySHA256");
        var otherBody = "{}";
        var otherUrl = "https://portal.example.com/api/twilio/events?bodySHA256=" +
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(otherBody)));

        Assert.False(TwilioSignature.IsValidJsonBody(vector.AuthToken, vector.ExpectedSignature, otherUrl, otherBody));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not base64 at all")]
    [InlineData("0/KCTR6DLpKmkAf8muzZqo1nDgQ")]
    [InlineData("0/KCTR6DLpKmkAf8muzZqo1nDgQ==")]
    [InlineData("1/KCTR6DLpKmkAf8muzZqo1nDgQ=")]
    [InlineData("0/KCTR6DLpKmkAf8muzZqo1nDgQ= ")]
    [InlineData("\u00e9\u0000\ud83d\udc4b")]
    public void MissingOrGarbageHeader_IsNotValid(string? header)
    {
        var vector = Get("docs-classic-form-params");

        Assert.False(TwilioSignature.IsValid(vector.AuthToken, header, vector.Url, vector.Params));
        Assert.False(TwilioSignature.IsValidJsonBody(vector.AuthToken, header, Get("json-body-bodySHA256").Url, Get("json-body-bodySHA256").Body!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("https://")]
    [InlineData("https://[::1")]
    [InlineData("://x")]
    public void GarbageUrlOrToken_NeverThrows(string url)
    {
        var vector = Get("docs-classic-form-params");

        Assert.False(TwilioSignature.IsValid(vector.AuthToken, vector.ExpectedSignature, url, vector.Params));
        Assert.False(TwilioSignature.IsValid("", vector.ExpectedSignature, vector.Url, vector.Params));
        Assert.False(TwilioSignature.IsValid(null!, vector.ExpectedSignature, vector.Url, vector.Params));
        Assert.False(TwilioSignature.IsValidJsonBody(vector.AuthToken, vector.ExpectedSignature, url, ""));
        Assert.False(TwilioSignature.IsValidJsonBody(vector.AuthToken, vector.ExpectedSignature, "https://x/?bodySHA256=%zz", ""));
    }

    [Theory]
    [InlineData("https://portal.example.com/hook?x=1", "https://portal.example.com:443/hook?x=1")]
    [InlineData("https://portal.example.com:443/hook?x=1", "https://portal.example.com/hook?x=1")]
    [InlineData("http://portal.example.com/hook", "http://portal.example.com:80/hook")]
    [InlineData("http://portal.example.com:80/hook", "http://portal.example.com/hook")]
    [InlineData("HTTPS://Portal.Example.com?x=1", "HTTPS://Portal.Example.com:443?x=1")]
    [InlineData("https://portal.example.com", "https://portal.example.com:443")]
    public void DefaultPort_SignedOneWayReceivedTheOther_IsValid(string signedUrl, string receivedUrl)
    {
        var form = new List<KeyValuePair<string, string>> { new("MessageSid", "SM1"), new("MessageStatus", "delivered") };
        var signature = TwilioTestSignature.Sign("token", signedUrl, form);

        Assert.True(TwilioSignature.IsValid("token", signature, receivedUrl, form));
    }

    [Theory]
    [InlineData("https://portal.example.com:8443/hook", "https://portal.example.com/hook")]
    [InlineData("https://portal.example.com:80/hook", "https://portal.example.com/hook")]
    [InlineData("http://portal.example.com:443/hook", "http://portal.example.com/hook")]
    [InlineData("https://portal.example.com/hook", "http://portal.example.com/hook")]
    [InlineData("https://portal.example.com/hook", "https://portal.example.com/hook/")]
    public void OtherPortOrUrl_IsNotValid(string signedUrl, string receivedUrl)
    {
        var form = new List<KeyValuePair<string, string>> { new("MessageSid", "SM1") };
        var signature = TwilioTestSignature.Sign("token", signedUrl, form);

        Assert.False(TwilioSignature.IsValid("token", signature, receivedUrl, form));
    }

    [Fact]
    public void JsonBody_ReceivedWithDefaultPort_IsValid()
    {
        var vector = Get("json-body-bodySHA256");
        var withPort = vector.Url.Replace("portal.example.com/", "portal.example.com:443/", StringComparison.Ordinal);

        Assert.True(TwilioSignature.IsValidJsonBody(vector.AuthToken, vector.ExpectedSignature, withPort, vector.Body!));
    }
}
