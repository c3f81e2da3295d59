-- Reporting views. Each is documented column by column in docs/schema.md.

CREATE VIEW figure_timeline AS
SELECT r.published_date, r.published_at, r.source_id, f.release_id, r.title, r.url, r.lang,
       f.measure, f.value, f.unit, f.kind, f.period, f.period_start, f.period_end,
       f.direction, f.qualifier, f.text, f.sentence, f.core, f.char_start, f.char_end, f.extractor_version
FROM figures f
JOIN releases r USING (release_id)
ORDER BY r.published_date NULLS LAST, r.published_at NULLS LAST, f.release_id, f.char_start;

CREATE VIEW commitment_horizons AS
SELECT r.published_date, r.published_at, r.source_id, c.release_id, r.title, r.url, r.lang,
       c.sentence, c.actor, c.action, c.kind, c.domain, c.cue,
       c.horizon, c.horizon_start, c.horizon_end,
       c.horizon_end - r.published_date AS horizon_days,
       CASE
           WHEN c.horizon_end IS NULL THEN 'unknown'
           WHEN c.horizon_end < current_date THEN 'past'
           ELSE 'future'
       END AS horizon_status,
       c.core, c.char_start, c.char_end, c.extractor_version
FROM commitments c
JOIN releases r USING (release_id)
ORDER BY r.published_date NULLS LAST, r.published_at NULLS LAST, c.release_id, c.char_start;

CREATE VIEW release_pairs AS
WITH fig AS (SELECT release_id, count(*) AS n FROM figures GROUP BY release_id),
     com AS (SELECT release_id, count(*) AS n FROM commitments GROUP BY release_id)
SELECT a.pair_key,
       a.release_id AS release_id_a, a.source_id AS source_id_a, a.lang AS lang_a, a.title AS title_a,
       a.url AS url_a, a.published_at AS published_at_a, a.published_date AS published_date_a,
       coalesce(fa.n, 0) AS figures_a, coalesce(ca.n, 0) AS commitments_a,
       b.release_id AS release_id_b, b.source_id AS source_id_b, b.lang AS lang_b, b.title AS title_b,
       b.url AS url_b, b.published_at AS published_at_b, b.published_date AS published_date_b,
       coalesce(fb.n, 0) AS figures_b, coalesce(cb.n, 0) AS commitments_b
FROM releases a
JOIN releases b
  ON a.pair_key = b.pair_key
 AND (coalesce(a.lang, '') < coalesce(b.lang, '')
      OR (coalesce(a.lang, '') = coalesce(b.lang, '') AND a.release_id < b.release_id))
LEFT JOIN fig fa ON fa.release_id = a.release_id
LEFT JOIN fig fb ON fb.release_id = b.release_id
LEFT JOIN com ca ON ca.release_id = a.release_id
LEFT JOIN com cb ON cb.release_id = b.release_id
WHERE a.pair_key IS NOT NULL
ORDER BY coalesce(a.published_date, b.published_date) NULLS LAST, a.pair_key;

CREATE VIEW source_status AS
WITH src AS (
         SELECT source_id FROM releases
         UNION SELECT source_id FROM runs WHERE source_id IS NOT NULL
         UNION SELECT source_id FROM raw_fetches),
     rel AS (
         SELECT source_id, count(*) AS releases, max(published_date) AS latest_published_date,
                max(last_seen_at) AS last_seen_at
         FROM releases GROUP BY source_id),
     fig AS (
         SELECT r.source_id, count(*) AS figures
         FROM figures f JOIN releases r USING (release_id) GROUP BY r.source_id),
     com AS (
         SELECT r.source_id, count(*) AS commitments
         FROM commitments c JOIN releases r USING (release_id) GROUP BY r.source_id),
     pages AS (SELECT source_id, count(*) AS raw_pages FROM raw_fetches GROUP BY source_id),
     last_run AS (
         SELECT * FROM runs WHERE source_id IS NOT NULL
         QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY started_at DESC, run_id DESC) = 1),
     last_ok AS (
         SELECT source_id, max(finished_at) AS last_ok_at
         FROM runs WHERE status = 'ok' AND source_id IS NOT NULL GROUP BY source_id),
     errs AS (
         SELECT source_id, count(*) AS open_errors
         FROM errors WHERE resolved_at IS NULL GROUP BY source_id)
SELECT src.source_id,
       coalesce(rel.releases, 0) AS releases,
       coalesce(fig.figures, 0) AS figures,
       coalesce(com.commitments, 0) AS commitments,
       coalesce(pages.raw_pages, 0) AS raw_pages,
       rel.latest_published_date,
       rel.last_seen_at,
       lr.run_id AS last_run_id,
       lr.flow AS last_flow,
       lr.started_at AS last_run_at,
       lr.finished_at AS last_run_finished_at,
       lr.status AS last_status,
       last_ok.last_ok_at,
       coalesce(errs.open_errors, 0) AS open_errors
FROM src
LEFT JOIN rel USING (source_id)
LEFT JOIN fig USING (source_id)
LEFT JOIN com USING (source_id)
LEFT JOIN pages USING (source_id)
LEFT JOIN last_run lr USING (source_id)
LEFT JOIN last_ok USING (source_id)
LEFT JOIN errs USING (source_id)
ORDER BY src.source_id;
