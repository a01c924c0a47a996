using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Numerics.Native.Compare;

/// <summary>
/// Checks a document against compare-result.schema.json. Implements the JSON Schema keywords that schema uses
/// (type, const, enum, required, properties, additionalProperties, items, minItems, minimum, exclusiveMinimum,
/// pattern, local $ref) and fails on any other, so the schema cannot silently grow past what is checked.
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "$defs", "title", "description"];
    private readonly JsonNode _root;

    private SchemaValidator(JsonNode root) => _root = root;

    public static SchemaValidator Embedded()
    {
        using Stream s = Assembly.GetExecutingAssembly().GetManifestResourceStream("compare-result.schema.json")
                         ?? throw new InvalidOperationException("the schema is not embedded in the tool");
        return new SchemaValidator(JsonNode.Parse(s)!);
    }

    public static string SchemaText()
    {
        using Stream s = Assembly.GetExecutingAssembly().GetManifestResourceStream("compare-result.schema.json")!;
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>Every violation as "path: what", empty when the document is valid.</summary>
    public List<string> Validate(JsonNode? document)
    {
        var errors = new List<string>();
        Check(_root, document, "$", errors);
        return errors;
    }

    private void Check(JsonNode schema, JsonNode? value, string path, List<string> errors)
    {
        JsonObject s = schema.AsObject();
        foreach ((string key, JsonNode? arg) in s)
        {
            switch (key)
            {
                case "$ref":
                    Check(Resolve(arg!.GetValue<string>()), value, path, errors);
                    break;
                case "type":
                    string[] types = arg is JsonArray a ? a.Select(t => t!.GetValue<string>()).ToArray() : [arg!.GetValue<string>()];
                    if (!types.Any(t => HasType(value, t))) errors.Add($"{path}: expected {string.Join(" or ", types)}, found {Kind(value)}");
                    break;
                case "const":
                    if (!JsonNode.DeepEquals(arg, value)) errors.Add($"{path}: expected {arg?.ToJsonString()}");
                    break;
                case "enum":
                    if (!arg!.AsArray().Any(e => JsonNode.DeepEquals(e, value))) errors.Add($"{path}: {value?.ToJsonString() ?? "null"} is not one of {arg.ToJsonString()}");
                    break;
                case "required":
                    if (value is JsonObject ro)
                        foreach (JsonNode? name in arg!.AsArray())
                            if (!ro.ContainsKey(name!.GetValue<string>())) errors.Add($"{path}: missing \"{name}\"");
                    break;
                case "properties":
                    if (value is JsonObject po)
                        foreach ((string name, JsonNode? sub) in arg!.AsObject())
                            if (po.TryGetPropertyValue(name, out JsonNode? v)) Check(sub!, v, $"{path}.{name}", errors);
                    break;
                case "additionalProperties":
                    if (value is JsonObject ao)
                    {
                        var known = s["properties"]?.AsObject().Select(p => p.Key).ToHashSet() ?? [];
                        foreach ((string name, JsonNode? v) in ao.Where(p => !known.Contains(p.Key)))
                        {
                            if (arg is JsonValue b && b.GetValueKind() == JsonValueKind.False) errors.Add($"{path}: unknown property \"{name}\"");
                            else if (arg is JsonObject) Check(arg, v, $"{path}.{name}", errors);
                        }
                    }
                    break;
                case "items":
                    if (value is JsonArray items)
                        for (int i = 0; i < items.Count; i++) Check(arg!, items[i], $"{path}[{i}]", errors);
                    break;
                case "minItems":
                    if (value is JsonArray mi && mi.Count < arg!.GetValue<int>()) errors.Add($"{path}: fewer than {arg} items");
                    break;
                case "minimum":
                    if (Number(value) is { } min && min < arg!.GetValue<double>()) errors.Add($"{path}: {min} < {arg}");
                    break;
                case "exclusiveMinimum":
                    if (Number(value) is { } emin && emin <= arg!.GetValue<double>()) errors.Add($"{path}: {emin} is not > {arg}");
                    break;
                case "pattern":
                    if (value is JsonValue pv && pv.GetValueKind() == JsonValueKind.String &&
                        !Regex.IsMatch(pv.GetValue<string>(), arg!.GetValue<string>(), RegexOptions.CultureInvariant))
                        errors.Add($"{path}: \"{pv.GetValue<string>()}\" does not match {arg}");
                    break;
                default:
                    if (!Annotations.Contains(key)) throw new NotSupportedException($"schema keyword \"{key}\" is not implemented by SchemaValidator");
                    break;
            }
        }
    }

    private JsonNode Resolve(string reference)
    {
        const string prefix = "#/$defs/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal)) throw new NotSupportedException($"$ref {reference}: only {prefix}… is supported");
        return _root["$defs"]?[reference[prefix.Length..]] ?? throw new InvalidOperationException($"$ref {reference} not found");
    }

    private static double? Number(JsonNode? v) =>
        v is JsonValue j && j.GetValueKind() == JsonValueKind.Number ? j.GetValue<double>() : null;

    private static bool HasType(JsonNode? v, string type) => type switch
    {
        "null" => v is null,
        "object" => v is JsonObject,
        "array" => v is JsonArray,
        "string" => v is JsonValue s && s.GetValueKind() == JsonValueKind.String,
        "boolean" => v is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => Number(v) is not null,
        "integer" => Number(v) is { } d && Math.Abs(d % 1) == 0,
        _ => throw new NotSupportedException($"type \"{type}\""),
    };

    private static string Kind(JsonNode? v) => v switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue j => j.GetValueKind().ToString().ToLower(CultureInfo.InvariantCulture),
        _ => "?",
    };
}
