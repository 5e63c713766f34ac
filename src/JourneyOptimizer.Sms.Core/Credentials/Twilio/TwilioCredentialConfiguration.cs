using JourneyOptimizer.Sms.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>The Twilio subtype's columns in the <c>ApiCredentials</c> table (table-per-hierarchy).</summary>
internal sealed class TwilioCredentialConfiguration : IEntityTypeConfiguration<TwilioCredential>
{
    public void Configure(EntityTypeBuilder<TwilioCredential> b)
    {
        b.HasBaseType<ApiCredential>();
        b.Property(c => c.AccountSid).HasMaxLength(34);
        b.Property(c => c.AuthTokenProtected).HasMaxLength(ApiCredential.ProtectedSecretMaxLength);
        b.Property(c => c.AuthTokenHint).HasMaxLength(ApiCredential.SecretHintLength);
        b.Property(c => c.ApiKeySid).HasMaxLength(34);
        b.Property(c => c.ApiKeySecretProtected).HasMaxLength(ApiCredential.ProtectedSecretMaxLength);
        b.Property(c => c.ApiKeySecretHint).HasMaxLength(ApiCredential.SecretHintLength);
        b.Property(c => c.MessagingServiceSid).HasMaxLength(34);
        b.Property(c => c.InboundNumber).HasMaxLength(PhoneNumberRules.MaxLength);

        // An inbound message must resolve to exactly one sandbox.
        b.HasIndex(c => new { c.AccountSid, c.InboundNumber }).IsUnique();
    }
}
