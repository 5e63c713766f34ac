using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;

namespace JourneyOptimizer.Sms.UnitTests.Common;

/// <summary><see cref="EnumNames"/> answers exactly as <see cref="Enum.ToString()"/> and <see cref="Enum.Parse{TEnum}(string)"/>.</summary>
public sealed class EnumNamesTests
{
    private static void SameAsEnum<T>()
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            Assert.Equal(value.ToString(), EnumNames.Name(value));
            Assert.Equal(value, EnumNames.Parse<T>(value.ToString()));
        }

        // Not a declared value or name: what Enum gives (a number), or its refusal.
        var undeclared = (T)Enum.ToObject(typeof(T), 99);
        Assert.Equal("99", EnumNames.Name(undeclared));
        Assert.Equal(undeclared, EnumNames.Parse<T>("99"));
        Assert.Throws<ArgumentException>(() => EnumNames.Parse<T>("nope"));
        Assert.Throws<ArgumentException>(() => Enum.Parse<T>("nope"));
        var first = Enum.GetValues<T>()[0].ToString();
        Assert.Throws<ArgumentException>(() => EnumNames.Parse<T>(first.ToUpperInvariant() + "x"));
    }

    [Fact]
    public void Every_enum_the_lists_read_is_named_and_parsed_as_Enum_does()
    {
        SameAsEnum<ChannelConfigurationStatus>();
        SameAsEnum<MobileChannel>();
        SameAsEnum<SmsType>();
        SameAsEnum<ChangeCheckStatus>();
        SameAsEnum<SmsVendor>();
        SameAsEnum<VerificationStatus>();
    }
}
