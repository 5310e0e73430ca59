// The tests start Postgres and Redis from Debian binaries and read /proc: Linux facts (as the AppHost's local servers are Unix ones).
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
