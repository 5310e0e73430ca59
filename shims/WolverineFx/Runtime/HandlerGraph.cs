using System.Reflection;

namespace Wolverine.Runtime;

/// <summary>Handlers found by convention, indexed by message type name (the name stored in the queue).</summary>
internal sealed class HandlerGraph
{
    private static readonly string[] MethodNames = ["Handle", "HandleAsync", "Handles", "HandlesAsync", "Consume", "ConsumeAsync", "Consumes", "ConsumesAsync"];
    private readonly Dictionary<string, List<MessageHandler>> _byMessageType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _messageTypes = new(StringComparer.Ordinal);

    public HandlerGraph(WolverineOptions options)
    {
        var candidates = new List<Type>(options.Discovery.Types);
        if (!options.Discovery.ConventionalDiscoveryDisabled)
        {
            var assemblies = options.Discovery.Assemblies.ToList();
            if (options.ApplicationAssembly is { } app) assemblies.Add(app);
            candidates.AddRange(assemblies.Distinct().SelectMany(SafeTypes).Where(IsConventionalHandler));
        }

        foreach (var type in candidates.Distinct())
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            if (!MethodNames.Contains(method.Name) || method.GetParameters().Length == 0 || method.ContainsGenericParameters) continue;
            var handler = new MessageHandler(type, method);
            var key = NameFor(handler.MessageType);
            if (!_byMessageType.TryGetValue(key, out var list)) _byMessageType[key] = list = [];
            list.Add(handler);
            _messageTypes[key] = handler.MessageType;
        }
    }

    /// <summary>Message type names this node can execute (the listener only fetches these).</summary>
    public string[] MessageTypeNames => [.. _byMessageType.Keys];

    public static string NameFor(Type messageType) => messageType.FullName ?? messageType.Name;

    public IReadOnlyList<MessageHandler> HandlersFor(string messageType) =>
        _byMessageType.TryGetValue(messageType, out var list) ? list : [];

    public IReadOnlyList<MessageHandler> HandlersFor(Type messageType) => HandlersFor(NameFor(messageType));

    public Type? MessageTypeFor(string name) => _messageTypes.GetValueOrDefault(name);

    private static bool IsConventionalHandler(Type t) =>
        t is { IsPublic: true, IsClass: true, ContainsGenericParameters: false }
        && (!t.IsAbstract || t.IsSealed) // static classes are abstract + sealed
        && (t.Name.EndsWith("Handler", StringComparison.Ordinal) || t.Name.EndsWith("Consumer", StringComparison.Ordinal));

    private static IEnumerable<Type> SafeTypes(Assembly a)
    {
        try { return a.GetExportedTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
    }
}
