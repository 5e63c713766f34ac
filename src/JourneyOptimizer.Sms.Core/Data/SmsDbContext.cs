using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Core.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Data;

/// <summary>The portal's one database: identity, Data Protection keys, sandboxes, credentials, webhooks and what
/// they receive, consent, and the audit log.</summary>
public sealed class SmsDbContext(DbContextOptions<SmsDbContext> options)
    : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Sandbox> Sandboxes => Set<Sandbox>();

    public DbSet<SandboxPermission> SandboxPermissions => Set<SandboxPermission>();

    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    public DbSet<PasswordSetupToken> PasswordSetupTokens => Set<PasswordSetupToken>();

    public DbSet<Identity.ApiKeys.ApiKey> ApiKeys => Set<Identity.ApiKeys.ApiKey>();

    public DbSet<Api.IdempotencyRecord> IdempotencyRecords => Set<Api.IdempotencyRecord>();

    public DbSet<ApiCredential> ApiCredentials => Set<ApiCredential>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    public DbSet<InboundMessage> InboundMessages => Set<InboundMessage>();

    public DbSet<DeliveryFeedback> DeliveryFeedback => Set<DeliveryFeedback>();

    public DbSet<MessageDeliveryStatus> MessageDeliveryStatuses => Set<MessageDeliveryStatus>();

    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SmsDbContext).Assembly);

        // Each vendor's credential subtype (configured in its own folder) is stored as the SmsVendor its constructor
        // sets. Set here, after every configuration: the root's HasDiscriminator drops the values of subtypes configured
        // before it, and the order in which configurations apply is not ours.
        var discriminator = builder.Entity<ApiCredential>().HasDiscriminator(c => c.Vendor);
        foreach (var subtype in builder.Model.GetEntityTypes().Select(t => t.ClrType)
                     .Where(t => t.IsSubclassOf(typeof(ApiCredential)) && !t.IsAbstract).ToList())
        {
            discriminator.HasValue(subtype, ((ApiCredential)Activator.CreateInstance(subtype)!).Vendor);
        }

        builder.Entity<DataProtectionKey>(b =>
        {
            b.Property(k => k.FriendlyName).HasMaxLength(450);
            b.Property(k => k.Xml).HasMaxLength(8000);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Enums are stored by name: readable in every database and safe when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(30);

        // PostgreSQL compares text by the database's locale unless told otherwise (en_US.UTF-8 orders "a-b" and "ab"
        // by letters first and is not byte order). The lists' keyset cursors and name-prefix searches are ranges on
        // the normalized columns (key < name < prefix + U+10FFFF) that hold only in code-point order, as SQLite's
        // BINARY compares: "C" gives that whatever locale the database was created with, and lets those ranges use
        // the indexes.
        if (Database.IsNpgsql())
        {
            configurationBuilder.Properties<string>().UseCollation("C");
        }
    }
}
