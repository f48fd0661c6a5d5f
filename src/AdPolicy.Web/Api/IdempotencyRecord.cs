namespace AdPolicy.Web.Api;

/// <summary>
/// A request made with an <c>Idempotency-Key</c>: the first one inserts this row in the same transaction as its change,
/// so a retry (or a concurrent twin, which waits on the primary key) finds it and gets the same answer instead of a second
/// change. Kept, not expired: it also records which key filed which resource.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 200;

    /// <summary>The primary key's constraint name (key and Idempotency-Key), as EF's naming makes it.</summary>
    public const string PrimaryKey = "pk_api_idempotency_keys";

    private IdempotencyRecord()
    {
        Key = RequestHash = string.Empty;
    }

    public IdempotencyRecord(Guid apiKeyId, string key, string requestHash, DateTimeOffset createdAt)
    {
        ApiKeyId = apiKeyId;
        Key = key;
        RequestHash = requestHash;
        CreatedAt = createdAt;
    }

    public Guid ApiKeyId { get; private set; }

    public string Key { get; private set; }

    /// <summary>SHA-256 of the request body: the same key with a different body is refused, not replayed.</summary>
    public string RequestHash { get; private set; }

    public int? StatusCode { get; private set; }

    /// <summary>The JSON answered the first time (never a secret or a tracking link).</summary>
    public string? ResponseBody { get; private set; }

    public Guid? ResourceId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public void Complete(int statusCode, string responseBody, Guid? resourceId)
    {
        StatusCode = statusCode;
        ResponseBody = responseBody;
        ResourceId = resourceId;
    }
}
