using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Channels;

/// <summary>
/// "Send test message" of an active channel configuration. The credential is reached only through
/// <see cref="ApiCredentialService"/>: no secret is read here.
/// </summary>
public sealed class ChannelTestMessages(SmsDbContext db, ApiCredentialService credentials, AuditLog audit)
{
    public const string TestNotActive = "Only an active channel configuration can send a test message.";
    public const string OptedOut = "This number opted out of marketing messages from {0}: a Marketing configuration cannot send to it.";

    /// <summary>
    /// Sends a test message with the active version (credential and sender number). A Marketing configuration refuses
    /// a number that opted out for its sender number; a Transactional one ignores marketing opt-outs.
    /// </summary>
    public async Task<ChannelTestMessageResult> SendTestMessageAsync(int sandboxId, int id, string to, string message, Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var configuration = await db.Set<ChannelConfiguration>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);
        if (configuration is null)
        {
            return new ChannelTestMessageResult(true, [], null);
        }

        if (configuration.Status != ChannelConfigurationStatus.Active || configuration.ApiCredentialId is null
            || configuration.SenderNumber is null)
        {
            return new ChannelTestMessageResult(false, [new FieldError(FieldError.FormLevel, TestNotActive)], null);
        }

        var recipient = PhoneNumberRules.TryNormalizeE164(to);
        if (recipient is null)
        {
            return new ChannelTestMessageResult(false,
                [new FieldError("Number", "Enter the number in international format, for example +14155550100.")], null);
        }

        if (configuration.SmsType == SmsType.Marketing && await db.ConsentRecords.AsNoTracking().AnyAsync(c =>
                c.SandboxId == sandboxId && c.SenderNumber == configuration.SenderNumber && c.ProfileNumber == recipient
                && c.State == ConsentState.OptedOut, cancellationToken))
        {
            return new ChannelTestMessageResult(false, [new FieldError("Number", OptedOut, configuration.SenderNumber)], null);
        }

        var answer = await credentials.SendFromAsync(sandboxId, configuration.ApiCredentialId.Value, configuration.SenderNumber, recipient,
            message, cancellationToken);
        audit.Record(actor, sandboxId, ChannelConfigurationCommands.AuditObjectType, ChannelConfigurationCommands.Key(id), configuration.Name, AuditLog.Actions.TestMessageSent,
            [new AuditChange("Outcome", null, answer.Sent ? $"sent {answer.MessageId}" : $"failed {answer.ErrorCode}")]);
        await db.SaveChangesAsync(cancellationToken);
        return new ChannelTestMessageResult(false, [], answer);
    }
}
