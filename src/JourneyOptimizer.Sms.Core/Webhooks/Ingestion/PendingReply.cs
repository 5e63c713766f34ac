using JourneyOptimizer.Sms.Core.Consent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

/// <summary>Where a reply of the outbox stands.</summary>
public enum PendingReplyState
{
    Pending = 1,
    Sent = 2,

    /// <summary>Given up: the provider refused it, or every attempt failed.</summary>
    Failed = 3,
}

/// <summary>
/// The outbox of replies to inbound messages of Custom webhooks (Twilio replies travel in the webhook's own answer as
/// TwiML). Written in the SAME transaction as the <see cref="InboundMessage"/> it answers, so a crash after the
/// acknowledgement cannot lose the reply and a provider's retry of the event (stored once) cannot queue it twice; sent
/// afterwards by <see cref="ReplySender"/>, with retries.
/// </summary>
public sealed class PendingReply
{
    public const int LastErrorMaxLength = 300;
    public const int ProviderMessageIdMaxLength = 200;

    public long Id { get; set; }

    public int SandboxId { get; set; }

    /// <summary>The webhook the inbound message came through; its credential sends the reply (looked up at send time).</summary>
    public int WebhookId { get; set; }

    public long InboundMessageId { get; set; }

    public InboundMessage? InboundMessage { get; set; }

    public required string FromNumber { get; set; }

    public required string ToNumber { get; set; }

    public required string Message { get; set; }

    public PendingReplyState State { get; set; } = PendingReplyState.Pending;

    public int Attempts { get; set; }

    /// <summary>When the sender may try (again); also the lease of the instance that claimed it.</summary>
    public DateTime NextAttemptAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    /// <summary>Why the last attempt failed (an English message of <c>CustomSendMessages</c>, never a secret).</summary>
    public string? LastError { get; set; }

    public string? ProviderMessageId { get; set; }

    /// <summary>Concurrency token: claiming a reply bumps it, so two instances never send the same row at once.</summary>
    public int Version { get; set; }
}

internal sealed class PendingReplyConfiguration : IEntityTypeConfiguration<PendingReply>
{
    public void Configure(EntityTypeBuilder<PendingReply> b)
    {
        b.ToTable("PendingReplies");
        b.Property(r => r.FromNumber).HasMaxLength(ConsentRecord.NumberMaxLength);
        b.Property(r => r.ToNumber).HasMaxLength(ConsentRecord.NumberMaxLength);
        b.Property(r => r.Message).HasMaxLength(InboundMessage.ReplyMaxLength);
        b.Property(r => r.LastError).HasMaxLength(PendingReply.LastErrorMaxLength);
        b.Property(r => r.ProviderMessageId).HasMaxLength(PendingReply.ProviderMessageIdMaxLength);
        b.Property(r => r.Version).IsConcurrencyToken();

        // Deleting a webhook deletes its inbound messages, and with them their replies (one cascade path only).
        b.HasOne(r => r.InboundMessage).WithMany().HasForeignKey(r => r.InboundMessageId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.InboundMessageId).IsUnique();

        // The sender's query: pending replies that are due.
        b.HasIndex(r => new { r.State, r.NextAttemptAtUtc });
    }
}
