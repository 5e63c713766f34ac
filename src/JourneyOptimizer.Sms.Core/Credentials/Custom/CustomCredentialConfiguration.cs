using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>The Custom subtype's columns in the <c>ApiCredentials</c> table (table-per-hierarchy).</summary>
internal sealed class CustomCredentialConfiguration : IEntityTypeConfiguration<CustomCredential>
{
    public void Configure(EntityTypeBuilder<CustomCredential> b)
    {
        b.HasBaseType<ApiCredential>();
        b.Property(c => c.ProviderName).HasMaxLength(CustomCredential.ProviderNameMaxLength);
        b.Property(c => c.ProviderUrl).HasMaxLength(CustomCredential.ProviderUrlMaxLength);
        b.Property(c => c.ConfigurationJson).HasMaxLength(CustomCredential.ConfigurationMaxLength);
        b.Property(c => c.SecretsProtected).HasMaxLength(CustomCredential.SecretsMaxLength);

        // Channel configurations look for the sandbox's RCS (or MMS) credentials.
        b.HasIndex(c => new { c.SandboxId, c.ChannelType });
    }
}
