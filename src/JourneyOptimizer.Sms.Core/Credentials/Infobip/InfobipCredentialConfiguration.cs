using JourneyOptimizer.Sms.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>The Infobip subtype's columns in the <c>ApiCredentials</c> table (table-per-hierarchy).</summary>
internal sealed class InfobipCredentialConfiguration : IEntityTypeConfiguration<InfobipCredential>
{
    public void Configure(EntityTypeBuilder<InfobipCredential> b)
    {
        b.HasBaseType<ApiCredential>();
        b.Property(c => c.ApiBaseUrl).HasMaxLength(InfobipCredential.ApiBaseUrlMaxLength);
        b.Property(c => c.ApiKeyProtected).HasMaxLength(ApiCredential.ProtectedSecretMaxLength);
        b.Property(c => c.ApiKeyHint).HasMaxLength(ApiCredential.SecretHintLength);
        // Named explicitly: Twilio's InboundNumber column keeps its name whichever subtype EF configures first.
        b.Property(c => c.InboundNumber).HasColumnName("InfobipInboundNumber").HasMaxLength(PhoneNumberRules.MaxLength);
        b.Property(c => c.PrincipalEntityId).HasMaxLength(InfobipCredential.DltIdMaxLength);
        b.Property(c => c.ContentTemplateId).HasMaxLength(InfobipCredential.DltIdMaxLength);
        b.Property(c => c.CallbackData).HasMaxLength(InfobipCredential.CallbackDataMaxLength);
        b.Property(c => c.FuzzyAutoReply).HasMaxLength(InfobipCredential.FuzzyAutoReplyMaxLength);

        // An inbound message must resolve to exactly one sandbox: one inbound number per Infobip account (base URL).
        b.HasIndex(c => new { c.ApiBaseUrl, c.InboundNumber }).IsUnique();
    }
}
