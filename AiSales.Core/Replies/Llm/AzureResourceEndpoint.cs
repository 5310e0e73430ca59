namespace AiSales.Core.Replies.Llm;

/// <summary>
/// <see cref="Azure.AI.OpenAI.AzureOpenAIClient"/> wants the resource root (https://{resource}.openai.azure.com) and
/// appends /openai/deployments/… itself. Ai:Endpoint used to be the v1 base URL (…/openai/v1/), so that form — and a
/// bare …/openai/ — is cut back to the root instead of producing …/openai/v1/openai/deployments/….
/// </summary>
internal static class AzureResourceEndpoint
{
    private static readonly string[] ApiPaths = ["/openai/v1", "/openai"];

    public static Uri From(string configured)
    {
        var uri = new Uri(configured.Trim());
        var path = uri.AbsolutePath.TrimEnd('/');
        foreach (var apiPath in ApiPaths)
        {
            if (path.EndsWith(apiPath, StringComparison.OrdinalIgnoreCase))
            {
                path = path[..^apiPath.Length];
                break;
            }
        }
        return new UriBuilder(uri) { Path = path + "/", Query = "" }.Uri;
    }
}
