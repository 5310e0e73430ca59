using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static class ProjectResourceBuilderExtensions
{
    /// <summary>A project launched from its built dll, with an "http" endpoint (Ports:{name} or a free port).</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        var resource = new ProjectResource(name, new TProject());
        return builder.AddResource(resource);
    }
}

public static class ResourceBuilderExtensions
{
    /// <summary>Declares the http endpoint; port is the default used when free (tests always get free ports).</summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, int? targetPort = null, string? name = null, string? env = null, bool isProxied = true)
        where T : IResourceWithEndpoints
    {
        if (builder.Resource is ProjectResource project)
        {
            var endpointName = name ?? "http";
            project.EndpointList.RemoveAll(e => e.Name == endpointName);
            var allocated = DistributedApplicationBuilder.AllocatePort(builder.ApplicationBuilder, builder.Resource.Name, port ?? targetPort);
            project.EndpointList.Add(new EndpointAnnotation(endpointName, "http", allocated));
        }
        return builder;
    }

    /// <summary>Injects ConnectionStrings__{name} (connection-string resources) or services__{name}__http__0 (projects).</summary>
    public static IResourceBuilder<TDestination> WithReference<TDestination>(this IResourceBuilder<TDestination> builder, IResourceBuilder<IResource> source)
        where TDestination : IResourceWithEnvironment
    {
        if (source.Resource is IResourceWithEndpoints and ProjectResource p) EnsureHttpEndpoint(source.ApplicationBuilder, p);
        ((Resource)(object)builder.Resource).References.Add(source.Resource);
        return builder;
    }

    /// <summary>Start this resource only after <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency) where T : IResourceWithWaitSupport
    {
        ((Resource)(object)builder.Resource).WaitsFor.Add(dependency.Resource);
        return builder;
    }

    /// <summary>Healthy = GET {path} on the http endpoint answers 2xx.</summary>
    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string? path = null, int? statusCode = null, string? endpointName = null)
        where T : IResourceWithEndpoints
    {
        if (builder.Resource is ProjectResource p) EnsureHttpEndpoint(builder.ApplicationBuilder, p);
        ((Resource)(object)builder.Resource).HealthCheckPath = path ?? "/";
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string? value) where T : IResourceWithEnvironment
    {
        ((Resource)(object)builder.Resource).Environment[name] = () => value ?? "";
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, Func<string> value) where T : IResourceWithEnvironment
    {
        ((Resource)(object)builder.Resource).Environment[name] = value;
        return builder;
    }

    internal static void EnsureHttpEndpoint(IDistributedApplicationBuilder app, ProjectResource project)
    {
        if (project.EndpointList.Count > 0) return;
        var port = DistributedApplicationBuilder.AllocatePort(app, project.Name, null);
        project.EndpointList.Add(new EndpointAnnotation("http", "http", port));
    }
}
