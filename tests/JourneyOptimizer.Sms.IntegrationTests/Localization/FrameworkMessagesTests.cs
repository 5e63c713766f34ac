using System.Globalization;
using System.Net;
using System.Reflection;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static JourneyOptimizer.Sms.IntegrationTests.Localization.LocalizedClient;

namespace JourneyOptimizer.Sms.IntegrationTests.Localization;

/// <summary>The framework's own messages (Identity, MVC model binding, FluentValidation) in the user's language.</summary>
public sealed class FrameworkMessagesTests(LocalizedPortal portal) : IClassFixture<LocalizedPortal>
{
    public static TheoryData<string> AllCultures => new(PortalCultures.English, PortalCultures.ChineseSimplified, PortalCultures.PortugueseBrazil);

    [Fact]
    public void TheIdentityErrorDescriber_IsTheLocalizedOne_AndOverridesEveryMessage()
    {
        using var scope = portal.Portal.Services.CreateScope();
        Assert.IsType<LocalizedIdentityErrorDescriber>(scope.ServiceProvider.GetRequiredService<IdentityErrorDescriber>());
        Assert.IsType<LocalizedIdentityErrorDescriber>(scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().ErrorDescriber);

        var notOverridden = DescriberMethods()
            .Where(m => typeof(LocalizedIdentityErrorDescriber).GetMethod(m.Name, [.. m.GetParameters().Select(p => p.ParameterType)])!.DeclaringType
                        != typeof(LocalizedIdentityErrorDescriber))
            .Select(m => m.Name).ToList();
        Assert.True(notOverridden.Count == 0, "Not translated: " + string.Join(", ", notOverridden));
    }

    [Theory]
    [MemberData(nameof(AllCultures))]
    public void EveryIdentityError_IsInTheCulture_WithIdentitysCode(string culture)
    {
        using var scope = portal.Portal.Services.CreateScope();
        var localized = scope.ServiceProvider.GetRequiredService<IdentityErrorDescriber>();
        var original = new IdentityErrorDescriber();
        var expectedTexts = culture == PortalCultures.English
            ? null
            : LocalizationCatalog.Translations(culture).Values.ToHashSet(StringComparer.Ordinal);

        using (new CultureScope(culture))
        {
            foreach (var method in DescriberMethods())
            {
                object[] arguments = [.. method.GetParameters().Select(p => p.ParameterType == typeof(int) ? 8 : (object)"x@example.com")];
                var error = (IdentityError)method.Invoke(localized, arguments)!;
                var english = (IdentityError)method.Invoke(original, arguments)!;

                Assert.Equal(english.Code, error.Code);
                Assert.False(string.IsNullOrWhiteSpace(error.Description), method.Name);
                if (expectedTexts is not null)
                {
                    // The description is one of the culture's translations, formatted with the argument.
                    Assert.True(expectedTexts.Any(t => t == error.Description || FormatsTo(t, culture, arguments, error.Description)),
                        $"{method.Name}: \"{error.Description}\" is not a {culture} translation.");
                }
            }
        }
    }

    [Fact]
    public async Task UserManager_SaysThatAnEmailIsTaken_InPortuguese()
    {
        await using var scope = portal.Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        using var culture = new CultureScope(PortalCultures.PortugueseBrazil);

        var result = await users.CreateAsync(new PortalUser { UserName = "other", Email = PortalFactory.AdminEmail }, "Adm1n!Passw0rd-2");

        Assert.Contains(T(PortalCultures.PortugueseBrazil, "An account with the email address “{0}” already exists.", PortalFactory.AdminEmail),
            result.Errors.Select(e => e.Description));
    }

