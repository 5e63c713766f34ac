using FluentValidation;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Webhooks;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>
/// The base of a vendor: <see cref="ICredentialVendor"/> with its credential subtype and input type, so that a vendor
/// writes typed code and the service, the pages and the webhooks see one contract. A stored credential or an input of
/// another vendor is a bug here, not an outcome.
/// </summary>
public abstract class CredentialVendor<TCredential, TInput>(IValidator<TInput> validator) : ICredentialVendor
    where TCredential : ApiCredential
    where TInput : ApiCredentialInput, new()
{
    public abstract SmsVendor Vendor { get; }

    /// <summary>The enum name by default ("Twilio"): brand names read the same in every language.</summary>
    public virtual string DisplayName => Vendor.ToString();

    public Type InputType => typeof(TInput);

    public virtual IReadOnlyList<MobileChannel> ChannelTypes { get; } = [MobileChannel.Sms];

    public virtual bool VerifiedByTestMessage => false;

    public virtual bool TestMessageNeedsSender => false;

    public virtual IReadOnlyList<string> SecretFields { get; } = [];

    public virtual VendorWebhooks? Webhooks => null;

    public virtual IReadOnlyDictionary<string, string> FieldLabels { get; } = new Dictionary<string, string>();

    public ApiCredentialInput NewInput() => new TInput();

    public ApiCredentialInput ToInput(ApiCredential credential)
    {
        var typed = Typed(credential);
        var input = ToInput(typed);
        input.Name = typed.Name;
        return input;
    }

    /// <summary>A secret without a hint is not set (a copy's, until completed): no hint for it.</summary>
    public IReadOnlyDictionary<string, string> SecretHints(ApiCredential credential) =>
        SecretHints(Typed(credential)).Where(h => h.Value.Length > 0).ToDictionary(StringComparer.Ordinal);

    /// <summary>The channel type named by the address ("RCS", "MMS"), else the default channel type.</summary>
    public virtual MobileChannel ChannelOf(string address) =>
        ChannelTypes.FirstOrDefault(c => string.Equals(c.ToString(), address, StringComparison.OrdinalIgnoreCase), ChannelTypes[0]);

    public IReadOnlyList<FieldError> Validate(ApiCredentialInput input, bool isNew)
    {
        var typed = Typed(input);
        var errors = validator.Validate(typed).Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList();
        if (isNew)
        {
            errors.AddRange(ValidateNew(typed).Where(n => errors.All(e => e.Field != n.Field)));
        }

        return errors;
    }

    public CredentialDraft Prepare(ApiCredentialInput input, ApiCredential? stored) =>
        Prepare(Typed(input), stored is null ? null : Typed(stored));

    /// <summary>
    /// The stored credential as its form, with <paramref name="changedFields"/> typed over it, mapped as an edit (which keeps
    /// the stored secrets), then cleared of its secrets by the vendor: one mapping for edits and copies.
    /// </summary>
    public CredentialDraft PrepareCopy(ApiCredential credential, IReadOnlyDictionary<string, string> changedFields)
    {
        ArgumentNullException.ThrowIfNull(changedFields);
        var stored = Typed(credential);
        var input = ToInput(stored);
        input.Name = stored.Name;
        // As model binding does, a posted name that is not a text field of the input is ignored, and so is a secret:
        // a copy never carries one.
        foreach (var (field, value) in changedFields)
        {
            var property = typeof(TInput).GetProperty(field);
            if (property is { CanWrite: true } && property.PropertyType == typeof(string) && !SecretFields.Contains(field))
            {
                property.SetValue(input, value);
            }
        }

        var errors = Validate(input, isNew: false);
        if (errors.Count > 0)
        {
            return CredentialDraft.Invalid(errors);
        }

        var draft = Prepare(input, stored);
        if (!draft.Succeeded)
        {
            return draft;
        }

        var copy = (TCredential)draft.Credential!;
        ClearSecrets(copy);
        return CredentialDraft.Of(copy, []);
    }

    /// <summary>
    /// A stored credential was valid when saved, so what its own form cannot map again is a secret it lacks: a secret
    /// field, or one that is not a plain input property (a Custom secret header's value). A rule about a non-secret field
    /// that changed since (an address policy) is not a missing secret.
    /// </summary>
    public IReadOnlyList<string> MissingSecrets(ApiCredential credential)
    {
        var stored = Typed(credential);
        var input = ToInput(stored);
        input.Name = stored.Name;
        return [.. Prepare(input, stored).Errors.Select(e => e.Field)
            .Where(field => SecretFields.Contains(field) || typeof(TInput).GetProperty(field) is null)];
    }

    public IReadOnlyDictionary<string, string?> Snapshot(ApiCredential credential) => Snapshot(Typed(credential));

    public Task<FieldError?> FindConflictAsync(SmsDbContext db, ApiCredential credential, CancellationToken cancellationToken) =>
        FindConflictAsync(db, Typed(credential), cancellationToken);

    /// <summary>An incomplete credential is not checked: there is nothing to sign in with, and nothing to mark Failed.</summary>
    public Task<VendorVerification> VerifyAsync(ApiCredential credential, CancellationToken cancellationToken) =>
        IsComplete(credential)
            ? VerifyAsync(Typed(credential), cancellationToken)
            : Task.FromResult(VendorVerification.NotChecked(ICredentialVendor.SecretsMissingMessage));

    public Task<TestMessageResult> SendTestAsync(ApiCredential credential, string? from, string recipient, string message,
        CancellationToken cancellationToken) =>
        IsComplete(credential)
            ? SendTestAsync(Typed(credential), from, recipient, message, cancellationToken)
            : Task.FromResult(SecretsMissing);

    public Task<TestMessageResult> SendAsync(ApiCredential credential, string from, string recipient, string message,
        CancellationToken cancellationToken) =>
        IsComplete(credential)
            ? SendAsync(Typed(credential), from, recipient, message, cancellationToken)
            : Task.FromResult(SecretsMissing);

    public Task<SenderCheckResult> CheckSenderAsync(ApiCredential credential, string senderNumber, CancellationToken cancellationToken) =>
        IsComplete(credential)
            ? CheckSenderAsync(Typed(credential), senderNumber, cancellationToken)
            : Task.FromResult(new SenderCheckResult(SenderCheckOutcome.Rejected,
                [new FieldError(SenderCheckResult.CredentialField, ICredentialVendor.SecretsMissingMessage)]));

    private static TestMessageResult SecretsMissing => new(false, null, null, ErrorKey: ICredentialVendor.SecretsMissingMessage);

    private bool IsComplete(ApiCredential credential) => MissingSecrets(credential).Count == 0;

    /// <summary>The form of a stored credential, without its name (set by the base) and secrets.</summary>
    protected abstract TInput ToInput(TCredential credential);

    protected virtual IReadOnlyDictionary<string, string> SecretHints(TCredential credential) => new Dictionary<string, string>();

    /// <summary>What a new credential needs beyond the validator (a secret that may be blank on edit).</summary>
    protected virtual IEnumerable<FieldError> ValidateNew(TInput input) => [];

    /// <inheritdoc cref="ICredentialVendor.Prepare"/>
    protected abstract CredentialDraft Prepare(TInput input, TCredential? stored);

    /// <summary>
    /// Clears the secrets of a copy for another sandbox (a draft that <see cref="Prepare(TInput, TCredential)"/> mapped
    /// with the source's protected secrets): every protected secret and its hint becomes null, or empty in a column
    /// that cannot be null, and an empty one counts as not set.
    /// </summary>
    protected abstract void ClearSecrets(TCredential copy);

    /// <inheritdoc cref="ICredentialVendor.Snapshot"/>
    protected abstract IReadOnlyDictionary<string, string?> Snapshot(TCredential credential);

    /// <inheritdoc cref="ICredentialVendor.FindConflictAsync"/>
    protected virtual Task<FieldError?> FindConflictAsync(SmsDbContext db, TCredential credential, CancellationToken cancellationToken) =>
        Task.FromResult<FieldError?>(null);

    /// <inheritdoc cref="ICredentialVendor.VerifyAsync"/>
    protected abstract Task<VendorVerification> VerifyAsync(TCredential credential, CancellationToken cancellationToken);

    /// <summary>By default a message from <paramref name="from"/>, like <see cref="SendAsync(TCredential, string, string, string, CancellationToken)"/>.</summary>
    protected virtual Task<TestMessageResult> SendTestAsync(TCredential credential, string? from, string recipient, string message,
        CancellationToken cancellationToken) =>
        SendAsync(credential, from ?? "", recipient, message, cancellationToken);

    /// <inheritdoc cref="ICredentialVendor.SendAsync"/>
    protected abstract Task<TestMessageResult> SendAsync(TCredential credential, string from, string recipient, string message,
        CancellationToken cancellationToken);

    /// <inheritdoc cref="ICredentialVendor.CheckSenderAsync"/>
    protected abstract Task<SenderCheckResult> CheckSenderAsync(TCredential credential, string senderNumber, CancellationToken cancellationToken);

    private TCredential Typed(ApiCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return credential as TCredential
            ?? throw new ArgumentException($"A {credential.Vendor} credential is not a {Vendor} credential.", nameof(credential));
    }

    private TInput Typed(ApiCredentialInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input as TInput
            ?? throw new ArgumentException($"A {input.GetType().Name} is not the input of {Vendor} credentials.", nameof(input));
    }
}
