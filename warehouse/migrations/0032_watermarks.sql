-- How far down each source's listing the warehouse is complete, so that a run killed or stopped half way
-- is continued by the next one instead of being taken for "nothing new".
CREATE TABLE watermarks (
    source_id   VARCHAR PRIMARY KEY,
    top_key     VARCHAR,
    top_at      TIMESTAMPTZ,
    floor_key   VARCHAR,
    floor_at    TIMESTAMPTZ,
    complete    BOOLEAN NOT NULL DEFAULT false,
    since       DATE,
    run_id      BIGINT,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- The process that recorded a run, so that a later start can tell a dead run from a live one.
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN host VARCHAR;
