namespace Wolverine.Postgresql;

/// <summary>
/// The queue's DDL. Idempotent; applied at start-up under an advisory lock so several nodes can start
/// together. Table names are our own (not wolverine_*) so the real package can later live beside them.
/// Every poll predicate has a partial index (a lesson from Wolverine's own issue tracker).
/// </summary>
public static class PostgresqlSchema
{
    public const string DefaultSchemaName = "queue";

    /// <summary>Arbitrary constant; serialises concurrent schema creation.</summary>
    public const long MigrationLockId = 0x574F4C56_4552494E; // "WOLVERIN"

    public static string CreateSql(string schema = DefaultSchemaName) => $$"""
        CREATE SCHEMA IF NOT EXISTS {{schema}};

        -- One row per pending delivery. Completed rows are deleted at once (no completed state):
        -- scheduled = waiting with run_at in the future; running = leased by owner_node until lease_expires_at.
        CREATE TABLE IF NOT EXISTS {{schema}}.jobs (
            id               uuid PRIMARY KEY,
            message_type     text NOT NULL,
            handler          text NULL,          -- set when a message with several handlers is fanned out
            body             jsonb NOT NULL,
            headers          jsonb NOT NULL DEFAULT '{}'::jsonb,
            priority         smallint NOT NULL DEFAULT 0,
            status           text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'running')),
            run_at           timestamptz NOT NULL DEFAULT now(),
            attempts         int NOT NULL DEFAULT 0,
            max_attempts     int NOT NULL DEFAULT 6,
            owner_node       uuid NULL,
            lease_expires_at timestamptz NULL,
            last_error       text NULL,
            last_error_at    timestamptz NULL,
            dedup_key        text NULL,          -- released (set null) when the job starts running
            created_at       timestamptz NOT NULL DEFAULT now()
        );
        -- Times the job's lease expired under it (its node died while running it): the crash-loop guard's count, kept
        -- apart from attempts (DurabilitySettings.MaximumLeaseExpiries). Added after the first release of the table.
        ALTER TABLE {{schema}}.jobs ADD COLUMN IF NOT EXISTS lease_expiries int NOT NULL DEFAULT 0;
        CREATE INDEX IF NOT EXISTS jobs_ready_idx ON {{schema}}.jobs (priority DESC, run_at, id) WHERE status = 'waiting';
        CREATE INDEX IF NOT EXISTS jobs_leased_idx ON {{schema}}.jobs (lease_expires_at) WHERE status = 'running';
        CREATE INDEX IF NOT EXISTS jobs_owner_idx ON {{schema}}.jobs (owner_node) WHERE status = 'running';
        CREATE UNIQUE INDEX IF NOT EXISTS jobs_dedup_key_idx ON {{schema}}.jobs (dedup_key) WHERE dedup_key IS NOT NULL;

        CREATE TABLE IF NOT EXISTS {{schema}}.dead_letters (
            id                uuid PRIMARY KEY,
            original_id       uuid NOT NULL,
            message_type      text NOT NULL,
            handler           text NULL,
            body              jsonb NOT NULL,
            headers           jsonb NOT NULL DEFAULT '{}'::jsonb,
            priority          smallint NOT NULL DEFAULT 0,
            max_attempts      int NOT NULL,
            exception_type    text NOT NULL,
            exception_message text NOT NULL,
            stack_trace       text NULL,         -- truncated to 4,000 characters
            attempts          int NOT NULL,
            failed_at         timestamptz NOT NULL DEFAULT now(),
            replayable        boolean NOT NULL DEFAULT true
        );
        CREATE INDEX IF NOT EXISTS dead_letters_failed_at_idx ON {{schema}}.dead_letters (failed_at);
        CREATE INDEX IF NOT EXISTS dead_letters_type_idx ON {{schema}}.dead_letters (message_type, failed_at);

        CREATE TABLE IF NOT EXISTS {{schema}}.nodes (
            id           uuid PRIMARY KEY,
            description  text NOT NULL,
            started_at   timestamptz NOT NULL DEFAULT now(),
            heartbeat_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    /// <summary>NOTIFY channel woken on every committed enqueue.</summary>
    public static string NotifyChannel(string schema = DefaultSchemaName) => $"{{schema}}_jobs";
}
