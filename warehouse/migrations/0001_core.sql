-- Core tables: releases and their versions, extracted facts, the raw page store, run bookkeeping.
-- Instants are TIMESTAMPTZ (stored as UTC instants); raw strings are kept beside them.

CREATE SEQUENCE raw_page_id_seq START 1;
CREATE SEQUENCE run_id_seq START 1;
CREATE SEQUENCE error_id_seq START 1;

CREATE TABLE releases (
    release_id        VARCHAR PRIMARY KEY,      -- source_id || ':' || key
    source_id         VARCHAR NOT NULL,
    key               VARCHAR NOT NULL,
    url               VARCHAR NOT NULL,         -- canonical URL on the real host
    title             VARCHAR NOT NULL,
    lang              VARCHAR,
    published_at      TIMESTAMPTZ,              -- NULL when only a date is known
    published_raw     VARCHAR,
    published_tz      VARCHAR,
    published_date    DATE,
    body_text         VARCHAR NOT NULL,
    lead              VARCHAR,
    tags              VARCHAR[],
    version           INTEGER NOT NULL,
    content_sha256    VARCHAR NOT NULL,
    first_seen_at     TIMESTAMPTZ NOT NULL,
    last_seen_at      TIMESTAMPTZ NOT NULL,
    last_checked_at   TIMESTAMPTZ NOT NULL,
    etag              VARCHAR,
    last_modified     VARCHAR,
    updated_raw       VARCHAR,
    pair_key          VARCHAR,
    capture_url       VARCHAR,
    page_id           BIGINT,                   -- raw page this version was parsed from
    extractor_version VARCHAR                   -- version of the code that produced its facts
);

CREATE TABLE release_versions (
    release_id      VARCHAR NOT NULL,
    version         INTEGER NOT NULL,
    title           VARCHAR NOT NULL,
    body_text       VARCHAR NOT NULL,
    published_at    TIMESTAMPTZ,
    published_raw   VARCHAR,
    published_date  DATE,
    content_sha256  VARCHAR NOT NULL,
    seen_at         TIMESTAMPTZ NOT NULL,
    superseded_at   TIMESTAMPTZ,
    page_id         BIGINT,
    PRIMARY KEY (release_id, version)
);

CREATE TABLE figures (
    release_id        VARCHAR NOT NULL,
    text              VARCHAR NOT NULL,
    value             DOUBLE NOT NULL,
    unit              VARCHAR,
    kind              VARCHAR NOT NULL,
    measure           VARCHAR,
    period            VARCHAR,
    period_start      DATE,
    period_end        DATE,
    direction         VARCHAR,
    qualifier         VARCHAR,
    sentence          VARCHAR,
    char_start        INTEGER NOT NULL,
    char_end          INTEGER NOT NULL,
    core              BOOLEAN NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (release_id, char_start, char_end)
);

CREATE TABLE commitments (
    release_id        VARCHAR NOT NULL,
    sentence          VARCHAR NOT NULL,
    actor             VARCHAR,
    action            VARCHAR,
    horizon           VARCHAR,
    horizon_start     DATE,
    horizon_end       DATE,
    cue               VARCHAR,
    kind              VARCHAR,
    domain            VARCHAR,
    core              BOOLEAN NOT NULL,
    char_start        INTEGER NOT NULL,
    char_end          INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (release_id, char_start)
);

-- Each distinct body is stored once, zlib-compressed, keyed by the sha256 of its uncompressed bytes.
CREATE TABLE raw_bodies (
    body_sha256  VARCHAR PRIMARY KEY,
    compression  VARCHAR NOT NULL,
    size_bytes   BIGINT NOT NULL,
    body         BLOB NOT NULL
);

-- One row per fetched response; never updated.
CREATE TABLE raw_fetches (
    page_id        BIGINT PRIMARY KEY,
    source_id      VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,
    canonical_url  VARCHAR,
    kind           VARCHAR NOT NULL,
    status         INTEGER,
    fetched_at     TIMESTAMPTZ NOT NULL,
    etag           VARCHAR,
    last_modified  VARCHAR,
    content_type   VARCHAR,
    headers        JSON,
    body_sha256    VARCHAR,
    capture_url    VARCHAR,
    run_id         BIGINT
);

CREATE VIEW raw_pages AS
SELECT f.page_id, f.source_id, f.url, f.canonical_url, f.kind, f.status, f.fetched_at, f.etag,
       f.last_modified, f.content_type, f.headers, b.body, f.body_sha256, f.capture_url, f.run_id,
       b.compression, b.size_bytes
FROM raw_fetches f
LEFT JOIN raw_bodies b USING (body_sha256);

CREATE TABLE runs (
    run_id              BIGINT PRIMARY KEY DEFAULT nextval('run_id_seq'),
    flow                VARCHAR NOT NULL,
    source_id           VARCHAR,
    started_at          TIMESTAMPTZ NOT NULL,
    finished_at         TIMESTAMPTZ,
    status              VARCHAR NOT NULL,
    pages_fetched       INTEGER NOT NULL DEFAULT 0,
    requests            INTEGER NOT NULL DEFAULT 0,
    releases_new        INTEGER NOT NULL DEFAULT 0,
    releases_updated    INTEGER NOT NULL DEFAULT 0,
    releases_unchanged  INTEGER NOT NULL DEFAULT 0,
    releases_failed     INTEGER NOT NULL DEFAULT 0,
    message             VARCHAR,
    params              JSON
);

CREATE TABLE errors (
    error_id         BIGINT PRIMARY KEY DEFAULT nextval('error_id_seq'),
    run_id           BIGINT,
    source_id        VARCHAR NOT NULL,
    url              VARCHAR,
    stage            VARCHAR NOT NULL,
    reason           VARCHAR NOT NULL,
    http_status      INTEGER,
    occurred_at      TIMESTAMPTZ NOT NULL,
    resolved_at      TIMESTAMPTZ,
    resolved_run_id  BIGINT
);

CREATE TABLE checkpoints (
    source_id   VARCHAR NOT NULL,
    job         VARCHAR NOT NULL,
    cursor      JSON,
    updated_at  TIMESTAMPTZ NOT NULL,
    finished    BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (source_id, job)
);
