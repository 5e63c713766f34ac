using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;

namespace JourneyOptimizer.Sms.IntegrationTests.Localization;

/// <summary>
/// Every English text the portal shows has a zh-Hans and a pt-BR translation. The keys come from the source (see
/// <see cref="KeyScanner.Shapes"/>), the dynamic list and the glossary; the translations from the resx files.
/// </summary>
public sealed class TranslationCompletenessTests
{
    [Fact]
    public void EveryKeyInUse_HasATranslation_InEveryLanguage()
    {
        var translations = LocalizationCatalog.Cultures.ToDictionary(c => c, LocalizationCatalog.Translations);

        var report = LocalizationCatalog.MissingTranslationsReport(LocalizationCatalog.AllKeys, translations);

        Assert.True(report.Length == 0, "Untranslated keys (English text = key):\n\n" + report);
    }

    [Fact]
    public void EveryTranslation_KeepsThePlaceholdersOfItsKey()
    {
        var report = string.Concat(LocalizationCatalog.Cultures.Select(c => LocalizationCatalog.PlaceholderReport(c, LocalizationCatalog.Translations(c))));

        Assert.True(report.Length == 0, "Placeholders differ:\n" + report);
    }

    [Fact]
    public void EveryLanguage_TranslatesTheSameKeys()
    {
        var report = LocalizationCatalog.KeyDifferenceReport(LocalizationCatalog.Cultures.ToDictionary(c => c, LocalizationCatalog.Translations));

        Assert.True(report.Length == 0, report);
    }

    [Fact]
    public void GlossaryLabels_AreTranslatedExactlyAsTheGlossarySays()
    {
        var problems = new List<string>();
        foreach (var culture in LocalizationCatalog.Cultures)
        {
            var entries = LocalizationCatalog.Translations(culture);
            foreach (var label in LocalizationCatalog.Glossary)
            {
                var actual = entries.GetValueOrDefault(label.English);
                if (actual != label.In(culture))
                {
                    problems.Add($"{culture}: \"{label.English}\" must be \"{label.In(culture)}\", the resx has {(actual is null ? "nothing" : $"\"{actual}\"")}.");
                }
            }
        }

