using JourneyOptimizer.Sms.Core.Credentials.SinchConversation;
using M = JourneyOptimizer.Sms.Core.Credentials.SinchConversation.SinchConversationMessages;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.SinchConversation;

public sealed class SinchConversationCredentialInputValidatorsTests
{
    private const string ProjectId = "51bc3f40-f266-4ca8-8938-a1ed0ff32b9a";
    private const string AppId = "01EB37HMH1M6SV18BSNS3G135H";
    private const string AccessKey = "6e0b1a2c-3d4e-4f50-8a9b-0c1d2e3f4a5b:Xk9-secret_value.Only~Shown~Once";

    private static readonly SinchMmsCredentialInputValidator Mms = new();
    private static readonly SinchRcsCredentialInputValidator Rcs = new();

    private static SinchMmsCredentialInput ValidMms() => new() { Name = "MMS US", ProjectId = ProjectId, AppId = AppId, ApiToken = AccessKey };

    private static SinchRcsCredentialInput ValidRcs() => new()
    {
        Name = "RCS US",
        ProjectId = ProjectId,
        AppId = AppId,
        ApiToken = AccessKey,
        ServicePlanId = "8200000f74924bd6800000b212f00000",
        SmsApiToken = "0123456789abcdef0123456789abcdef",
        ApiRateLimit = 20,
    };

    private static string? MmsError(SinchMmsCredentialInput input, string property) =>
        Mms.Validate(input).Errors.FirstOrDefault(e => e.PropertyName == property)?.ErrorMessage;

    private static string? RcsError(SinchRcsCredentialInput input, string property) =>
        Rcs.Validate(input).Errors.FirstOrDefault(e => e.PropertyName == property)?.ErrorMessage;

    [Fact]
    public void Validate_ValidInputs_HaveNoErrors()
    {
        Assert.True(Mms.Validate(ValidMms()).IsValid);
        Assert.True(Rcs.Validate(ValidRcs()).IsValid);
    }

    [Fact]
    public void Validate_RcsWithoutFallbackAndWithBlankSecrets_HasNoErrors()
    {
        var input = ValidRcs();
        input.ApiToken = null;
        input.ServicePlanId = null;
        input.SmsApiToken = null;
        input.ApiRateLimit = 0;

        Assert.True(Rcs.Validate(input).IsValid);
    }

    [Fact]
    public void Name_Missing_HasMessage()
    {
        var mms = ValidMms();
        mms.Name = " ";
        var rcs = ValidRcs();
        rcs.Name = null;

        Assert.Equal("Enter a name.", MmsError(mms, "Name"));
        Assert.Equal("Enter a name.", RcsError(rcs, "Name"));
    }

    [Theory]
    [InlineData(" 51BC3F40-F266-4CA8-8938-A1ED0FF32B9A ")]
    [InlineData(ProjectId)]
    public void ProjectId_Uuid_IsValid(string value)
    {
        var input = ValidMms();
        input.ProjectId = value;
        Assert.Null(MmsError(input, "ProjectId"));
    }

    [Theory]
    [InlineData(null, M.ProjectIdRequired)]
    [InlineData("", M.ProjectIdRequired)]
    [InlineData("51bc3f40f2664ca88938a1ed0ff32b9a", M.ProjectIdFormat)]
    [InlineData("51bc3f40-f266-4ca8-8938-a1ed0ff32b9", M.ProjectIdFormat)]
    [InlineData("51bc3f40-f266-4ca8-8938-a1ed0ff32b9g", M.ProjectIdFormat)]
    public void ProjectId_Invalid_HasMessage(string? value, string expected)
    {
        var mms = ValidMms();
        mms.ProjectId = value;
        var rcs = ValidRcs();
        rcs.ProjectId = value;

        Assert.Equal(expected, MmsError(mms, "ProjectId"));
        Assert.Equal(expected, RcsError(rcs, "ProjectId"));
    }

    [Theory]
    [InlineData("01eb37hmh1m6sv18bsns3g135h")]
    [InlineData(" 01EB37HMH1M6SV18BSNS3G135H ")]
    public void AppId_Ulid_IsValid(string value)
    {
        var input = ValidRcs();
        input.AppId = value;
        Assert.Null(RcsError(input, "AppId"));
    }

    [Theory]
    [InlineData(null, M.AppIdRequired)]
    [InlineData("", M.AppIdRequired)]
    [InlineData("01EB37HMH1M6SV18BSNS3G135", M.AppIdFormat)]
    [InlineData("01EB37HMH1M6SV18BSNS3G135HX", M.AppIdFormat)]
    [InlineData("01EB37HMH1M6SV18BSNS3G135U", M.AppIdFormat)]
    [InlineData("01EB37HMH1M6SV18BSNS3G13-H", M.AppIdFormat)]
    public void AppId_Invalid_HasMessage(string? value, string expected)
    {
        var mms = ValidMms();
        mms.AppId = value;
        var rcs = ValidRcs();
        rcs.AppId = value;

        Assert.Equal(expected, MmsError(mms, "AppId"));
        Assert.Equal(expected, RcsError(rcs, "AppId"));
    }

    [Theory]
    [InlineData("just-a-token-without-colon")]
    [InlineData(":secret")]
    [InlineData("key:")]
    [InlineData("key:sec ret")]
    [InlineData("kéy:secret")]
    public void ApiToken_NotKeyIdColonSecret_HasMessage(string value)
    {
        var mms = ValidMms();
        mms.ApiToken = value;
        var rcs = ValidRcs();
        rcs.ApiToken = value;

        Assert.Equal(M.ApiTokenFormat, MmsError(mms, "ApiToken"));
        Assert.Equal(M.ApiTokenFormat, RcsError(rcs, "ApiToken"));
    }

    [Theory]
    [InlineData("8200000f74924bd6800000b212f0000")]
    [InlineData("not-a-service-plan-id")]
    public void ServicePlanId_NotHex32_HasMessage(string value)
    {
        var input = ValidRcs();
        input.ServicePlanId = value;
        Assert.Equal(M.ServicePlanIdFormat, RcsError(input, "ServicePlanId"));
    }

    [Fact]
    public void ServicePlanId_MissingWithAnSmsToken_HasMessage()
    {
        var input = ValidRcs();
        input.ServicePlanId = "";
        Assert.Equal(M.ServicePlanIdRequiredWithSmsToken, RcsError(input, "ServicePlanId"));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("with space inside")]
    public void SmsApiToken_Invalid_HasMessage(string value)
    {
        var input = ValidRcs();
        input.SmsApiToken = value;
        Assert.Equal(M.SmsApiTokenFormat, RcsError(input, "SmsApiToken"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10_000)]
    public void ApiRateLimit_InRange_IsValid(int value)
    {
        var input = ValidRcs();
        input.ApiRateLimit = value;
        Assert.Null(RcsError(input, "ApiRateLimit"));
    }

    [Theory]
    [InlineData(null, M.RateLimitRequired)]
    [InlineData(-1, M.RateLimitRange)]
    [InlineData(10_001, M.RateLimitRange)]
    public void ApiRateLimit_Invalid_HasMessage(int? value, string expected)
    {
        var input = ValidRcs();
        input.ApiRateLimit = value;
        Assert.Equal(expected, RcsError(input, "ApiRateLimit"));
    }
}
