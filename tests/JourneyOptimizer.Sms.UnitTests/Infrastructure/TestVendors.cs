using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace JourneyOptimizer.Sms.UnitTests.Infrastructure;

/// <summary>The registered vendors as the portal builds them, on the given (or strict, never called) provider clients.</summary>
public static class TestVendors
{
    /// <summary>For tests that only ask the vendors what they are (webhook facts, channel types): no provider is called.</summary>
    public static CredentialVendors Facts { get; } = Create(
        new DataProtectionSecretProtector(new EphemeralDataProtectionProvider()),
        new Mock<ITwilioClient>(MockBehavior.Strict).Object,
        new Mock<ICustomProviderClient>(MockBehavior.Strict).Object);

    public static CredentialVendors Create(ISecretProtector protector, ITwilioClient twilio, ICustomProviderClient custom) => new(
    [
        new TwilioVendor(new TwilioCredentialInputValidator(),
            new TwilioCredentialVerifier(twilio, NullLogger<TwilioCredentialVerifier>.Instance), protector),
        new CustomVendor(new CustomCredentialInputValidator(Microsoft.Extensions.Options.Options.Create(new CustomProvidersOptions())),
            custom, protector),
    ]);
}
