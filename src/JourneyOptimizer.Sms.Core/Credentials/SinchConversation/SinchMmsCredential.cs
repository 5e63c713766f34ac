namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>
/// Sinch MMS: a Conversation API app that sends MMS. Outbound only: inbound messages and consent go through a Sinch
/// (SMS) credential.
/// </summary>
public sealed class SinchMmsCredential : ApiCredential
{
    public SinchMmsCredential() => Vendor = SmsVendor.SinchMms;

    public const int ProjectIdMaxLength = 36;
    public const int AppIdMaxLength = 26;

    /// <summary>The project's UUID, lower case.</summary>
    public required string ProjectId { get; set; }

    /// <summary>The app's id (26 characters, upper case).</summary>
    public required string AppId { get; set; }

    /// <summary>AJO's "API Token": the access key as <c>KeyID:KeySecret</c>, protected with Data Protection.</summary>
    public required string ApiTokenProtected { get; set; }

    /// <summary>The last 4 characters of the key secret.</summary>
    public required string ApiTokenHint { get; set; }
}
