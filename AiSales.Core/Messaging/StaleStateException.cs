namespace AiSales.Core.Messaging;

/// <summary>
/// A handler found that what it read changed before it could commit, so its work is void; the error policies
/// (<see cref="MessagingPolicies"/>) run it again at once from a fresh read, a few times, before it is dead-lettered.
/// Declared here so the policies need not know which handler throws it.
/// </summary>
public abstract class StaleStateException(string message) : Exception(message);
