-- install: the extension's objects, the shipped data, and the contracts
-- other parts rely on.
CREATE EXTENSION indicators;

-- The 24 indicator codes of the contract (indicators.tsv), in two groups.
SELECT category, count(*) FROM indicators.indicator GROUP BY category ORDER BY category;
SELECT code FROM indicators.indicator ORDER BY code COLLATE "C";

-- The shipped lexicon: at least 600 terms, at least 10 per indicator (no
-- indicator is listed below), every term shipped with a known public source.
SELECT count(*) >= 600 AS at_least_600 FROM indicators.term;
SELECT i.code, count(t.id) AS terms
  FROM indicators.indicator i LEFT JOIN indicators.term t ON t.indicator = i.code
 GROUP BY i.code HAVING count(t.id) < 10;
SELECT count(*) FILTER (WHERE origin <> 'default') AS not_default,
       count(*) FILTER (WHERE source IS NULL) AS no_source,
       count(*) FILTER (WHERE source NOT IN (SELECT key FROM indicators.source)) AS unknown_source,
       count(*) FILTER (WHERE NOT enabled) AS disabled
  FROM indicators.term;
-- every source is used, and has a web address but this project's own
-- adaptation of trigger words to case notes (INDICATORS)
SELECT s.key, s.url FROM indicators.source s
 WHERE (s.url IS NULL AND s.key <> 'INDICATORS')
    OR NOT EXISTS (SELECT FROM indicators.term t WHERE t.source = s.key
                   UNION ALL SELECT FROM indicators.context_rule r WHERE r.source = s.key
                   UNION ALL SELECT FROM indicators.word_class c WHERE c.source = s.key);

-- The shipped word classes: every word with a known source; every class
-- used by a shipped term or rule, and every class a term or rule uses shipped
SELECT count(*) AS class_words,
       count(*) FILTER (WHERE source NOT IN (SELECT key FROM indicators.source)) AS unknown_source,
       count(*) FILTER (WHERE origin <> 'default') AS not_default,
       max(id) < 1000000 AS ids_below_local
  FROM indicators.word_class;
SELECT DISTINCT c.class AS unused_class FROM indicators.word_class c
 WHERE NOT EXISTS (SELECT FROM indicators.term t WHERE strpos(t.term, '<' || c.class || '>') > 0
                   UNION ALL
                   SELECT FROM indicators.context_rule r WHERE strpos(r.phrase, '<' || c.class || '>') > 0);
SELECT m[1] AS class_not_shipped
  FROM (SELECT term FROM indicators.term UNION ALL SELECT phrase FROM indicators.context_rule) t(x),
       regexp_matches(x, '<([a-z][a-z0-9_]*)>', 'g') m
 WHERE m[1] NOT IN (SELECT class FROM indicators.word_class);

-- The shipped context rules: every category, every rule with a known
-- source, and keys as term_key() makes them.
SELECT category, count(*) >= 20 AS at_least_20,
       count(*) FILTER (WHERE source NOT IN (SELECT key FROM indicators.source)) AS unknown_source,
       count(*) FILTER (WHERE key <> indicators.term_key(phrase)) AS key_mismatch
  FROM indicators.context_rule GROUP BY category ORDER BY category;
SELECT code, context_ignored FROM indicators.indicator WHERE context_ignored <> '{}' ORDER BY code;
-- emoji and prefixes are in it; keys are what term_key() says
SELECT count(*) > 10 AS emoji_terms FROM indicators.term WHERE term ~ '[\U0001F300-\U0001FAFF]';
SELECT count(*) > 10 AS prefix_terms FROM indicators.term WHERE key LIKE '%*';
SELECT count(*) AS key_mismatch FROM indicators.term WHERE key <> indicators.term_key(term);
-- shipped ids are below the local id sequence
SELECT max(id) < 1000000 AS ids_below_local FROM indicators.term;

-- Functions: honest volatility (lexicon readers STABLE, pure text
-- functions IMMUTABLE, text-search methods that move their state along
-- VOLATILE), STRICT, PARALLEL SAFE.
SELECT p.proname, p.provolatile, p.proisstrict, p.proparallel
  FROM pg_proc p
 WHERE p.pronamespace = 'indicators'::regnamespace AND p.prorettype <> 'trigger'::regtype
 ORDER BY p.proname;
-- trigger functions with a fixed search_path
SELECT p.proname, p.proconfig
  FROM pg_proc p
 WHERE p.pronamespace = 'indicators'::regnamespace AND p.prorettype = 'trigger'::regtype
 ORDER BY p.proname;

-- Every object is a member of the extension.
SELECT pg_describe_object(classid, objid, objsubid) AS member
  FROM pg_depend
 WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'indicators')
 ORDER BY 1;

-- What pg_dump keeps: local and changed terms, the id sequences, and all
-- of the flagging tables (sources, runs, row states, mentions, reviews, the
-- lexicon's history).
SELECT c.relname, x.cond
  FROM pg_extension e,
       unnest(e.extconfig, e.extcondition) AS x(oid, cond)
       JOIN pg_class c ON c.oid = x.oid
 WHERE e.extname = 'indicators'
 ORDER BY 1;

-- The lexicon, its versions and history, which text-search indexes are
-- stale, and which tables are note sources are readable by everyone (they
-- hold no case data); nothing else is granted.  Mentions, row states, runs
-- and reviews are for the roles the DBA grants them to (sql/privileges.sql).
-- Functions the job's roles need are not executable by PUBLIC.
SELECT c.relname, c.relkind, c.relacl
  FROM pg_class c
 WHERE c.relnamespace = 'indicators'::regnamespace AND c.relkind IN ('r', 'S', 'v')
 ORDER BY 1;
SELECT p.oid::regprocedure AS not_for_public
  FROM pg_proc p
 WHERE p.pronamespace = 'indicators'::regnamespace
   AND NOT has_function_privilege('public', p.oid, 'EXECUTE')
 ORDER BY p.oid::regprocedure::text COLLATE "C";

-- The context categories are one list (sql/categories.tsv, given by
-- context_categories()): each has its flag and its _by column in match(),
-- in that list's order, and its flag in the mentions table.
SELECT category, kind, counts, flag FROM indicators.context_categories();
SELECT c.category,
       array_position(p.proargnames, c.flag) - array_position(p.proargnames, 'affirmed')
         AS flag_after_affirmed,
       array_position(p.proargnames, c.flag || '_by') - array_position(p.proargnames, 'ambiguous')
         AS by_after_ambiguous,
       EXISTS (SELECT FROM pg_attribute a
                WHERE a.attrelid = 'indicators.mention'::regclass AND a.attname = c.flag
                  AND NOT a.attisdropped) AS in_mention
  FROM indicators.context_categories() c,
       pg_proc p
 WHERE c.kind = 'trigger' AND p.oid = 'indicators.match(text)'::regprocedure
 ORDER BY 2;
