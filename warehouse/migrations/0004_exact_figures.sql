-- Figure values as exact decimals. A DOUBLE kept the binary noise of the extractor's arithmetic
-- (66.6 billion stored as 66599999999.99999); rounding to 15 significant digits recovers the number as
-- printed (no press release prints more), which DECIMAL then keeps exactly, to 6 decimal places.
-- warehouse/facts.py (exact_value) rounds new values the same way.
-- The table is rebuilt rather than altered: DuckDB 1.5 cannot replay an ALTER ... SET DATA TYPE ... USING
-- a function from its write-ahead log after a crash (duckdb/duckdb#20543).
CREATE TABLE figures_exact (
    release_id        VARCHAR NOT NULL,
    text              VARCHAR NOT NULL,
    value             DECIMAL(38, 6) NOT NULL,
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
INSERT INTO figures_exact
SELECT release_id, text, CAST(printf('%.15g', value) AS DECIMAL(38, 6)), unit, kind, measure, period,
       period_start, period_end, direction, qualifier, sentence, char_start, char_end, core, extractor_version
FROM figures;
DROP TABLE figures;
ALTER TABLE figures_exact RENAME TO figures;

-- A view keeps the column types it was created with: recreate figure_timeline (as in 0002) so that it
-- declares value DECIMAL too.
CREATE OR REPLACE VIEW figure_timeline AS
SELECT r.published_date, r.published_at, r.source_id, f.release_id, r.title, r.url, r.lang,
       f.measure, f.value, f.unit, f.kind, f.period, f.period_start, f.period_end,
       f.direction, f.qualifier, f.text, f.sentence, f.core, f.char_start, f.char_end, f.extractor_version
FROM figures f
JOIN releases r USING (release_id)
ORDER BY r.published_date NULLS LAST, r.published_at NULLS LAST, f.release_id, f.char_start;
