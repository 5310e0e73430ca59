using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Wolverine.Runtime;

/// <summary>
/// One handler method compiled once into delegates, so executing a message costs no reflection:
/// the handler instance comes from an ActivatorUtilities factory and the call is an expression tree.
/// </summary>
internal sealed class MessageHandler
{
    private readonly ObjectFactory? _factory;
    private readonly Func<object?, object, IServiceProvider, MessageContext, CancellationToken, object?> _call;
    private readonly Func<object?, ValueTask<object?>> _unwrap;

    public MessageHandler(Type handlerType, MethodInfo method)
    {
        HandlerType = handlerType;
        MessageType = method.GetParameters()[0].ParameterType;
        HandlerName = $"{handlerType.FullName}.{method.Name}";
        ReturnType = UnwrappedReturnType(method.ReturnType);
        _factory = method.IsStatic ? null : ActivatorUtilities.CreateFactory(handlerType, Type.EmptyTypes);
        _call = CompileCall(handlerType, method);
        _unwrap = CompileUnwrap(method.ReturnType);
    }

    public Type HandlerType { get; }
    public Type MessageType { get; }
    public string HandlerName { get; }

    /// <summary>What the method produces once awaited (null for void/Task).</summary>
    public Type? ReturnType { get; }

    public async ValueTask<object?> InvokeAsync(object message, IServiceProvider services, MessageContext context, CancellationToken ct)
    {
        var instance = _factory?.Invoke(services, null);
        try
        {
            return await _unwrap(_call(instance, message, services, context, ct));
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable ad: await ad.DisposeAsync(); break;
                case IDisposable d: d.Dispose(); break;
            }
        }
    }

    private static Func<object?, object, IServiceProvider, MessageContext, CancellationToken, object?> CompileCall(Type handlerType, MethodInfo method)
    {
        var instance = Expression.Parameter(typeof(object), "handler");
        var message = Expression.Parameter(typeof(object), "message");
        var services = Expression.Parameter(typeof(IServiceProvider), "services");
        var context = Expression.Parameter(typeof(MessageContext), "context");
        var ct = Expression.Parameter(typeof(CancellationToken), "ct");
        var getService = typeof(ServiceProviderServiceExtensions).GetMethod(
            nameof(ServiceProviderServiceExtensions.GetRequiredService), [typeof(IServiceProvider), typeof(Type)])!;

        var args = method.GetParameters().Select((p, i) => i == 0
            ? Expression.Convert(message, p.ParameterType)
            : p.ParameterType == typeof(CancellationToken) ? ct
            : p.ParameterType == typeof(Envelope) ? Expression.Property(context, nameof(MessageContext.Envelope))
            : p.ParameterType.IsAssignableFrom(typeof(MessageContext)) ? Expression.Convert(context, p.ParameterType)
            : (Expression)Expression.Convert(Expression.Call(getService, services, Expression.Constant(p.ParameterType)), p.ParameterType));

        Expression call = method.IsStatic
            ? Expression.Call(method, args)
            : Expression.Call(Expression.Convert(instance, handlerType), method, args);
        Expression body = method.ReturnType == typeof(void)
            ? Expression.Block(call, Expression.Constant(null))
            : Expression.Convert(call, typeof(object));
        return Expression.Lambda<Func<object?, object, IServiceProvider, MessageContext, CancellationToken, object?>>(
            body, instance, message, services, context, ct).Compile();
    }

    private static Type? UnwrappedReturnType(Type t) =>
        t == typeof(void) || t == typeof(Task) || t == typeof(ValueTask) ? null
        : t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(Task<>) || t.GetGenericTypeDefinition() == typeof(ValueTask<>)) ? t.GetGenericArguments()[0]
        : t;

    private static Func<object?, ValueTask<object?>> CompileUnwrap(Type t)
    {
        if (t == typeof(Task)) return async r => { await (Task)r!; return null; };
        if (t == typeof(ValueTask)) return async r => { await (ValueTask)r!; return null; };
        if (t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(Task<>) || t.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            var name = t.GetGenericTypeDefinition() == typeof(Task<>) ? nameof(AwaitTask) : nameof(AwaitValueTask);
            var m = typeof(MessageHandler).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(t.GetGenericArguments()[0]);
            return m.CreateDelegate<Func<object?, ValueTask<object?>>>();
        }
        return r => ValueTask.FromResult(r);
    }

    private static async ValueTask<object?> AwaitTask<T>(object? task) => await (Task<T>)task!;
    private static async ValueTask<object?> AwaitValueTask<T>(object? task) => await (ValueTask<T>)task!;
}
