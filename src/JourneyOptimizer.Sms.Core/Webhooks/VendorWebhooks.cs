using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>
/// How the portal receives one vendor's webhooks (<see cref="ICredentialVendor.Webhooks"/>): what the webhook form
/// asks, how a request is authenticated and read, and how it is answered. Pure: no database, no network.
/// </summary>
public abstract class VendorWebhooks
{
    /// <summary>
    /// True when the portal issues the webhook a signing secret (shown once, stored as SHA-256) that the provider sends
    /// as <c>Authorization: Bearer</c>; false when the provider signs with a key of the API credential.
    /// </summary>
    public virtual bool UsesSigningSecret => false;

    /// <summary>True when the administrator maps the provider's JSON to the normalised fields (<see cref="PayloadMapping"/>).</summary>
    public virtual bool UsesPayloadMapping => false;

    /// <summary>True when the credential's <see cref="ApiCredential.Address"/> is the number its messages arrive at (the form suggests it).</summary>
    public virtual bool SenderIsCredentialAddress => false;

    /// <summary>True when a keyword reply travels in the answer to the inbound request; false: through the outbox.</summary>
    public virtual bool RepliesInAnswer => false;

    /// <summary>
    /// How requests are authenticated when there is no signing secret (an English localization key shown on the
    /// webhook's page, and the refusal of a regeneration); null when <see cref="UsesSigningSecret"/>.
    /// </summary>
    public virtual string? AuthenticationNote => null;

    /// <summary>
    /// Why webhooks cannot use this credential, on the credential input's field (English localization key), or null.
    /// Twilio: an API-key credential without the Auth Token that Twilio signs with. The webhook form shows it on its
    /// credential choice. (A stored secret is never removed by an edit, so a credential in use cannot fall into it.)
    /// </summary>
    public virtual FieldError? CredentialProblem(ApiCredential credential) => null;

    /// <summary>
    /// The keyword settings an inbound webhook of this credential works with: the webhook's own, unless the vendor's
    /// credential adds to them (Infobip's Fuzzy Opt-out turns on Fuzzy Logic with its Fuzzy auto reply).
    /// </summary>
    public virtual InboundKeywordSettings KeywordSettings(ApiCredential credential, InboundKeywordSettings webhookSettings) => webhookSettings;

    /// <summary>
    /// The reader of one webhook's requests, with what it needs of the credential (a key to check signatures). Kept for
    /// a few seconds by the webhook directory. May throw <see cref="System.Security.Cryptography.CryptographicException"/>
    /// when a secret cannot be unprotected (the directory then refuses the webhook's requests).
    /// </summary>
    public abstract IWebhookRequestReader CreateReader(ApiCredential credential);
}
