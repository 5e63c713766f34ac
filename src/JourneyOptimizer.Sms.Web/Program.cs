using System.Text.Encodings.Web;
using System.Text.Unicode;
using FluentValidation;
using FluentValidation.AspNetCore;
using JourneyOptimizer.Sms.Core;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using JourneyOptimizer.Sms.Web;
using JourneyOptimizer.Sms.Web.Api;
using JourneyOptimizer.Sms.Web.Infrastructure;
using JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;
using JourneyOptimizer.Sms.Web.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;
using Serilog;
using Serilog.Formatting.Compact;

// Two-stage bootstrap: this logger reports start-up failures; the configured one takes over once the host is built.
Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        ContentRootPath = PortalContentRoot.Resolve(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory),
    });

    builder.Services.AddSerilog((services, logger) =>
    {
        // Tokens in URLs (webhook paths, set-password and setup links) are redacted from every event in code, whatever
        // the configured levels (TokenRedaction).
        logger.ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<TokenRedaction>();
        if (builder.Environment.IsEnvironment("Testing"))
        {
            // Tests capture log events through a sink of their own.
        }
        else if (builder.Environment.IsDevelopment())
        {
            logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        }
    }, preserveStaticLogger: true);

    builder.Services.AddSmsCore(builder.Environment.ContentRootPath);
    builder.Services.AddWebhookIngestion();

    builder.Services.AddPortalDataProtection();

    builder.Services.AddIdentity<PortalUser, IdentityRole>(options =>
        {
            options.User.RequireUniqueEmail = true;
            options.Password.RequiredLength = 8;
            options.Lockout.AllowedForNewUsers = true;
            options.Lockout.MaxFailedAccessAttempts = 5;
            options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            options.SignIn.RequireConfirmedAccount = false;
        })
        .AddEntityFrameworkStores<SmsDbContext>()
        .AddSignInManager<PortalSignInManager>()
        .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
        .AddDefaultTokenProviders();

    // Sessions are re-checked against the database every interval: a disabled user is signed out at the next check.
    builder.Services.AddOptions<SecurityStampOptions>().BindConfiguration(SecurityStampOptions.SectionName)
        .Validate(o => o.SecurityStampValidationInterval >= TimeSpan.Zero, "Identity:SecurityStampValidationInterval cannot be negative.")
        .ValidateOnStart();
    builder.Services.AddOptions<SecurityStampValidatorOptions>()
        .Configure<Microsoft.Extensions.Options.IOptions<SecurityStampOptions>>((options, stamp) =>
            options.ValidationInterval = stamp.Value.SecurityStampValidationInterval);
    // Between those checks the stamp itself is compared on every request, so that sign-out ends a session on the server.
    builder.Services.AddScoped<ISecurityStampValidator, PortalSecurityStampValidator>();
    // Failed sign-ins are limited per source, not by locking accounts (docs/security.md).
    builder.Services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.SectionName)
        .Validate(o => o.MaxFailuresPerSource >= 1 && o.FailureWindow > TimeSpan.Zero,
            "SignIn:MaxFailuresPerSource must be at least 1 and SignIn:FailureWindow positive.")
        .ValidateOnStart();
    builder.Services.AddSingleton<SignInThrottle>();

    builder.Services.ConfigureApplicationCookie(options =>
    {
        options.LoginPath = "/account/sign-in";
        options.LogoutPath = "/account/sign-out";
        options.AccessDeniedPath = "/account/access-denied";
        options.Cookie.Name = "jo.sms.auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.SlidingExpiration = true;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.Events.OnRedirectToAccessDenied = context =>
        {
            // An authenticated user without the right role gets a real 403 (rendered by the status code page).
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToLogin = context =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        };
    });

    builder.Services.AddAuthorizationBuilder()
        .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
        .AddPolicy(PortalPolicies.SystemAdministrator, p => p.RequireRole(PortalRoles.SystemAdministrator));

    builder.Services.AddPortalApi();
    builder.Services.AddPortalLocalization();
    builder.Services.AddScoped<SandboxContext>();
    builder.Services.AddScoped<SandboxPageFilter>();
    builder.Services.AddSingleton<PendingSecrets>();
    // Pages are written in English, Chinese and Portuguese: by default the HTML encoder writes every character outside
    // Basic Latin as a numeric entity (each Chinese character as &#x....;), which makes Chinese pages several times
    // larger. Markup characters (< > & " ') are still encoded.
    builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

    builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AddFolderRouteModelConvention("/Administration/Channels", model =>
            {
                foreach (var selector in model.Selectors)
                {
                    selector.AttributeRouteModel!.Template = "sandboxes/{sandbox}/" + selector.AttributeRouteModel.Template;
                }
            });
            options.Conventions.AuthorizeFolder("/Administration/Sandboxes", PortalPolicies.SystemAdministrator);
            options.Conventions.AuthorizeFolder("/Administration/Users", PortalPolicies.SystemAdministrator);
            options.Conventions.AuthorizeFolder("/Administration/AuditLog", PortalPolicies.SystemAdministrator);
            options.Conventions.AllowAnonymousToFolder("/Account");
            options.Conventions.AllowAnonymousToPage("/Error");
        })
        .AddMvcOptions(options =>
        {
            options.Filters.AddService<SandboxPageFilter>();
            // The API credential form binds the input type of the vendor it names (one binder per vendor's input).
            options.ModelBinderProviders.Insert(0, new ApiCredentialFormBinderProvider());
        })
        .AddViewLocalization()
        .AddDataAnnotationsLocalization(options =>
            options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
    builder.Services.Configure<RouteOptions>(options =>
    {
        options.LowercaseUrls = true;
        options.LowercaseQueryStrings = false;
    });

    builder.Services.AddFluentValidationAutoValidation();
    builder.Services.AddFluentValidationClientsideAdapters();
    builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);

    builder.Services.AddHealthChecks()
        .AddCheck("live", () => HealthCheckResult.Healthy(), tags: ["live"])
        .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

    var app = builder.Build();

    LocalizedValidationMessages.Configure(app.Services.GetRequiredService<IStringLocalizer<SharedResource>>());
    await app.InitializeAsync();

    // First, so that every response carries them (docs/security.md).
    app.UseSecurityHeaders();

    if (!app.Environment.IsDevelopment())
    {
        app.UseExceptionHandler("/error/500");
        app.UseHsts();
    }

    app.MapWebhookEndpoints();
    app.UseStatusCodePagesWithReExecute("/error/{0}");
    app.UsePortalApiErrors();
    app.UseStaticFiles();
    app.UseSerilogRequestLogging(options =>
    {
        options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();

        // A request the client abandoned is not a server error.
        options.GetLevel = (context, _, exception) =>
            context.RequestAborted.IsCancellationRequested ? Serilog.Events.LogEventLevel.Information
            : exception is not null || context.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
            : Serilog.Events.LogEventLevel.Information;
    });
    app.UseRequestLocalization(PortalCultures.CreateOptions());
    app.UseRouting();
    app.UseAuthentication();
    app.UseRateLimiter();
    app.UseAuthorization();

    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") }).AllowAnonymous();
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
    app.MapRazorPages();
    app.MapPortalApi();

    await app.RunAsync();
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The portal stopped because of an error at start-up");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
