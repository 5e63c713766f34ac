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

    public IReadOnlyDictionary<string, string> SecretHints(ApiCredential credential) => SecretHints(Typed(credential));

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

    public IReadOnlyDictionary<string, string?> Snapshot(ApiCredential credential) => Snapshot(Typed(credential));

    public Task<FieldError?> FindConflictAsync(SmsDbContext db, ApiCredential credential, CancellationToken cancellationToken) =>
        FindConflictAsync(db, Typed(credential), cancellationToken);

    public Task<VendorVerification> VerifyAsync(ApiCredential credential, CancellationToken cancellationToken) =>
        VerifyAsync(Typed(credential), cancellationToken);

    public Task<TestMessageResult> SendTestAsync(ApiCredential credential, string? from, string recipient, string message,
        CancellationToken cancellationToken) =>
        SendTestAsync(Typed(credential), from, recipient, message, cancellationToken);

    public Task<TestMessageResult> SendAsync(ApiCredential credential, string from, string recipient, string message,
        CancellationToken cancellationToken) =>
        SendAsync(Typed(credential), from, recipient, message, cancellationToken);

    public Task<SenderCheckResult> CheckSenderAsync(ApiCredential credential, string senderNumber, CancellationToken cancellationToken) =>
        CheckSenderAsync(Typed(credential), senderNumber, cancellationToken);

    /// <summary>The form of a stored credential, without its name (set by the base) and secrets.</summary>
    protected abstract TInput ToInput(TCredential credential);

    protected virtual IReadOnlyDictionary<string, string> SecretHints(TCredential credential) => new Dictionary<string, string>();

    /// <summary>What a new credential needs beyond the validator (a secret that may be blank on edit).</summary>
    protected virtual IEnumerable<FieldError> ValidateNew(TInput input) => [];

    /// <inheritdoc cref="ICredentialVendor.Prepare"/>
    protected abstract CredentialDraft Prepare(TInput input, TCredential? stored);

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
