using JourneyOptimizer.Sms.Core.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyOptimizer.Sms.Core.Channels;

internal sealed class ChannelConfigurationEntityConfiguration : IEntityTypeConfiguration<ChannelConfiguration>
{
    public void Configure(EntityTypeBuilder<ChannelConfiguration> b)
    {
        b.ToTable("ChannelConfigurations");
        b.Property(c => c.Name).HasMaxLength(ChannelConfiguration.NameMaxLength);
        b.Property(c => c.NormalizedName).HasMaxLength(ChannelConfiguration.NameMaxLength);
        b.Property(c => c.Description).HasMaxLength(ChannelConfiguration.DescriptionMaxLength);
        b.Property(c => c.SenderNumber).HasMaxLength(ChannelConfiguration.SenderNumberMaxLength);
        b.Property(c => c.Subdomain).HasMaxLength(ChannelConfiguration.SubdomainMaxLength);
        b.Property(c => c.ExecutionField).HasMaxLength(ChannelConfiguration.ExecutionFieldMaxLength);
        b.Property(c => c.CheckErrorsJson).HasMaxLength(ChannelConfiguration.CheckErrorsMaxLength);
        b.Property(c => c.PendingDescription).HasMaxLength(ChannelConfiguration.DescriptionMaxLength);
        b.Property(c => c.PendingSenderNumber).HasMaxLength(ChannelConfiguration.SenderNumberMaxLength);
        b.Property(c => c.PendingSubdomain).HasMaxLength(ChannelConfiguration.SubdomainMaxLength);
        b.Property(c => c.PendingExecutionField).HasMaxLength(ChannelConfiguration.ExecutionFieldMaxLength);
        b.Property(c => c.PendingErrorsJson).HasMaxLength(ChannelConfiguration.CheckErrorsMaxLength);
        b.Property(c => c.ClaimedBy).HasMaxLength(ChannelConfiguration.ClaimedByMaxLength);
        b.Property(c => c.CreatedBy).HasMaxLength(ChannelConfiguration.UserNameMaxLength);
        b.Property(c => c.ModifiedBy).HasMaxLength(ChannelConfiguration.UserNameMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.NeedsCheck);

        b.HasOne(c => c.Sandbox).WithMany().HasForeignKey(c => c.SandboxId).OnDelete(DeleteBehavior.Restrict);

        // A credential in use cannot be deleted: ApiCredentialService names the configurations, the database is the last word.
        b.HasOne(c => c.ApiCredential).WithMany().HasForeignKey(c => c.ApiCredentialId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.PendingApiCredential).WithMany().HasForeignKey(c => c.PendingApiCredentialId).OnDelete(DeleteBehavior.Restrict);

        b.HasIndex(c => new { c.SandboxId, c.NormalizedName }).IsUnique();

        // The list filtered by status or type stays an index range in name order.
        b.HasIndex(c => new { c.SandboxId, c.Status, c.NormalizedName });
        b.HasIndex(c => new { c.SandboxId, c.SmsType, c.NormalizedName });

        // The background checks look for work here.
        b.HasIndex(c => new { c.Status, c.PendingCheck });
    }
}
