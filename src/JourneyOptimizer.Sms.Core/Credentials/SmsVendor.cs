namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>The provider behind an API credential. A new vendor is a new value, a new folder and a new subtype.</summary>
public enum SmsVendor
{
    Twilio = 1,
    Custom = 2,
    Sinch = 3,
    SinchMms = 4,
    SinchRcs = 5,
    Infobip = 6,
}
