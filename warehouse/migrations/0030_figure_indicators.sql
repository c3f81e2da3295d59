-- What a figure is about (its indicator and subject) and what links a commitment to its restatements
-- (its actor key and action terms): columns filled by the extractor, and by `pressroom reextract` for
-- releases stored before them (NULL until then).
ALTER TABLE figures ADD COLUMN indicator VARCHAR;
ALTER TABLE figures ADD COLUMN subject VARCHAR;
ALTER TABLE commitments ADD COLUMN actor_key VARCHAR;
ALTER TABLE commitments ADD COLUMN action_terms VARCHAR[];

-- A subject written in either language, as one key: the Russian names of countries and regions of the
-- world in English, each part of a pair on its own ("Россия–Азербайджан" is "Russia–Azerbaijan"), so that
-- English and Russian statements meet in one series. A name not listed is kept as written. (A CASE, not a
-- MAP literal: DuckDB builds a MAP anew for every row, 200 times slower.)
CREATE MACRO subject_key(subject) AS
    array_to_string(list_transform(string_split(subject, '–'), part -> CASE trim(part)
        WHEN 'Россия' THEN 'Russia' WHEN 'Рф' THEN 'Russia' WHEN 'Азербайджан' THEN 'Azerbaijan'
        WHEN 'Китай' THEN 'China' WHEN 'Кнр' THEN 'China' WHEN 'Иран' THEN 'Iran'
        WHEN 'Великобритания' THEN 'UK' WHEN 'Британия' THEN 'UK' WHEN 'Britain' THEN 'UK'
        WHEN 'Шотландия' THEN 'Scotland' WHEN 'Уэльс' THEN 'Wales' WHEN 'Англия' THEN 'England'
        WHEN 'Белоруссия' THEN 'Belarus' WHEN 'Беларусь' THEN 'Belarus' WHEN 'Казахстан' THEN 'Kazakhstan'
        WHEN 'Индия' THEN 'India' WHEN 'Турция' THEN 'Turkey' WHEN 'Узбекистан' THEN 'Uzbekistan'
        WHEN 'Таджикистан' THEN 'Tajikistan' WHEN 'Киргизия' THEN 'Kyrgyzstan'
        WHEN 'Кыргызстан' THEN 'Kyrgyzstan' WHEN 'Украина' THEN 'Ukraine' WHEN 'Сша' THEN 'USA'
        WHEN 'США' THEN 'USA' WHEN 'US' THEN 'USA' WHEN 'Германия' THEN 'Germany'
        WHEN 'Франция' THEN 'France' WHEN 'Япония' THEN 'Japan' WHEN 'Венесуэла' THEN 'Venezuela'
        WHEN 'Армения' THEN 'Armenia' WHEN 'Мьянма' THEN 'Myanmar' WHEN 'Монголия' THEN 'Mongolia'
        WHEN 'Вьетнам' THEN 'Vietnam' WHEN 'Египет' THEN 'Egypt' WHEN 'Оаэ' THEN 'UAE'
        WHEN 'ОАЭ' THEN 'UAE' WHEN 'Бразилия' THEN 'Brazil' WHEN 'Сербия' THEN 'Serbia'
        WHEN 'Куба' THEN 'Cuba' WHEN 'Сирия' THEN 'Syria' WHEN 'Абхазия' THEN 'Abkhazia'
        WHEN 'Молдавия' THEN 'Moldova' WHEN 'Молдова' THEN 'Moldova' WHEN 'Италия' THEN 'Italy'
        WHEN 'Корея' THEN 'Korea' WHEN 'Индонезия' THEN 'Indonesia' WHEN 'Малайзия' THEN 'Malaysia'
        WHEN 'Пакистан' THEN 'Pakistan' WHEN 'Ирак' THEN 'Iraq' WHEN 'Израиль' THEN 'Israel'
        WHEN 'Катар' THEN 'Qatar' WHEN 'Алжир' THEN 'Algeria' WHEN 'Эфиопия' THEN 'Ethiopia'
        WHEN 'Нигерия' THEN 'Nigeria' WHEN 'Лаос' THEN 'Laos' WHEN 'Камбоджа' THEN 'Cambodia'
        WHEN 'Таиланд' THEN 'Thailand' WHEN 'Африка' THEN 'Africa' WHEN 'Европа' THEN 'Europe'
        WHEN 'Азия' THEN 'Asia' WHEN 'Москва' THEN 'Moscow'
        ELSE trim(part) END), '–');

