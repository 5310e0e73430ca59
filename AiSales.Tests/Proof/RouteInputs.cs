using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace AiSales.Tests.Proof;

public enum InputSource { Route, Query, Form, Body }

/// <summary>One input of a route: where it comes from, its name and its type (FormName: a Blazor form's handler name).</summary>
public sealed record RouteInput(InputSource Source, string Name, Type Type, string? FormName = null);

/// <summary>
/// The inputs of a route, read from the app: a minimal API handler's parameters (its MethodInfo is endpoint metadata),
/// or a Blazor page's [SupplyParameterFromQuery] and [SupplyParameterFromForm] properties. A parameter added later is
/// in the corpus without anyone listing it.
/// </summary>
public static class RouteInputs
{
    public static IReadOnlyList<RouteInput> Of(RouteEndpoint endpoint)
    {
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var inputs = routeNames.Select(n => new RouteInput(InputSource.Route, n, typeof(string))).ToList();
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } component)
        {
            foreach (var property in component.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is { } query)
                    inputs.Add(new(InputSource.Query, query.Name ?? property.Name, property.PropertyType));
                else if (property.GetCustomAttribute<SupplyParameterFromFormAttribute>() is { } form)
                    inputs.Add(new(InputSource.Form, form.Name ?? property.Name, property.PropertyType, form.FormName));
            }
        }
        else if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } method)
        {
            foreach (var parameter in method.GetParameters())
            {
                var name = parameter.Name!;
                if (routeNames.Contains(name)) continue;
                if (parameter.GetCustomAttribute<FromFormAttribute>() is { } form)
                    inputs.Add(new(InputSource.Form, form.Name ?? name, parameter.ParameterType));
                else if (IsSimple(parameter.ParameterType))
                    inputs.Add(new(InputSource.Query, parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? name, parameter.ParameterType));
                else if (parameter.ParameterType.IsClass && parameter.ParameterType.Namespace?.StartsWith("AiSales.", StringComparison.Ordinal) == true
                         && parameter.ParameterType.GetConstructors().Any(c => c.GetParameters().Length > 0 && c.GetParameters().All(p => IsSimple(p.ParameterType))))
                    inputs.Add(new(InputSource.Body, name, parameter.ParameterType)); // a request record (LeadUpdate, HumanReply, ...)
            }
        }
        return inputs;
    }

    public static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsEnum || t == typeof(string) || t == typeof(int) || t == typeof(long) || t == typeof(Guid) || t == typeof(bool)
            || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(decimal) || t == typeof(double);
    }

    /// <summary>A value of the right shape, for the inputs not under test.</summary>
    public static string Benign(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(Guid) ? Guid.NewGuid().ToString()
            : t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double) ? "1"
            : t == typeof(bool) ? "true"
            : t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) ? "2026-11-01"
            : t.IsEnum ? Enum.GetNames(t)[0]
            : "x";
    }
}
