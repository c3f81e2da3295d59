-- Failure policy (docs/failures.md): warnings apart from errors, URLs parked after repeated failures.
-- `severity`: 'error' (the URL failed and is retried) or 'warning' (the release was stored, e.g. without a
-- date; recorded resolved at once, never retried). `parked_at`: set on the error that parked its URL.
ALTER TABLE errors ADD COLUMN severity VARCHAR DEFAULT 'error';
ALTER TABLE errors ADD COLUMN parked_at TIMESTAMPTZ;

-- The URLs no run retries any more, each with its latest failure.
CREATE VIEW parked_urls AS
WITH open AS (
    SELECT source_id, url, stage, reason, http_status, occurred_at, parked_at,
           count(*) OVER (PARTITION BY source_id, url) AS attempts,
           min(occurred_at) OVER (PARTITION BY source_id, url) AS first_failed_at
    FROM errors
    WHERE resolved_at IS NULL AND coalesce(severity, 'error') = 'error' AND url IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY source_id, url ORDER BY occurred_at DESC, error_id DESC) = 1)
SELECT source_id, url, stage, reason, http_status, attempts, first_failed_at, parked_at
FROM open
WHERE parked_at IS NOT NULL;
