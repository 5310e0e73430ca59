namespace StackExchange.Redis;

/// <summary>Write condition: Always, only when the key/field already exists (XX), or only when it does not (NX).</summary>
public enum When
{
    Always,
    Exists,
    NotExists,
}
