using Microsoft.Extensions.Options;
using Microsoft.Extensions.Options.Validation;

namespace Microsoft.Extensions.DependencyInjection;

public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to configuration section <paramref name="section"/>, checks its data
    /// annotations and fails the host at start-up (not at first use) with messages that name the full
    /// setting key, e.g. "Meta:VerifyToken is required.", so an operator knows exactly what to set.
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class
    {
        ArgumentException.ThrowIfNullOrEmpty(section);
        services.AddSingleton<IValidateOptions<T>>(new SettingKeyDataAnnotationsValidator<T>(Options.Options.DefaultName, section));
        return services.AddOptions<T>()
            .BindConfiguration(section)
            .ValidateOnStart();
    }
}
