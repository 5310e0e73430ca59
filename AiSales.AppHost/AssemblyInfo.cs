// The local-binary servers, file modes and setpriv are Unix facts; on Windows use containers or existing servers.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
