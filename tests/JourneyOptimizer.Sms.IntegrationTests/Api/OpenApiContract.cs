using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace JourneyOptimizer.Sms.IntegrationTests.Api;

/// <summary>
/// Checks an answer of the API against the published document (<c>/openapi/v1.json</c>): the operation exists, the
/// status code is documented for it, the media type is documented, and the body matches the schema. Objects are
/// closed: a property the schema does not name is drift too, so an answer cannot grow fields the document hides.
/// </summary>
public sealed class OpenApiContract(JsonDocument document)
{
    private readonly JsonElement _root = document.RootElement;

    public static async Task<OpenApiContract> LoadAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new OpenApiContract(JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    public JsonElement Root => _root;

    /// <summary>Every way the answer differs from the document; empty when it matches.</summary>
    public IReadOnlyList<string> Check(string method, string path, int status, string? mediaType, string body,
        IReadOnlyCollection<string>? headers = null)
    {
        var problems = new List<string>();
        var (template, operation) = FindOperation(method, path);
        if (operation is null)
        {
            return [$"{method} {path}: no operation in the document"];
        }

        var where = $"{method} {template} → {status}";
        if (!operation.Value.GetProperty("responses").TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var response)
            && !operation.Value.GetProperty("responses").TryGetProperty("default", out response))
        {
            return [$"{where}: status not documented"];
        }

        if (headers is not null && response.TryGetProperty("headers", out var documentedHeaders))
        {
            foreach (var header in documentedHeaders.EnumerateObject())
            {
                if (header.Value.TryGetProperty("required", out var must) && must.ValueKind == JsonValueKind.True
                    && !headers.Contains(header.Name, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"the required header {header.Name} is missing");
                }
            }
        }

        if (body.Length == 0)
        {
            return problems.Select(p => $"{where}: {p}").ToList();
        }

        if (!response.TryGetProperty("content", out var content))
        {
            return [$"{where}: a body is sent but the document describes none"];
        }

        if (mediaType is null || !content.TryGetProperty(mediaType, out var media))
        {
            return [$"{where}: media type {mediaType} not documented"];
        }

        if (media.TryGetProperty("schema", out var schema))
        {
            using var json = JsonDocument.Parse(body);
            Validate(schema, json.RootElement, "$", problems, depth: 0);
        }

        return problems.Select(p => $"{where}: {p}").ToList();
    }

    private (string? Template, JsonElement? Operation) FindOperation(string method, string path)
    {
        var segments = path.Split('?')[0].Trim('/').Split('/');
        foreach (var item in _root.GetProperty("paths").EnumerateObject())
        {
            var parts = item.Name.Trim('/').Split('/');
            if (parts.Length != segments.Length
                || parts.Where((p, i) => !(p.StartsWith('{') || string.Equals(p, segments[i], StringComparison.OrdinalIgnoreCase))).Any())
            {
                continue;
            }

            // A literal segment wins over a parameter ("/sandboxes/{sandbox}" vs "/sandboxes/prod/..." never clash in length).
            if (item.Value.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                return (item.Name, operation);
            }
        }

        return (null, null);
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Replace("#/components/schemas/", "", StringComparison.Ordinal);
            schema = _root.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    private void Validate(JsonElement schema, JsonElement value, string at, List<string> problems, int depth)
    {
        if (depth > 64)
        {
            problems.Add($"{at}: schema nesting too deep");
            return;
        }

        schema = Resolve(schema);
        if (schema.ValueKind == JsonValueKind.True || (schema.ValueKind == JsonValueKind.Object && !schema.EnumerateObject().Any()))
        {
            return;
        }

        foreach (var combinator in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                var matched = options.EnumerateArray().Any(option =>
                {
                    var inner = new List<string>();
                    Validate(option, value, at, inner, depth + 1);
                    return inner.Count == 0;
                });
                if (!matched)
                {
                    problems.Add($"{at}: matches none of {combinator}");
                }

                return;
            }
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                Validate(part, value, at, problems, depth + 1);
            }
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            problems.Add($"{at}: {value.ValueKind} is not {type}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && value.ValueKind != JsonValueKind.Null
            && !allowed.EnumerateArray().Any(a => a.ValueKind == value.ValueKind && a.GetRawText() == value.GetRawText()))
        {
            problems.Add($"{at}: {value.GetRawText()} is not one of {allowed.GetRawText()}");
        }

        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("pattern", out var pattern)
            && !Regex.IsMatch(value.GetString()!, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            problems.Add($"{at}: \"{value.GetString()}\" does not match {pattern.GetString()}");
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                Validate(items, element, $"{at}[{index++}]", problems, depth + 1);
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            ValidateObject(schema, value, at, problems, depth);
        }
    }

    private void ValidateObject(JsonElement schema, JsonElement value, string at, List<string> problems, int depth)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    problems.Add($"{at}: required property {name} is missing");
                }
            }
        }

        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        var discriminator = schema.TryGetProperty("discriminator", out var d) ? d.GetProperty("propertyName").GetString() : null;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                // A write-only property (a secret) in an answer is a leak, whatever its value.
                if (propertySchema.TryGetProperty("writeOnly", out var writeOnly) && writeOnly.ValueKind == JsonValueKind.True)
                {
                    problems.Add($"{at}.{property.Name}: a write-only property is in the answer");
                }

                Validate(propertySchema, property.Value, $"{at}.{property.Name}", problems, depth + 1);
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Validate(additional, property.Value, $"{at}.{property.Name}", problems, depth + 1);
            }
            else if (additional.ValueKind != JsonValueKind.True && property.Name != discriminator)
            {
                problems.Add($"{at}: property {property.Name} is not in the document");
            }
        }
    }

    private static bool TypeMatches(JsonElement type, JsonElement value)
    {
        var types = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
            : [type.GetString()!];
        return types.Any(t => t switch
        {
            "null" => value.ValueKind == JsonValueKind.Null,
            "string" => value.ValueKind == JsonValueKind.String,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            _ => false,
        });
    }
}

/// <summary>Checks every answer that passes through it against the document and keeps what differed.</summary>
public sealed class ContractCheckingHandler(Func<OpenApiContract> contract) : DelegatingHandler
{
    private readonly List<string> _violations = [];

    public int Checked { get; private set; }

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_violations)
            {
                return _violations.ToList();
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var found = contract().Check(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, body, [.. response.Headers.Select(h => h.Key)]);
        lock (_violations)
        {
            Checked++;
            _violations.AddRange(found);
        }

        return response;
    }
}
