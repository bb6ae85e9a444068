-- One schema for SQLite and PostgreSQL: only TEXT and BIGINT columns,
-- no autoincrement (sequence numbers are given by the service), timestamps
-- as RFC 3339 text in UTC.

-- Every accepted version of every programme; rows are never updated or deleted.
CREATE TABLE programme_versions (
    programme_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    title TEXT NOT NULL,
    year BIGINT NOT NULL,
    -- The document exactly as it was sent.
    document TEXT NOT NULL,
    -- The validation warnings it was accepted with (JSON array of findings).
    warnings TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (programme_id, version)
);

-- Progress reports, append-only.
CREATE TABLE reports (
    programme_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    -- The programme version the report was checked against.
    programme_version BIGINT NOT NULL,
    reporting_unit TEXT NOT NULL,
    as_of TEXT NOT NULL,
    -- The report exactly as it was sent.
    document TEXT NOT NULL,
    warnings TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    PRIMARY KEY (programme_id, seq)
);

CREATE INDEX reports_by_unit ON reports (programme_id, reporting_unit, as_of);

-- Access tokens: only the SHA-256 of a token is kept.
CREATE TABLE tokens (
    token_hash TEXT NOT NULL PRIMARY KEY,
    label TEXT NOT NULL,
    role TEXT NOT NULL,
    -- The unit a department token speaks for.
    unit_id TEXT,
    -- JSON array of programme ids the token may reach; NULL for every programme.
    programmes TEXT,
    created_at TEXT NOT NULL
);
