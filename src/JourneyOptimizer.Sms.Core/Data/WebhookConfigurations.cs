using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyOptimizer.Sms.Core.Data;

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> b)
    {
        b.Property(w => w.Name).HasMaxLength(Webhook.NameMaxLength);
        b.Property(w => w.NormalizedName).HasMaxLength(Webhook.NameMaxLength);
        b.Property(w => w.SenderNumber).HasMaxLength(ConsentRecord.NumberMaxLength);
        b.Property(w => w.PathToken).HasMaxLength(Webhook.PathTokenMaxLength);
        b.Property(w => w.SigningSecretHash).HasMaxLength(Webhook.SecretHashLength);
        b.Property(w => w.SigningSecretHint).HasMaxLength(Webhook.SecretHintLength);
        b.Property(w => w.KeywordSettingsJson).HasMaxLength(Webhook.KeywordSettingsMaxLength);
        b.Property(w => w.PayloadMappingJson).HasMaxLength(Webhook.PayloadMappingMaxLength);
        b.Property(w => w.CreatedBy).HasMaxLength(Webhook.UserNameMaxLength);
        b.Property(w => w.ModifiedBy).HasMaxLength(Webhook.UserNameMaxLength);
        b.Property(w => w.Version).IsConcurrencyToken();
        b.HasOne(w => w.Sandbox).WithMany().HasForeignKey(w => w.SandboxId).OnDelete(DeleteBehavior.Restrict);

        // A credential in use by a webhook cannot be deleted: the service says which, the database is the last word.
        b.HasOne(w => w.ApiCredential).WithMany().HasForeignKey(w => w.ApiCredentialId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(w => new { w.SandboxId, w.NormalizedName }).IsUnique();
        b.HasIndex(w => w.PathToken).IsUnique();
    }
}

internal sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> b)
    {
        b.Property(m => m.EventKey).HasMaxLength(InboundMessage.EventKeyMaxLength);
        b.Property(m => m.ProviderMessageId).HasMaxLength(InboundMessage.ProviderMessageIdMaxLength);
        b.Property(m => m.ProfileNumber).HasMaxLength(ConsentRecord.NumberMaxLength);
        b.Property(m => m.InboundNumber).HasMaxLength(ConsentRecord.NumberMaxLength);
        b.Property(m => m.Body).HasMaxLength(InboundMessage.BodyMaxLength);
        b.Property(m => m.Keyword).HasMaxLength(InboundMessage.KeywordMaxLength);
        b.Property(m => m.ReplyMessage).HasMaxLength(InboundMessage.ReplyMaxLength);
        // History outlives its webhook: deleting a webhook keeps the inbound messages (the STOP that proves an opt-out),
        // shown as from a deleted webhook until the retention period removes them.
        b.HasOne<Webhook>().WithMany().HasForeignKey(m => m.WebhookId).OnDelete(DeleteBehavior.SetNull);

        // A provider's retry is stored once.
        b.HasIndex(m => new { m.WebhookId, m.EventKey }).IsUnique();

        // The admin list: newest first per sandbox, in its own order (time, then id), so that a page is a walk down
        // this index and never a sort of the sandbox's messages (ActivityListQueryPlanTests).
        b.HasIndex(m => new { m.SandboxId, m.ReceivedAtUtc, m.Id });
    }
}

internal sealed class DeliveryFeedbackConfiguration : IEntityTypeConfiguration<DeliveryFeedback>
{
    public void Configure(EntityTypeBuilder<DeliveryFeedback> b)
    {
        b.Property(f => f.EventKey).HasMaxLength(DeliveryFeedback.EventKeyMaxLength);
        b.Property(f => f.ClientReference).HasMaxLength(DeliveryFeedback.ClientReferenceMaxLength);
        b.Property(f => f.Status).HasMaxLength(DeliveryFeedback.StatusMaxLength);
        b.Property(f => f.Code).HasMaxLength(DeliveryFeedback.CodeMaxLength);
        b.HasOne<Webhook>().WithMany().HasForeignKey(f => f.WebhookId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(f => new { f.WebhookId, f.EventKey }).IsUnique();
        b.HasIndex(f => new { f.SandboxId, f.Id });

        // One message's receipts (the Delivery feedback page): a seek instead of a scan of the sandbox's receipts.
        b.HasIndex(f => new { f.SandboxId, f.ClientReference });
    }
}

internal sealed class MessageDeliveryStatusConfiguration : IEntityTypeConfiguration<MessageDeliveryStatus>
{
    public void Configure(EntityTypeBuilder<MessageDeliveryStatus> b)
    {
        b.Property(s => s.ClientReference).HasMaxLength(DeliveryFeedback.ClientReferenceMaxLength);
        b.Property(s => s.Status).HasMaxLength(DeliveryFeedback.StatusMaxLength);
        b.Property(s => s.Code).HasMaxLength(DeliveryFeedback.CodeMaxLength);
        b.HasOne<Webhook>().WithMany().HasForeignKey(s => s.WebhookId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(s => new { s.SandboxId, s.ClientReference }).IsUnique();
        b.HasIndex(s => new { s.SandboxId, s.UpdatedAtUtc });
    }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.Property(c => c.SenderNumber).HasMaxLength(ConsentRecord.NumberMaxLength);
        b.Property(c => c.ProfileNumber).HasMaxLength(ConsentRecord.NumberMaxLength);
        b.Property(c => c.Keyword).HasMaxLength(ConsentRecord.KeywordMaxLength);
        b.Property(c => c.ChangedBy).HasMaxLength(ConsentRecord.ChangedByMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Sandboxes.Sandbox>().WithMany().HasForeignKey(c => c.SandboxId).OnDelete(DeleteBehavior.Restrict);

        // One record per (sandbox, sender, profile): the consent check of a send is one index seek.
        b.HasIndex(c => new { c.SandboxId, c.SenderNumber, c.ProfileNumber }).IsUnique();

        // The consent list: search by profile number prefix.
        b.HasIndex(c => new { c.SandboxId, c.ProfileNumber });
    }
}
