using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Options;

public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to configuration section <paramref name="section"/>, checks its data
    /// annotations and fails the host at start-up (not at first use) with messages that name the full
    /// setting key, e.g. "Meta:VerifyToken is required.", so an operator knows exactly what to set.
    /// </summary>
    /// <remarks>
    /// Safe to call from every registration that needs <typeparamref name="T"/>: the section is bound once (binding twice
    /// would append array settings twice and report every failure twice). One options type has one section: asking for
    /// <typeparamref name="T"/> under another section throws, so two keys can never configure one rule.
    /// </remarks>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class
    {
        ArgumentException.ThrowIfNullOrEmpty(section);
        var existing = services
            .Select(d => d.ServiceType == typeof(IValidateOptions<T>) ? d.ImplementationInstance as SettingKeyDataAnnotationsValidator<T> : null)
            .FirstOrDefault(v => v is not null);
        if (existing is not null)
        {
            if (!string.Equals(existing.Section, section, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException(
                    $"{typeof(T).Name} is already bound to section '{existing.Section}'; one options type reads one section, not also '{section}'.");
            return new OptionsBuilder<T>(services, Microsoft.Extensions.Options.Options.DefaultName);
        }

        services.AddSingleton<IValidateOptions<T>>(new SettingKeyDataAnnotationsValidator<T>(Microsoft.Extensions.Options.Options.DefaultName, section));
        return services.AddOptions<T>()
            .BindConfiguration(section)
            .ValidateOnStart();
    }
}
