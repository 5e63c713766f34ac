namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>The provider behind an API credential. A new vendor is a new value, a new folder and a new subtype.</summary>
public enum SmsVendor
{
    Twilio = 1,
    Custom = 2,

    // 3 to 5 are left to Sinch, Sinch MMS and Sinch RCS (issue 28 adds them in parallel).
    Infobip = 6,
}