        Assert.NotEmpty(LocalizationCatalog.Glossary);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Scan_OfThisRepository_SeesEveryKeyShape()
    {
        // Guards the scan itself: should it stop finding keys, the completeness test above would pass for nothing.
        var keys = LocalizationCatalog.SourceKeys;

        Assert.True(keys.Count > 100, $"Only {keys.Count} key uses found under {LocalizationCatalog.RepositoryRoot}/src.");
        AssertFound(keys, "Create sandbox", ".cshtml");
        AssertFound(keys, "The email or password is incorrect.", "SignIn.cshtml.cs");
        AssertFound(keys, "Enter a name.", "CredentialRules.cs");
        AssertFound(keys, "This inbound number is already used with this Account SID (in this or another sandbox). Each sandbox needs its own inbound number.", "TwilioVendor.cs");
        AssertFound(keys, TwilioCredentialInputValidator.NumberMessage, "TwilioCredentialInputValidator.cs");
        AssertFound(keys, "This setup link is no longer valid.", "FirstStartService.cs");
        AssertFound(keys, "The password must have at least {0} characters.", "LocalizedIdentityErrorDescriber.cs");
        AssertFound(keys, "This field is required.", "LocalizationSetup.cs");
        Assert.DoesNotContain(keys, k => k.Location.Contains("/obj/", StringComparison.Ordinal) || k.Location.Contains(".Migrations.", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.Key == CustomPayloadTemplate.Message);
    }

    [Fact]
    public void MessageClasses_OfCore_GiveTheirPublicConstants_AndAllKeysLists()
    {
        Assert.Superset(
            new HashSet<Type> { typeof(CustomCredentialMessages), typeof(CustomSendMessages), typeof(TwilioErrorText), typeof(TwilioCredentialVerifier) },
            LocalizationCatalog.MessageClasses.ToHashSet());
        var keys = LocalizationCatalog.MessageClassKeys;

        Assert.Contains(new KeyUse(CustomCredentialMessages.UrlNotHttps, "CustomCredentialMessages.UrlNotHttps"), keys);
        Assert.Contains(new KeyUse(CustomSendMessages.Timeout, "CustomSendMessages.Timeout"), keys);
        Assert.Contains(new KeyUse(TwilioErrorText.Unreachable, "TwilioErrorText.AllKeys"), keys);
        Assert.Contains(new KeyUse(TwilioCredentialVerifier.AccountNotFound, "TwilioCredentialVerifier.AccountNotFound"), keys);
        Assert.Subset(keys.Select(k => k.Key).ToHashSet(StringComparer.Ordinal), TwilioErrorText.AllKeys.Concat(TwilioCredentialVerifier.AllKeys).ToHashSet(StringComparer.Ordinal));

        // Not keys: the redaction marker of a provider's answer, and the private field-name constants of the verifier.
        Assert.DoesNotContain(keys, k => k.Key == CustomSendMessages.Redacted);
        Assert.DoesNotContain(keys, k => k.Key == nameof(TwilioCredentialInput.AccountSid));
    }

    [Fact]
    public void Scanner_FindsEveryShape_IncludingMultiLineOnes()
    {
        const string source = """
            <h1>@L["Plain view text"]</h1>
            <a title="@L["In an attribute"]" data-confirm="@L["Delete “{0}”?", item.Name]">x</a>
            StatusMessage = localizer["Saved “{0}”.", name];
            var text = _localizer["Escaped \"quotes\" and \u00e9"].Value;
            var other = stringLocalizer.GetString("Through GetString");
            RuleFor(x => x.Name).NotEmpty().WithMessage("From a validator.");
            errors.Add(new FieldError(nameof(Input.Name), "A field error."));
            return CredentialResult.Fail(CredentialOutcome.Invalid, new Core.Common.FieldError("Vendor", "After a literal field."));
            private static Result Conflict() => Result.Fail(Outcome.Conflict,
                new FieldError(FieldError.FormLevel,
                    "Over several lines, " +
                    "joined with a plus."));
            public const string NumberMessage =
                "A constant message.";
            [Display(Name = "A display name")]
            [Required(ErrorMessage = "An annotation message.")]
            return ["A returned error."];
            var ignored = Localizer[$"Interpolated {x}"] + L[variable] + SomethingElse["Not a localizer"];
            public const string Message = "{{message}}";
            """;

        var found = KeyScanner.Scan(source, "Sample.cs", isCore: true).ToList();

        Assert.Equal(
            [
                "A constant message.", "A display name", "A field error.", "A returned error.", "After a literal field.",
                "An annotation message.", "Delete “{0}”?", "Escaped \"quotes\" and é", "From a validator.", "In an attribute",
                "Over several lines, joined with a plus.", "Plain view text", "Saved “{0}”.", "Through GetString",
            ],
            found.Select(k => k.Key).Order(StringComparer.Ordinal));
        Assert.Contains(new KeyUse("Over several lines, joined with a plus.", "Sample.cs:11"), found);
        Assert.DoesNotContain(KeyScanner.Scan(source, "Sample.cs", isCore: false), k => k.Key == "A returned error.");
    }

    [Fact]
    public void MissingTranslationsReport_NamesEachMissingKey_WhereItIsUsed_AndWhatToPaste()
    {
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> translations = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["zh-Hans"] = new Dictionary<string, string> { ["Name"] = "名称", ["Pending"] = "" },
            ["pt-BR"] = new Dictionary<string, string> { ["Name"] = "Nome", ["Pending"] = "TODO", ["A & B"] = "A e B" },
        };
        KeyUse[] keys = [new("Name", "a.cshtml:1"), new("Pending", "b.cs:2"), new("A & B", "c.cs:3"), new("A & B", "d.cs:4"), new("name", "e.cs:5")];

        var report = LocalizationCatalog.MissingTranslationsReport(keys, translations);

        Assert.Contains("SharedResource.zh-Hans.resx lacks 3 translation(s)", report, StringComparison.Ordinal);
        Assert.Contains("SharedResource.pt-BR.resx lacks 2 translation(s)", report, StringComparison.Ordinal);
        Assert.Contains("resx names ignore case: the file has \"Name\" already", report, StringComparison.Ordinal);
        Assert.DoesNotContain("<data name=\"name\"", report, StringComparison.Ordinal);
        Assert.Contains("<!-- used in c.cs:3, d.cs:4 -->", report, StringComparison.Ordinal);
        Assert.Contains("<data name=\"A &amp; B\" xml:space=\"preserve\"><value></value></data>", report, StringComparison.Ordinal);
        Assert.Contains("<data name=\"Pending\"", report, StringComparison.Ordinal);
        Assert.DoesNotContain("<data name=\"Name\"", report, StringComparison.Ordinal);
        Assert.Equal("", LocalizationCatalog.MissingTranslationsReport([new KeyUse("Name", "a.cshtml:1")], translations));
    }

    [Fact]
    public void PlaceholderReport_CatchesLostAndBrokenPlaceholders_NumberedOrNamed()
    {
        var report = LocalizationCatalog.PlaceholderReport("zh-Hans", new Dictionary<string, string>
        {
            ["Saved “{0}”."] = "已保存。",
            ["Plain."] = "多了{0}。",
            ["{0} of {1}"] = "{1}中的{0}",
            ["Broken “{0}”."] = "坏了“{0}”{。",
            ["'{PropertyName}' is too long."] = "太长了。",
        });

        Assert.Contains("\"Saved “{0}”.\" has {0} but its translation \"已保存。\" has no placeholder", report, StringComparison.Ordinal);
        Assert.Contains("\"Plain.\" has no placeholder", report, StringComparison.Ordinal);
        Assert.DoesNotContain("{0} of {1}", report, StringComparison.Ordinal);
        Assert.Contains("the translation of \"Broken “{0}”.\" is not a valid format string", report, StringComparison.Ordinal);
        Assert.Contains("\"'{PropertyName}' is too long.\" has {PropertyName} but its translation \"太长了。\" has no placeholder", report, StringComparison.Ordinal);
    }

    private static void AssertFound(IReadOnlyList<KeyUse> keys, string key, string fileEnding) =>
        Assert.True(keys.Any(k => k.Key == key && k.Location.Split(':')[0].EndsWith(fileEnding, StringComparison.Ordinal)),
            $"The scan did not find \"{key}\" in a file ending with {fileEnding}.");
}
