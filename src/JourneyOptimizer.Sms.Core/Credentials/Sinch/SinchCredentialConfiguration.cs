using JourneyOptimizer.Sms.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>
/// The Sinch subtype's columns in the <c>ApiCredentials</c> table (table-per-hierarchy), named with the vendor's prefix:
/// left to EF Core, <c>InboundNumber</c> (Twilio's too) would get a generated name that depends on the order in which
/// the model meets the subtypes, and adding Sinch renamed Twilio's column.
/// </summary>
internal sealed class SinchCredentialConfiguration : IEntityTypeConfiguration<SinchCredential>
{
    public void Configure(EntityTypeBuilder<SinchCredential> b)
    {
        b.HasBaseType<ApiCredential>();
        b.Property(c => c.ServicePlanId).HasColumnName("SinchServicePlanId").HasMaxLength(SinchCredential.ServicePlanIdLength);
        b.Property(c => c.ApiTokenProtected).HasColumnName("SinchApiTokenProtected").HasMaxLength(ApiCredential.ProtectedSecretMaxLength);
        b.Property(c => c.ApiTokenHint).HasColumnName("SinchApiTokenHint").HasMaxLength(ApiCredential.SecretHintLength);
        b.Property(c => c.InboundNumber).HasColumnName("SinchInboundNumber").HasMaxLength(PhoneNumberRules.MaxLength);
        b.Property(c => c.OverrideUrl).HasColumnName("SinchOverrideUrl").HasMaxLength(SinchCredential.OverrideUrlMaxLength);
        b.Property(c => c.WebhookSecretProtected).HasColumnName("SinchWebhookSecretProtected").HasMaxLength(ApiCredential.ProtectedSecretMaxLength);
        b.Property(c => c.WebhookSecretHint).HasColumnName("SinchWebhookSecretHint").HasMaxLength(ApiCredential.SecretHintLength);

        // An inbound message must resolve to exactly one sandbox.
        b.HasIndex(c => new { c.ServicePlanId, c.InboundNumber }).IsUnique();
    }
}
