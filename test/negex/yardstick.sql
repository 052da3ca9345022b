-- yardstick.sql: NegEx's public annotated sentences through the public API.
--
--   psql -v data=/path/to/rsAnnotations-1-120-random.txt -f test/negex/yardstick.sql
--
-- The file (repository chapmanbe/negex, genConText/rsAnnotations-1-120-random.txt:
-- 2,376 sentences from 120 de-identified clinical reports, each with a target
-- condition and three labels) is not part of this project; bring your own copy.
-- Each distinct condition becomes a local term of an indicator of its own
-- (so that no other condition hides it: match() leaves out a mention inside
-- a longer one of the same indicator); each sentence goes through
-- indicators.match(), and the target's context is compared with the labels.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE TEMP TABLE annot (line int, blank text, condition text, sentence text,
                         negation text, temporality text, experiencer text);
\set copy '\\copy annot FROM ' :'data' ' WITH (FORMAT csv, DELIMITER E''\\t'', QUOTE E''\\x01'')'
:copy

-- one indicator per condition: codes of letters only
CREATE TEMP TABLE target AS
SELECT row_number() OVER (ORDER BY k) AS n, k AS condition
  FROM (SELECT DISTINCT lower(btrim(condition)) AS k FROM annot) d;
CREATE FUNCTION pg_temp.code(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'negex_' || string_agg(chr(97 + ((n / (26 ^ i)::bigint) % 26)::int), '' ORDER BY i)
    FROM generate_series(0, 3) AS i
$$;
INSERT INTO indicators.indicator (code, category, description)
SELECT pg_temp.code(n), 'circumstance', 'NegEx test condition: ' || condition FROM target;

-- conditions that cannot be terms (sentence punctuation in them) are left out
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT n, condition FROM target LOOP
        BEGIN
            INSERT INTO indicators.term (indicator, term, source)
            VALUES (pg_temp.code(r.n), r.condition, 'NegEx test set');
        EXCEPTION WHEN others THEN
            NULL;
        END;
    END LOOP;
END
$$;

CREATE TEMP TABLE result AS
SELECT a.*, m.pos IS NOT NULL AS found, m.negated, m.hypothetical, m.historical, m.other_person
  FROM annot a
  JOIN target t ON t.condition = lower(btrim(a.condition))
  LEFT JOIN LATERAL (SELECT * FROM indicators.match(a.sentence) m
                      WHERE m.indicator = pg_temp.code(t.n)
                      ORDER BY m.pos LIMIT 1) m ON true;

\echo
\echo NegEx annotated sentences through indicators.match()
SELECT count(*) AS sentences, count(*) FILTER (WHERE found) AS target_found,
       round(100.0 * count(*) FILTER (WHERE found) / count(*), 1) AS pct_found
  FROM result;

\echo over the targets found; then over all sentences, a target not found counted as
\echo affirmed, recent and about the patient (what a tool that saw nothing would say)
WITH axis AS (
    SELECT 'found' AS over, 'negated' AS axis, negation = 'Negated' AS gold, coalesce(negated, false) AS got FROM result WHERE found
    UNION ALL
    SELECT 'found', 'historical', temporality = 'Historical', historical FROM result WHERE found
    UNION ALL
    SELECT 'found', 'hypothetical (Not particular)', temporality = 'Not particular', hypothetical FROM result WHERE found
    UNION ALL
    SELECT 'found', 'other person (not Patient)', experiencer <> 'Patient', other_person FROM result WHERE found
    UNION ALL
    SELECT 'all', 'negated', negation = 'Negated', coalesce(negated, false) FROM result
    UNION ALL
    SELECT 'all', 'historical', temporality = 'Historical', coalesce(historical, false) FROM result
    UNION ALL
    SELECT 'all', 'hypothetical (Not particular)', temporality = 'Not particular', coalesce(hypothetical, false) FROM result
    UNION ALL
    SELECT 'all', 'other person (not Patient)', experiencer <> 'Patient', coalesce(other_person, false) FROM result
), counts AS (
    SELECT over, axis,
           count(*) FILTER (WHERE gold AND got) AS tp,
           count(*) FILTER (WHERE NOT gold AND got) AS fp,
           count(*) FILTER (WHERE gold AND NOT got) AS fn,
           count(*) FILTER (WHERE NOT gold AND NOT got) AS tn
      FROM axis GROUP BY over, axis
)
SELECT over, axis, tp, fp, fn, tn,
       round(100.0 * (tp + tn) / nullif(tp + fp + fn + tn, 0), 1) AS accuracy,
       round(100.0 * tp / nullif(tp + fn, 0), 1) AS sensitivity,
       round(100.0 * tn / nullif(tn + fp, 0), 1) AS specificity,
       round(100.0 * tp / nullif(tp + fp, 0), 1) AS precision
  FROM counts ORDER BY over DESC, axis DESC;

\if :{?show_errors}
SELECT line, condition, negation, negated, temporality, historical, sentence FROM result
 WHERE found AND ((negation = 'Negated') <> negated OR (temporality = 'Historical') <> historical)
 ORDER BY line;
\endif
