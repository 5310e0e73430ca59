using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Options;

/// <summary>
/// Data-annotations validation whose messages use the configuration key ("Meta:AppSecrets") instead of
/// the CLR member name, recursing into nested option objects. The stock ValidateDataAnnotations says
/// "The VerifyToken field is required", which does not tell an operator which section it belongs to.
/// </summary>
internal sealed class SettingKeyDataAnnotationsValidator<T>(string? optionsName, string section) : IValidateOptions<T> where T : class
{
    /// <summary>The configuration section the options are bound from.</summary>
    public string Section => section;

    public ValidateOptionsResult Validate(string? name, T options)
    {
        if (optionsName is not null && name != optionsName) return ValidateOptionsResult.Skip;

        var failures = new List<string>();
        ValidateObject(options, section, failures, depth: 0);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateObject(object instance, string prefix, List<string> failures, int depth)
    {
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead) continue;
            var key = $"{prefix}:{property.Name}";
            var value = property.GetValue(instance);

            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                // Limits such as "0.0001" or "00:00:01" are written invariantly; options are read again on a request thread,
                // whose culture may be Arabic (another decimal separator), so parse them without it.
                if (attribute is RangeAttribute range) range.ParseLimitsInInvariantCulture = range.ConvertValueInInvariantCulture = true;
                var context = new ValidationContext(instance) { MemberName = property.Name, DisplayName = key };
                if (attribute.GetValidationResult(value, context) is { } result && result != ValidationResult.Success)
                {
                    failures.Add(attribute is RequiredAttribute && attribute.ErrorMessage is null
                        ? $"{key} is required."
                        : result.ErrorMessage ?? $"{key} is invalid.");
                }
            }

            if (depth < 4 && value is not null && IsNestedOptions(property.PropertyType))
                ValidateObject(value, key, failures, depth + 1);
        }

        if (instance is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(instance)))
            {
                var members = result.MemberNames.Any() ? string.Join(", ", result.MemberNames.Select(m => $"{prefix}:{m}")) : prefix;
                failures.Add($"{members}: {result.ErrorMessage}");
            }
        }
    }

    private static bool IsNestedOptions(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && !type.IsAbstract
        && type.Namespace?.StartsWith("System", StringComparison.Ordinal) != true;
}
