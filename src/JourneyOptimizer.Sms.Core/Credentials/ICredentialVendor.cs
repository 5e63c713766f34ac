using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Webhooks;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>
/// One SMS vendor as a plug-in: everything the portal knows about a vendor's API credentials lives behind this
/// contract, in the vendor's folder (<c>Core/Credentials/{Vendor}/</c>), so that the credential service, the pages,
/// the channel configurations and the webhooks never switch on <see cref="SmsVendor"/>. Vendors derive from
/// <see cref="CredentialVendor{TCredential, TInput}"/>, are singletons (registered with
/// <see cref="CredentialVendorServiceCollectionExtensions.AddCredentialVendor{TVendor}"/>) and are found through
/// <see cref="CredentialVendors"/>. Field errors use the property names of the vendor's input and English
/// localization keys, like the validators.
/// </summary>
public interface ICredentialVendor
{
    /// <summary>What verifying or sending with a credential that lacks its secrets answers (see <see cref="MissingSecrets"/>).</summary>
    const string SecretsMissingMessage =
        "This API credential has no secrets yet: secrets are not copied between sandboxes. Edit it and enter them.";

    /// <summary>The key: the discriminator of the vendor's stored subtype, the form's and the API's vendor value.</summary>
    SmsVendor Vendor { get; }

    /// <summary>The vendor's name as shown (an English localization key).</summary>
    string DisplayName { get; }

    /// <summary>The input its form and the REST API bind; derives from <see cref="ApiCredentialInput"/>.</summary>
    Type InputType { get; }

    /// <summary>The channel types its credentials can serve, the default first.</summary>
    IReadOnlyList<MobileChannel> ChannelTypes { get; }

    /// <summary>
    /// True when the provider has no check of its own (no account to ask): a test message ("Verify SMS connection")
    /// verifies a credential, and there is no "Verify" on the list. False: the provider checks it on every save.
    /// </summary>
    bool VerifiedByTestMessage { get; }

    /// <summary>True when "Verify SMS connection" asks for the sender; false when the credential sends from its own number.</summary>
    bool TestMessageNeedsSender { get; }

    /// <summary>
    /// The input's write-only secret properties (strings): never shown, protected before they are stored, a blank one
    /// keeps the stored value.
    /// </summary>
    IReadOnlyList<string> SecretFields { get; }

    /// <summary>How the portal receives this vendor's webhooks, or null when it receives none.</summary>
    VendorWebhooks? Webhooks { get; }

    /// <summary>An empty form.</summary>
    ApiCredentialInput NewInput();

    /// <summary>The edit form of a stored credential: every field but the secrets.</summary>
    ApiCredentialInput ToInput(ApiCredential credential);

    /// <summary>The last characters of each stored secret, by input field name, to show that it is set.</summary>
    IReadOnlyDictionary<string, string> SecretHints(ApiCredential credential);

    /// <summary>The channel a stored credential serves, from its list columns (<see cref="ApiCredential.Address"/>).</summary>
    MobileChannel ChannelOf(string address);

    /// <summary>The input's own rules (the validator's, and what a new credential needs besides): pure, synchronous.</summary>
    IReadOnlyList<FieldError> Validate(ApiCredentialInput input, bool isNew);

    /// <summary>
    /// Maps a valid input to a new, untracked credential of the vendor's subtype holding the vendor's own columns and
    /// <see cref="ApiCredential.Address"/>, with its secrets protected; a blank secret keeps the one of
    /// <paramref name="stored"/> (null on create). The service fills in the common columns.
    /// </summary>
    CredentialDraft Prepare(ApiCredentialInput input, ApiCredential? stored);

    /// <summary>
    /// A copy of a stored credential for another sandbox: the vendor's columns and <see cref="ApiCredential.Address"/>
    /// without a single secret (the copy's secrets are entered on its edit page), or the field errors of
    /// <paramref name="changedFields"/>: values of the input's string fields (by input field name) that replace the stored
    /// ones, such as the field a conflict in the target names (other names and secret fields are ignored). The service
    /// fills in the common columns.
    /// </summary>
    CredentialDraft PrepareCopy(ApiCredential credential, IReadOnlyDictionary<string, string> changedFields);

    /// <summary>
    /// The fields whose values a stored credential lacks before it can be used: the secrets a copy from another sandbox
    /// arrived without. Empty for a complete credential. Verifying, sending and sender checks of an incomplete
    /// credential answer <see cref="ICredentialVendor.SecretsMissingMessage"/> without asking the provider.
    /// </summary>
    IReadOnlyList<string> MissingSecrets(ApiCredential credential);

    /// <summary>The vendor's non-secret fields as the audit log compares them (by input field name).</summary>
    IReadOnlyDictionary<string, string?> Snapshot(ApiCredential credential);

    /// <summary>
    /// The label of each input field as the vendor's form names it (an English localization key), by input field name
    /// (the snapshot's and the secrets' names): the audit log words changes with them.
    /// </summary>
    IReadOnlyDictionary<string, string> FieldLabels { get; }

    /// <summary>
    /// The vendor's own uniqueness rule beyond the name (Twilio: Account SID and inbound number across sandboxes), as
    /// the error on its field; null when none is broken. <paramref name="credential"/> may be a draft (its
    /// <see cref="ApiCredential.Id"/> is 0 on create).
    /// </summary>
    Task<FieldError?> FindConflictAsync(SmsDbContext db, ApiCredential credential, CancellationToken cancellationToken);

    /// <summary>Asks the provider whether the credential (stored or a draft) works.</summary>
    Task<VendorVerification> VerifyAsync(ApiCredential credential, CancellationToken cancellationToken);

    /// <summary>"Verify SMS connection": a real message; <paramref name="from"/> is used when <see cref="TestMessageNeedsSender"/>.</summary>
    Task<TestMessageResult> SendTestAsync(ApiCredential credential, string? from, string recipient, string message, CancellationToken cancellationToken);

    /// <summary>One message from <paramref name="from"/> (a channel configuration's sender or a webhook's reply).</summary>
    Task<TestMessageResult> SendAsync(ApiCredential credential, string from, string recipient, string message, CancellationToken cancellationToken);

    /// <summary>Whether a channel configuration can send from <paramref name="senderNumber"/> with this credential.</summary>
    Task<SenderCheckResult> CheckSenderAsync(ApiCredential credential, string senderNumber, CancellationToken cancellationToken);
}
