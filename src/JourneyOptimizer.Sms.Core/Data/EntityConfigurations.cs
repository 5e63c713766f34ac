using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Sandboxes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyOptimizer.Sms.Core.Data;

internal sealed class SandboxConfiguration : IEntityTypeConfiguration<Sandbox>
{
    public void Configure(EntityTypeBuilder<Sandbox> b)
    {
        b.Property(s => s.Name).HasMaxLength(Sandbox.NameMaxLength);
        b.Property(s => s.Title).HasMaxLength(Sandbox.TitleMaxLength);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => s.Name).IsUnique();
    }
}

internal sealed class SandboxPermissionConfiguration : IEntityTypeConfiguration<SandboxPermission>
{
    public void Configure(EntityTypeBuilder<SandboxPermission> b)
    {
        b.HasKey(p => new { p.UserId, p.SandboxId });
        b.Property(p => p.UserId).HasMaxLength(450);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.Sandbox).WithMany().HasForeignKey(p => p.SandboxId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SetupTokenConfiguration : IEntityTypeConfiguration<SetupToken>
{
    public void Configure(EntityTypeBuilder<SetupToken> b)
    {
        b.Property(t => t.TokenHash).HasMaxLength(SetupToken.HashLength);
        b.HasIndex(t => t.TokenHash).IsUnique();
    }
}

internal sealed class PasswordSetupTokenConfiguration : IEntityTypeConfiguration<PasswordSetupToken>
{
    public void Configure(EntityTypeBuilder<PasswordSetupToken> b)
    {
        b.Property(t => t.UserId).HasMaxLength(450);
        b.Property(t => t.TokenHash).HasMaxLength(PasswordSetupToken.HashLength);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.UserId);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<Identity.ApiKeys.ApiKey>
{
    public void Configure(EntityTypeBuilder<Identity.ApiKeys.ApiKey> b)
    {
        b.ToTable("ApiKeys");
        b.Property(k => k.UserId).HasMaxLength(450);
        b.Property(k => k.Name).HasMaxLength(Identity.ApiKeys.ApiKey.NameMaxLength);
        b.Property(k => k.Prefix).HasMaxLength(Identity.ApiKeys.ApiKey.PrefixLength);
        b.Property(k => k.KeyHash).HasMaxLength(Identity.ApiKeys.ApiKey.HashLength);
        b.HasIndex(k => k.Prefix).IsUnique();
        b.HasIndex(k => k.UserId);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<Api.IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<Api.IdempotencyRecord> b)
    {
        b.ToTable("IdempotencyRecords");
        b.Property(r => r.UserId).HasMaxLength(450);
        b.Property(r => r.Key).HasMaxLength(Api.IdempotencyRecord.KeyMaxLength);
        b.Property(r => r.RequestHash).HasMaxLength(Api.IdempotencyRecord.HashLength);
        b.Property(r => r.ResponseJson).HasMaxLength(Api.IdempotencyRecord.ResponseMaxLength);
        b.Property(r => r.Location).HasMaxLength(500);
        b.Property(r => r.ETag).HasMaxLength(50);
        b.HasIndex(r => new { r.UserId, r.SandboxId, r.Key }).IsUnique();
        b.HasOne<PortalUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiCredentialConfiguration : IEntityTypeConfiguration<ApiCredential>
{
    public void Configure(EntityTypeBuilder<ApiCredential> b)
    {
        b.ToTable("ApiCredentials");
        // Each vendor's subtype sets its own discriminator value and columns, in its folder.
        b.HasDiscriminator(c => c.Vendor);
        b.Property(c => c.Name).HasMaxLength(ApiCredential.NameMaxLength);
        b.Property(c => c.NormalizedName).HasMaxLength(ApiCredential.NameMaxLength);
        b.Property(c => c.Address).HasMaxLength(ApiCredential.AddressMaxLength);
        b.Property(c => c.LastVerificationError).HasMaxLength(500);
        b.Property(c => c.AccountType).HasMaxLength(10);
        b.Property(c => c.CreatedBy).HasMaxLength(ApiCredential.UserNameMaxLength);
        b.Property(c => c.ModifiedBy).HasMaxLength(ApiCredential.UserNameMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.Sandbox).WithMany().HasForeignKey(c => c.SandboxId).OnDelete(DeleteBehavior.Restrict);

        // Name unique per sandbox, case-insensitive; also the list's order and its keyset cursor.
        b.HasIndex(c => new { c.SandboxId, c.NormalizedName }).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserId).HasMaxLength(AuditEntry.UserIdMaxLength);
        b.Property(a => a.UserName).HasMaxLength(AuditEntry.UserNameMaxLength);
        b.Property(a => a.ObjectType).HasMaxLength(AuditEntry.ObjectTypeMaxLength);
        b.Property(a => a.ObjectId).HasMaxLength(AuditEntry.ObjectIdMaxLength);
        b.Property(a => a.ObjectName).HasMaxLength(AuditEntry.ObjectNameMaxLength);
        b.Property(a => a.Action).HasMaxLength(AuditEntry.ActionMaxLength);
        b.Property(a => a.ChangesJson).HasMaxLength(AuditEntry.ChangesMaxLength);
        b.HasIndex(a => new { a.SandboxId, a.OccurredAtUtc });
        b.HasIndex(a => new { a.ObjectType, a.ObjectId });

        // The audit log page: newest first over everything, or filtered by the user who acted.
        b.HasIndex(a => a.OccurredAtUtc);
        b.HasIndex(a => new { a.UserId, a.OccurredAtUtc });
    }
}