-- A view keeps the columns it was created with: recreate figure_timeline (as in 0004) with the new ones.
CREATE OR REPLACE VIEW figure_timeline AS
SELECT r.published_date, r.published_at, r.source_id, f.release_id, r.title, r.url, r.lang,
       f.measure, f.value, f.unit, f.kind, f.period, f.period_start, f.period_end,
       f.direction, f.qualifier, f.text, f.sentence, f.core, f.char_start, f.char_end, f.extractor_version,
       f.indicator, f.subject
FROM figures f
JOIN releases r USING (release_id)
ORDER BY r.published_date NULLS LAST, r.published_at NULLS LAST, f.release_id, f.char_start;

CREATE OR REPLACE VIEW commitment_horizons AS
SELECT r.published_date, r.published_at, r.source_id, c.release_id, r.title, r.url, r.lang,
       c.sentence, c.actor, c.action, c.kind, c.domain, c.cue,
       c.horizon, c.horizon_start, c.horizon_end,
       c.horizon_end - r.published_date AS horizon_days,
       CASE
           WHEN c.horizon_end IS NULL THEN 'unknown'
           WHEN c.horizon_end < current_date THEN 'past'
           ELSE 'future'
       END AS horizon_status,
       c.core, c.char_start, c.char_end, c.extractor_version, c.actor_key, c.action_terms
FROM commitments c
JOIN releases r USING (release_id)
ORDER BY r.published_date NULLS LAST, r.published_at NULLS LAST, c.release_id, c.char_start;

-- Every statement of one series: the same indicator, subject (subject_key), unit and period (its resolved
-- dates; a figure without them is in no series: nothing says two of them are the same quantity), in the
-- order the releases were published, each with the value the series' previous statement gave
-- and the revision from it. English and Russian statements meet: all of these keys are language-neutral.
CREATE VIEW figure_series AS
WITH s AS (
    SELECT f.indicator, subject_key(f.subject) AS subject, f.unit, f.period_start, f.period_end,
           r.published_date, r.published_at, r.source_id, f.release_id, r.lang, r.title, r.url,
           f.value, f.kind, f.direction, f.qualifier, f.measure, f.period, f.subject AS subject_as_written,
           f.text, f.sentence, f.core, f.char_start, f.char_end
    FROM figures f
    JOIN releases r USING (release_id)
    WHERE f.indicator IS NOT NULL AND f.period_start IS NOT NULL AND f.period_end IS NOT NULL
)
SELECT indicator, subject, unit, period_start, period_end,
       indicator || ' / ' || coalesce(subject, '-') || ' / ' || coalesce(unit, '-') || ' / '
           || coalesce(CAST(period_start AS VARCHAR), '?') || '..' || coalesce(CAST(period_end AS VARCHAR), '?')
           AS series_key,
       row_number() OVER w AS statement,
       count(*) OVER (PARTITION BY indicator, subject, unit, period_start, period_end) AS statements,
       published_date, published_at, source_id, release_id, lang, title, url,
       value,
       lag(value) OVER w AS previous_value,
       lag(release_id) OVER w AS previous_release_id,
       lag(published_date) OVER w AS previous_published_date,
       value - lag(value) OVER w AS revision,
       CASE WHEN lag(value) OVER w <> 0
            THEN round(CAST((value - lag(value) OVER w) * 100 AS DOUBLE) / CAST(lag(value) OVER w AS DOUBLE), 2)
       END AS revision_pct,
       kind, direction, qualifier, measure, period, subject_as_written, text, sentence, core,
       char_start, char_end
FROM s
WINDOW w AS (PARTITION BY indicator, subject, unit, period_start, period_end
             ORDER BY published_date NULLS LAST, published_at NULLS LAST, release_id, char_start)
ORDER BY indicator, subject NULLS FIRST, unit NULLS FIRST, period_start NULLS FIRST, period_end NULLS FIRST,
         statement;
