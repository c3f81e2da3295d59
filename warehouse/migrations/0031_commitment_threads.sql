-- Promise threads: a commitment and its restatements in later releases (same actor key, overlapping action
-- terms; warehouse/threads.py says how), recomputed from `commitments` after every load and re-extraction.
-- No primary keys: both tables are rebuilt whole at each refresh, which the index upkeep made three times
-- slower (80,000 commitments); warehouse/threads.py writes one row per thread and one per commitment.
CREATE TABLE commitment_threads (
    thread_id          VARCHAR NOT NULL,
    actor_key          VARCHAR,
    action_terms       VARCHAR[] NOT NULL,
    actor              VARCHAR,
    action             VARCHAR,
    lang               VARCHAR,
    times_stated       INTEGER NOT NULL,
    statements         INTEGER NOT NULL,
    first_stated       DATE,
    last_stated        DATE,
    first_release_id   VARCHAR NOT NULL,
    last_release_id    VARCHAR NOT NULL,
    sources            VARCHAR[] NOT NULL,
    release_ids        VARCHAR[] NOT NULL,
    first_horizon      VARCHAR,
    first_horizon_end  DATE,
    last_horizon       VARCHAR,
    last_horizon_end   DATE,
    refreshed_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE commitment_thread_members (
    thread_id       VARCHAR NOT NULL,
    release_id      VARCHAR NOT NULL,
    char_start      INTEGER NOT NULL,
    statement       INTEGER NOT NULL,
    published_date  DATE,
    similarity      DOUBLE NOT NULL
);

-- Commitments whose horizon has passed, each with its thread and whether a later release stated the same
-- action again (before or after the deadline).
CREATE VIEW due AS
WITH passed AS (
    SELECT c.*, r.published_date, r.source_id, r.lang, r.title, r.url, tm.thread_id
    FROM commitments c
    JOIN releases r USING (release_id)
    LEFT JOIN commitment_thread_members tm ON tm.release_id = c.release_id AND tm.char_start = c.char_start
    WHERE c.horizon_end < current_date
),
later AS (
    SELECT p.release_id, p.char_start,
           count(DISTINCT l.release_id) AS later_mentions,
           max(l.published_date) AS last_mentioned,
           count(DISTINCT l.release_id) FILTER (WHERE l.published_date > p.horizon_end) AS mentions_after_due
    FROM passed p
    JOIN commitment_thread_members l ON l.thread_id = p.thread_id AND l.published_date > p.published_date
    GROUP BY p.release_id, p.char_start
)
SELECT p.published_date, p.source_id, p.release_id, p.lang, p.title, p.url,
       p.actor, p.action, p.kind, p.horizon, p.horizon_end,
       current_date - p.horizon_end AS days_overdue,
       p.thread_id, t.times_stated,
       coalesce(l.later_mentions, 0) AS later_mentions,
       coalesce(l.later_mentions, 0) > 0 AS mentioned_again,
       l.last_mentioned,
       coalesce(l.mentions_after_due, 0) > 0 AS mentioned_after_due,
       t.last_horizon, t.last_horizon_end,
       p.sentence, p.core, p.char_start, p.char_end
FROM passed p
LEFT JOIN later l ON l.release_id = p.release_id AND l.char_start = p.char_start
LEFT JOIN commitment_threads t ON t.thread_id = p.thread_id
ORDER BY p.horizon_end, p.published_date, p.release_id, p.char_start;
