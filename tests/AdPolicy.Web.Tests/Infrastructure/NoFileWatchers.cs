using System.Runtime.CompilerServices;

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>
/// Every test app host would watch its configuration and content files with inotify. Dozens of hosts in one run (and
/// a second test run on the same machine) exhaust the per-user limit of 128 inotify instances, and then every host
/// that starts fails with "The configured user limit (128) on the number of inotify instances has been reached".
/// Nothing in a test changes those files while it runs, so the hosts neither reload configuration nor watch files.
/// </summary>
internal static class NoFileWatchers
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
