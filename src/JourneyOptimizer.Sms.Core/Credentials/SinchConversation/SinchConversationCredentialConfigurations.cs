using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>
/// The Sinch MMS subtype's columns in the <c>ApiCredentials</c> table (table-per-hierarchy). Every column is named with
/// the vendor's prefix: left to EF Core, a property that another vendor also has (<c>InboundNumber</c>,
/// <c>ApiTokenProtected</c>) gets a generated name that depends on which subtype the model meets first, and a new
/// vendor could rename an existing vendor's column.
/// </summary>
internal sealed class SinchMmsCredentialConfiguration : IEntityTypeConfiguration<SinchMmsCredential>
{
    public void Configure(EntityTypeBuilder<SinchMmsCredential> b)
    {
        b.HasBaseType<ApiCredential>();
        b.Property(c => c.ProjectId).HasColumnName("SinchMmsProjectId").HasMaxLength(SinchMmsCredential.ProjectIdMaxLength);
        b.Property(c => c.AppId).HasColumnName("SinchMmsAppId").HasMaxLength(SinchMmsCredential.AppIdMaxLength);
        b.Property(c => c.ApiTokenProtected).HasColumnName("SinchMmsApiTokenProtected").HasMaxLength(ApiCredential.ProtectedSecretMaxLength);
        b.Property(c => c.ApiTokenHint).HasColumnName("SinchMmsApiTokenHint").HasMaxLength(ApiCredential.SecretHintLength);
    }
}

/// <summary>The Sinch RCS subtype's columns in the <c>ApiCredentials</c> table (table-per-hierarchy).</summary>
internal sealed class SinchRcsCredentialConfiguration : IEntityTypeConfiguration<SinchRcsCredential>
{
    public void Configure(EntityTypeBuilder<SinchRcsCredential> b)
    {
        b.HasBaseType<ApiCredential>();
        b.Property(c => c.ProjectId).HasColumnName("SinchRcsProjectId").HasMaxLength(SinchMmsCredential.ProjectIdMaxLength);
        b.Property(c => c.AppId).HasColumnName("SinchRcsAppId").HasMaxLength(SinchMmsCredential.AppIdMaxLength);
        b.Property(c => c.ApiTokenProtected).HasColumnName("SinchRcsApiTokenProtected").HasMaxLength(ApiCredential.ProtectedSecretMaxLength);
        b.Property(c => c.ApiTokenHint).HasColumnName("SinchRcsApiTokenHint").HasMaxLength(ApiCredential.SecretHintLength);
        b.Property(c => c.ServicePlanId).HasColumnName("SinchRcsServicePlanId").HasMaxLength(Sinch.SinchCredential.ServicePlanIdLength);
        b.Property(c => c.SmsApiTokenProtected).HasColumnName("SinchRcsSmsApiTokenProtected").HasMaxLength(ApiCredential.ProtectedSecretMaxLength);
        b.Property(c => c.SmsApiTokenHint).HasColumnName("SinchRcsSmsApiTokenHint").HasMaxLength(ApiCredential.SecretHintLength);
        b.Property(c => c.WebhookSecretProtected).HasColumnName("SinchRcsWebhookSecretProtected").HasMaxLength(ApiCredential.ProtectedSecretMaxLength);
        b.Property(c => c.WebhookSecretHint).HasColumnName("SinchRcsWebhookSecretHint").HasMaxLength(ApiCredential.SecretHintLength);
        b.Property(c => c.ApiRateLimit).HasColumnName("SinchRcsApiRateLimit");
    }
}
