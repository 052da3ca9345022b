-- bench.sql: times scans of bench_note (see corpus.sql) in one session.
--
--   psql -v runs=3 -f test/bench/bench.sql
--
-- Every scan reads all rows on one core (no parallel workers, no JIT) and
-- is run :runs times; the median is reported, as MB/s of note text, with
-- ratios against flags(), against just reading the rows and against
-- to_tsvector('english').  The regex is
-- thousands of times slower, so it reads only the first :regex_notes notes
-- (MB/s is over what it read; its time is scaled to all rows for the
-- ratios, since a regex scan costs the same per byte throughout).

\set ON_ERROR_STOP on
\if :{?runs}
\else
\set runs 3
\endif
\if :{?regex_notes}
\else
\set regex_notes 2000
\endif
\if :{?thesaurus}
\else
\set thesaurus 0
\endif
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET client_min_messages = warning;

-- The shipped lexicon as one case-insensitive regular expression, the way
-- it would be written without the extension: each term's words joined by
-- non-word characters, * as \w*, word boundaries around words.
-- Patterns as regex groups: (a|b) as is, [a|b] optional, <class> its words,
-- stem~ and prefix* as \w*, "A ... B" as A, up to 4 words, B (one order).
CREATE FUNCTION pg_temp.term_regex(key text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r text := key;
    c record;
BEGIN
    FOR c IN SELECT class, string_agg(w.key, '|') AS words FROM indicators.word_class w
              WHERE enabled GROUP BY class LOOP
        r := replace(r, '<' || c.class || '>', '(' || c.words || ')');
    END LOOP;
    IF r !~ '^[a-z0-9 *~()|\[\].]+$' THEN
        RETURN replace(r, ' ', '\s*');          -- emoji: no word boundaries
    END IF;
    r := regexp_replace(r, '\[([^]]*)\] ', '(?:(?:\1)\W+)?', 'g');
    r := regexp_replace(r, ' \[([^]]*)\]', '(?:\W+(?:\1))?', 'g');
    r := regexp_replace(r, ' \.\.\.[0-9]* ', ' (?:\w+\W+){0,4}', 'g');
    r := replace(replace(replace(r, '*', '\w*'), '~', '\w*'), ' ', '\W+');
    r := replace(r, '(', '(?:');
    r := replace(r, '(?:?:', '(?:');
    RETURN '\m' || r || '\M';
END
$$;
CREATE TEMP TABLE bench_regex AS
SELECT '(?:' || string_agg(pg_temp.term_regex(key), '|') || ')' AS re,
       count(*) AS terms
  FROM indicators.term WHERE enabled;

-- ms: time of one run; share: the part of the corpus it read (bytes)
CREATE TEMP TABLE bench_result (scan text, run int, ms float8, share float8);

CREATE FUNCTION pg_temp.time_scan(scan text, query text, runs int, share float8 DEFAULT 1)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    r int;
    dummy bigint;
BEGIN
    FOR r IN 1..runs LOOP
        t0 := clock_timestamp();
        EXECUTE query INTO dummy;
        INSERT INTO bench_result
        VALUES (scan, r, extract(epoch FROM clock_timestamp() - t0) * 1000, share);
    END LOOP;
END
$$;

-- The lexicon as a thesaurus dictionary (test/bench/thesaurus.sql made the
-- file; test/bench/run installed it) in a copy of the english configuration.
\if :thesaurus
DROP TEXT SEARCH CONFIGURATION IF EXISTS bench_thesaurus;
DROP TEXT SEARCH DICTIONARY IF EXISTS bench_ths;
CREATE TEXT SEARCH DICTIONARY bench_ths (TEMPLATE = thesaurus,
    DictFile = indicators_bench, Dictionary = pg_catalog.english_stem);
CREATE TEXT SEARCH CONFIGURATION bench_thesaurus (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION bench_thesaurus
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH bench_ths, pg_catalog.english_stem;
SELECT count(*) AS thesaurus_notes_with_codes
  FROM bench_note WHERE to_tsvector('bench_thesaurus', note) @@ indicators.query('behavior', 'circumstance');
\endif

-- warm the cache and the lexicon
SELECT count(*) FROM bench_note WHERE indicators.flags(note) <> '{}' \gset warm_

\o /dev/null
SELECT pg_temp.time_scan('read only: sum(length(note))',
    'SELECT sum(length(note)) FROM bench_note', :runs);
SELECT pg_temp.time_scan('indicators.flags(note)',
    'SELECT count(*) FROM bench_note WHERE indicators.flags(note) <> ''{}''', :runs);
SELECT pg_temp.time_scan('indicators.match(note): every mention, its context and words',
    'SELECT sum((SELECT count(*) FROM indicators.match(note))) FROM bench_note', :runs);
SELECT pg_temp.time_scan('indicators.flags_all(note), no context',
    'SELECT count(*) FROM bench_note WHERE indicators.flags_all(note) <> ''{}''', :runs);
SELECT pg_temp.time_scan('to_tsvector(''simple'', note)',
    'SELECT count(*) FROM bench_note WHERE to_tsvector(''simple'', note) <> ''''', :runs);
SELECT pg_temp.time_scan('to_tsvector(''english'', note)',
    'SELECT count(*) FROM bench_note WHERE to_tsvector(''english'', note) <> ''''', :runs);
SELECT pg_temp.time_scan('to_tsvector(''indicators.english'', note)',
    'SELECT count(*) FROM bench_note WHERE to_tsvector(''indicators.english'', note) <> ''''', :runs);
SELECT pg_temp.time_scan('to_tsvector(''indicators.codes'', note)',
    'SELECT count(*) FROM bench_note WHERE to_tsvector(''indicators.codes'', note) <> ''''', :runs);
\if :thesaurus
SELECT pg_temp.time_scan('to_tsvector(''bench_thesaurus'', note): english + thesaurus of the lexicon',
    'SELECT count(*) FROM bench_note WHERE to_tsvector(''bench_thesaurus'', note) <> ''''', :runs);
\endif
SELECT pg_temp.time_scan(format('note ~* regex of the %s terms (first %s notes)', terms, :regex_notes),
    format('SELECT count(*) FROM bench_note WHERE id <= %s AND note ~* %L', :regex_notes, re), :runs,
    (SELECT (sum(octet_length(note)) FILTER (WHERE id <= :regex_notes))::float8
            / sum(octet_length(note))
       FROM bench_note))
  FROM bench_regex;

\o

-- full_ms: a run's time for all rows (scaled for a scan that read a part)
WITH size AS (SELECT sum(octet_length(note)) / 1e6 AS mb FROM bench_note),
     med AS (SELECT scan, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms / share) AS full_ms,
                    min(ms) AS best, max(ms) AS worst
               FROM bench_result GROUP BY scan),
     f AS (SELECT full_ms FROM med WHERE scan = 'indicators.flags(note)'),
     r AS (SELECT full_ms FROM med WHERE scan LIKE 'read only%'),
     e AS (SELECT full_ms FROM med WHERE scan = 'to_tsvector(''english'', note)')
SELECT med.scan,
       round((size.mb / (med.full_ms / 1000))::numeric, 2) AS mb_per_s,
       round((med.full_ms / f.full_ms)::numeric, 2) AS time_vs_flags,
       round((med.full_ms / r.full_ms)::numeric, 2) AS time_vs_read_only,
       round((med.full_ms / e.full_ms)::numeric, 2) AS time_vs_english,
       format('%s..%s', round((med.best / 1000)::numeric, 3), round((med.worst / 1000)::numeric, 3)) AS seconds
  FROM med, size, f, r, e
 ORDER BY med.full_ms;

SELECT count(*) AS notes, round(sum(octet_length(note)) / 1e6, 1) AS mb,
       :warm_count AS flagged_notes
  FROM bench_note;
