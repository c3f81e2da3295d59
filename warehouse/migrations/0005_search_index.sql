-- What each full-text index (schemas fts_main_search_en, fts_main_search_ru) was built from, so that a
-- refresh rebuilds only an index whose releases changed and a search can tell a stale index.
CREATE TABLE search_index (
    lang           VARCHAR PRIMARY KEY,
    stemmer        VARCHAR NOT NULL,
    options        VARCHAR NOT NULL,
    releases       BIGINT NOT NULL,
    fingerprint    UBIGINT NOT NULL,
    built_at       TIMESTAMPTZ NOT NULL,
    build_seconds  DOUBLE NOT NULL
);
