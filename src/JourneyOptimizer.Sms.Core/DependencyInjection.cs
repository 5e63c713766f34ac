using FluentValidation;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Infobip;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Core.Credentials.SinchConversation;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core;

public static class DependencyInjection
{
    public const string SqliteMigrationsAssembly = "JourneyOptimizer.Sms.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "JourneyOptimizer.Sms.Migrations.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "JourneyOptimizer.Sms.Migrations.PostgreSql";

    /// <summary>The database, the services and the validators of the portal's core.</summary>
    public static IServiceCollection AddSmsCore(this IServiceCollection services, string contentRootPath)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .Configure<IConfiguration>((options, config) =>
            {
                var connectionString = config.GetConnectionString(DatabaseOptions.ConnectionStringName);
                if (!string.IsNullOrWhiteSpace(connectionString))
                {
                    options.ConnectionString = connectionString;
                }
                else if (options.Provider == DatabaseProvider.Sqlite)
                {
                    var dataFolder = Path.Combine(contentRootPath, "App_Data");
                    Directory.CreateDirectory(dataFolder);
                    options.ConnectionString = $"Data Source={Path.Combine(dataFolder, "portal.db")}";
                }
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:Provider is SqlServer or PostgreSql but ConnectionStrings:Portal is not set.")
            .ValidateOnStart();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.SectionName);
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName)
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicBaseUrl)
                    || (Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"),
                "Webhooks:PublicBaseUrl must be an absolute http or https URL.")
            .ValidateOnStart();

        // Options are read when the pool creates its first context, so hosts and tests can override configuration late.
        services.AddDbContextPool<SmsDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            ConfigureDatabase(options, database.Provider, database.ConnectionString!);
            options.EnableThreadSafetyChecks(database.ThreadSafetyChecks);
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddScoped<AuditLog>();
        services.AddScoped<SandboxService>();
        services.AddScoped<SandboxCopyService>();
        services.AddScoped<SandboxAccessService>();
        services.AddScoped<FirstStartService>();
        services.AddScoped<UserService>();
        services.AddScoped<Identity.ApiKeys.ApiKeyService>();
        services.AddScoped<Api.IdempotencyStore>();
        services.AddScoped<Audit.AuditLogQuery>();
        services.AddScoped<ApiCredentialService>();
        services.AddScoped<WebhookService>();
        services.AddScoped<WebhookProviderSettings>();
        services.AddScoped<ConsentService>();
        services.AddTwilio();
        services.AddCustomProviders();
        services.AddSinch();
        services.AddSinchMms();
        services.AddSinchRcs();
        services.AddInfobip();
        services.AddChannelConfigurations();
        services.AddCredentialChecks();
        services.AddValidatorsFromAssemblyContaining<SmsDbContext>(ServiceLifetime.Singleton, includeInternalTypes: false);
        return services;
    }

    public static void ConfigureDatabase(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (provider)
        {
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString, sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly));
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));
                break;
            default:
                options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
        }
    }
}
