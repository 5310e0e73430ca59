namespace Aspire.Hosting;

/// <summary>
/// Generated per project resource in the <c>Projects</c> namespace (see build/Aspire.Hosting.AppHost.targets).
/// </summary>
public interface IProjectMetadata
{
    /// <summary>Full path of the project file.</summary>
    string ProjectPath { get; }

    /// <summary>The project is built with the AppHost; the launcher never builds it.</summary>
    bool SuppressBuild => true;
}