    [Fact]
    public async Task FirstStart_WithAWeakPassword_InChinese_ShowsIdentitysRulesNextToThePassword()
    {
        const string zh = PortalCultures.ChineseSimplified;
        await using var firstStart = new PortalFactory { Options = new() { BootstrapAdministrator = false } };
        string token;
        await using (var scope = firstStart.CreateScope())
        {
            token = (await scope.ServiceProvider.GetRequiredService<FirstStartService>().EnsureAsync(CancellationToken.None)).SetupToken!;
        }

        using var client = Anonymous(firstStart, zh);
        var setup = await client.GetDocumentAsync("/account/setup?token=" + token);
        var finder = new UntranslatedTextFinder(zh);
        var problems = finder.Find("/account/setup", setup).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var response = await client.SubmitAsync(setup, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "first@example.com",
            ["Input.Password"] = "lowercase1",
            ["Input.ConfirmPassword"] = "lowercase1",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        // The field shows the first of Identity's complaints (no symbol, then no upper-case letter).
        Assert.Equal(T(zh, "The password must have at least one symbol (a character that is neither a letter nor a digit)."),
            PortalClient.FieldError(page, "Input.Password"));
        Assert.Equal("", PortalClient.FormError(page));
        Assert.False(await firstStart.WithDbAsync(db => Task.FromResult(db.Users.Any())));
    }

    [Theory]
    [MemberData(nameof(AllCultures))]
    public void ModelBindingMessages_AreInTheCulture(string culture)
    {
        var messages = portal.Portal.Services.GetRequiredService<IOptions<MvcOptions>>().Value.ModelBindingMessageProvider;
        using var scope = new CultureScope(culture);

        Assert.Equal(T(culture, "The value '{0}' is not valid.", "abc"), messages.AttemptedValueIsInvalidAccessor("abc", "Version"));
        Assert.Equal(T(culture, "The value '{0}' is not valid.", "abc"), messages.NonPropertyAttemptedValueIsInvalidAccessor("abc"));
        Assert.Equal(T(culture, "The value '{0}' is not valid.", "abc"), messages.ValueIsInvalidAccessor("abc"));
        Assert.Equal(T(culture, "The value is not valid."), messages.UnknownValueIsInvalidAccessor("Version"));
        Assert.Equal(T(culture, "The value is not valid."), messages.NonPropertyUnknownValueIsInvalidAccessor());
        Assert.Equal(T(culture, "Enter a number."), messages.ValueMustBeANumberAccessor("Version"));
        Assert.Equal(T(culture, "Enter a number."), messages.NonPropertyValueMustBeANumberAccessor());
        Assert.Equal(T(culture, LocalizationSetup.RequiredFieldMessage), messages.MissingBindRequiredValueAccessor("Version"));
        Assert.Equal(T(culture, LocalizationSetup.RequiredFieldMessage), messages.ValueMustNotBeNullAccessor(""));
        Assert.Equal(T(culture, "A value is required."), messages.MissingKeyOrValueAccessor());
        Assert.Equal(T(culture, "A non-empty request body is required."), messages.MissingRequestBodyRequiredValueAccessor());
    }

    [Fact]
    public void EveryFluentValidationMessage_OfEveryValidator_HasATranslation()
    {
        // Catches messages the source scan cannot see: a rule without WithMessage (FluentValidation's English
        // default), or a message built in code.
        var validatorTypes = new[] { typeof(SmsDbContext).Assembly, typeof(LocalizationSetup).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t))
            .ToList();
        using var scope = portal.Portal.Services.CreateScope();
        var problems = new List<string>();
        var messages = 0;
        var customRules = 0;
        foreach (var type in validatorTypes)
        {
            var validated = type.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)).GetGenericArguments()[0];
            var validator = (IValidator)scope.ServiceProvider.GetRequiredService(typeof(IValidator<>).MakeGenericType(validated));
            foreach (var rule in validator.CreateDescriptor().Rules)
            {
                foreach (var component in rule.Components.Where(c => c.Validator is not IChildValidatorAdaptor))
                {
                    if (IsCustomRule(component))
                    {
                        // Never fails itself: its failures carry their own messages (covered by the test below).
                        customRules++;
                        continue;
                    }

                    var message = component.GetUnformattedErrorMessage();
                    messages++;
                    foreach (var culture in LocalizationCatalog.Cultures)
                    {
                        if (!LocalizationCatalog.Translations(culture).TryGetValue(message, out var translation) || LocalizationCatalog.IsUntranslated(translation))
                        {
                            problems.Add($"{type.Name}, {rule.PropertyName}, {component.Validator.Name}: \"{message}\" has no {culture} translation.");
                        }
                    }
                }
            }
        }

        Assert.True(validatorTypes.Count >= 4, string.Join(", ", validatorTypes.Select(t => t.Name)));
        Assert.True(messages > 20, $"{messages} messages");
        Assert.True(customRules >= 3, $"Only {customRules} RuleFor(...).Custom(...) rules recognised: has FluentValidation changed how it builds them?");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public async Task EveryFailureOfTheCustomRules_IsAKeyOfTheCatalog_WithATranslation()
    {
        // The Custom(...) rules of CustomCredentialInputValidator (URLs, OAuth body, headers) add failures with messages
        // chosen at run time. Each must be a key that the catalog knows (a constant of CustomCredentialMessages) and
        // that every language translates; in English the message formatter leaves the key as it is.
        await using var scope = portal.Portal.Services.CreateAsyncScope();
        var validator = scope.ServiceProvider.GetRequiredService<IValidator<CustomCredentialInput>>();
        var known = LocalizationCatalog.AllKeys.Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        string[] urls = ["", "not a url", "http://api.example.com/send", "https://user:secret@api.example.com/send",
            "https://127.0.0.1/send", "https://api.example.com/" + new string('a', 2000)];
        string[] oAuthBodies = ["[1]", """{"grant_type": {"a": 1}}""", """{"grant_type": "client_credentials"}""", "{\"a\": \"" + new string('a', 4000) + "\"}"];
        (string? Name, string? Value, bool Secret)[][] headerSets =
        [
            [],
            [("Content-Type", "text/plain; charset=utf-8", false), ("Charset", "utf-9", false), ("", "v", false), ("X Tenant", "v", false)],
            [("Content-Type", "", true), ("Charset", "utf-8", false), ("Host", "h", false), ("X-Line", "a\r\nb", false), ("X-Empty", "", false)],
            [("Content-Type", "json", false), ("Charset", "utf-8", false), ("X-Long", new string('v', 2001), false), ("X-Ascii", "é", false),
                ("x-ascii", "v", false), (new string('n', 101), "v", false)],
            [("Content-Type", "application/json", false), ("Charset", "utf-8", false), .. Enumerable.Range(0, 11).Select(i => ($"X-H{i}", "v", false))],
        ];

        var failures = new List<FluentValidation.Results.ValidationFailure>();
        using (new CultureScope(PortalCultures.English))
        {
            for (var i = 0; i < Math.Max(urls.Length, Math.Max(oAuthBodies.Length, headerSets.Length)); i++)
            {
                var input = new CustomCredentialInput
                {
                    ProviderUrl = urls[i % urls.Length],
                    AuthType = CustomAuthType.OAuth,
                    OAuthUrl = urls[(i + 1) % urls.Length],
                    OAuthBody = oAuthBodies[i % oAuthBodies.Length],
                    Headers = [.. headerSets[i % headerSets.Length].Select(h => new CustomHeaderInput { Name = h.Name, Value = h.Value, IsSecret = h.Secret })],
                };
                failures.AddRange((await validator.ValidateAsync(input)).Errors);
            }
        }

        var customFailures = failures.Where(f => f.PropertyName.StartsWith("ProviderUrl", StringComparison.Ordinal)
            || f.PropertyName.StartsWith("OAuth", StringComparison.Ordinal) || f.PropertyName.StartsWith("Headers", StringComparison.Ordinal)).ToList();
        var problems = new List<string>();
        foreach (var failure in customFailures.DistinctBy(f => f.ErrorMessage))
        {
            if (!known.Contains(failure.ErrorMessage))
            {
                problems.Add($"{failure.PropertyName}: \"{failure.ErrorMessage}\" is no key of the catalog (not a public constant of a Core *Messages class?).");
            }

            problems.AddRange(LocalizationCatalog.Cultures
                .Where(c => !LocalizationCatalog.Translations(c).TryGetValue(failure.ErrorMessage, out var t) || LocalizationCatalog.IsUntranslated(t))
                .Select(c => $"{failure.PropertyName}: \"{failure.ErrorMessage}\" has no {c} translation."));
        }

        Assert.DoesNotContain(customFailures, f => f.ErrorMessage.Contains("condition was not met", StringComparison.Ordinal));
        Assert.True(customFailures.Select(f => f.ErrorMessage).Distinct().Count() >= 20,
            "Too few distinct messages: " + string.Join(" | ", customFailures.Select(f => f.ErrorMessage).Distinct()));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// True for a component made by <c>RuleFor(...).Custom(...)</c>: FluentValidation builds it as a <c>Must</c> whose
    /// predicate calls the action and returns true, so its own (default) message is never shown. Recognised by the
    /// lambda that <c>DefaultValidatorExtensions.Custom</c> compiles, found through the predicate's closures.
    /// </summary>
    private static bool IsCustomRule(IRuleComponent component)
    {
        if (component.Validator.Name != "PredicateValidator")
        {
            return false;
        }

        return component.Validator.GetType().GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Select(f => f.GetValue(component.Validator)).OfType<Delegate>().Any(d => ComesFromCustom(d, depth: 0));
    }

    private static bool ComesFromCustom(Delegate predicate, int depth)
    {
        var method = predicate.Method;
        for (var type = method.DeclaringType; type is not null; type = type.DeclaringType)
        {
            if (type == typeof(DefaultValidatorExtensions) && method.Name.Contains("<Custom", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return depth < 3 && predicate.Target is { } closure
            && closure.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(f => f.GetValue(closure)).OfType<Delegate>().Any(d => ComesFromCustom(d, depth + 1));
    }

    private static bool FormatsTo(string translation, string culture, object[] arguments, string expected)
    {
        if (arguments.Length == 0 || LocalizationCatalog.Placeholders(translation).Any(p => p >= arguments.Length))
        {
            return false;
        }

        return string.Format(CultureInfo.GetCultureInfo(culture), translation, arguments) == expected;
    }

    private static IEnumerable<MethodInfo> DescriberMethods() =>
        typeof(IdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.IsVirtual && m.ReturnType == typeof(IdentityError) && m.DeclaringType == typeof(IdentityErrorDescriber));

    /// <summary>Runs a block in a culture (as a request would after RequestLocalization) and restores the previous one.</summary>
    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(string culture)
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
