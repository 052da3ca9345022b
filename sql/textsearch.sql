-- textsearch: the parser indicators.parser, the dictionary template
-- indicators.terms, the configurations indicators.english and
-- indicators.codes, the query helpers, and GIN indexes.

-- The parser's token types, by the names ts_debug() shows.
SELECT * FROM ts_token_type('indicators.parser');

-- Tokens are the matcher's: emoji sequences whole (skin tones, ZWJ, flags,
-- keycaps), even glued to a word; letters spaced apart are one word;
-- blanks are runs of spaces and punctuation.
SELECT t.alias, p.token
  FROM ts_parse('indicators.parser',
                E'Mom 👩🏽‍⚕️ sent 👍🏿, 🇺🇸 5️⃣ ok👍 "T R I C K S" h0tel café 555.123.4567!') p
  JOIN ts_token_type('indicators.parser') t ON t.tokid = p.tokid;

-- Email addresses, URLs and phone numbers come whole, before their parts
-- (which the matcher reads as usual); dates and social security numbers
-- are not taken for phone numbers.
SELECT t.alias, p.token
  FROM ts_parse('indicators.parser',
                'Ad at https://www.example.com/p?id=7. Mail x.y@example.org, call (555) 123-4567 '
                || 'or +44 20 7946 0958; seen 2024-11-25, SSN 123-45-6789.') p
  JOIN ts_token_type('indicators.parser') t ON t.tokid = p.tokid
 WHERE t.alias <> 'blank';
-- URLs and addresses are indexed whole, phone numbers by their digits, so
-- one search finds a number in any format.
SELECT to_tsvector('indicators.english', 'Call (555) 123-4567, or x.y@Example.org.') AS tsvector;
SELECT n, to_tsvector('indicators.english', n) @@ indicators.phone_query('555-123-4567') AS found
  FROM (VALUES ('call 555.123.4567'), ('call +1 (555) 123-4567'), ('call 1-555-123-4567'),
               ('call 5551234567'), ('call 555-123-4568')) AS v(n);
SELECT indicators.phone_query('+1 (555) 123-4567') AS query;
SELECT indicators.phone_query('12-34');
SELECT ts_headline('indicators.english',
                   'Told to call (555) 123-4567 or mail x.y@example.org about dates.',
                   indicators.phone_query('5551234567') || 'x.y@example.org'::tsquery);
-- a mention inside a URL is still a mention
SELECT to_tsvector('indicators.codes', 'Her ad was on www.skipthegames.com/x today.') AS codes,
       indicators.flags('Her ad was on www.skipthegames.com/x today.') AS flags;

-- Every sequence of Unicode's emoji-test.txt (unicode-data) is one emoji
-- token, alone and between words.  (An emoji that is a lexicon term by
-- itself, such as the rose, is ambiguous with no anchor there: its token
-- is "uncounted", 25, and still one token.)
CREATE TEMP TABLE emoji_test (line text);
COPY emoji_test FROM '/usr/share/unicode/emoji/emoji-test.txt'
    WITH (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02');
CREATE TEMP TABLE emoji_seq AS
SELECT string_agg(chr(('x' || lpad(cp, 8, '0'))::bit(32)::int), '' ORDER BY n) AS seq
  FROM (SELECT line, split_part(line, ';', 1) AS cps FROM emoji_test WHERE line ~ '^[0-9A-F]') l,
       regexp_split_to_table(trim(cps), ' +') WITH ORDINALITY AS c(cp, n)
 GROUP BY line;
SELECT count(*) AS sequences,
       count(*) FILTER (WHERE (SELECT array_agg(tokid) FROM ts_parse('indicators.parser', seq))
                              NOT IN ('{24}', '{25}')) AS not_one_token,
       count(*) FILTER (WHERE (SELECT array_agg(tokid) FROM ts_parse('indicators.parser', 'a' || seq || 'b'))
                              NOT IN ('{1,24,1}', '{1,25,1}')) AS not_one_between_words,
       count(*) FILTER (WHERE (SELECT array_agg(tokid) FROM ts_parse('indicators.parser', seq)) = '{25}')
         AS uncounted_terms
  FROM emoji_seq;

-- ts_debug: words go to the terms dictionary, then the English stemmer;
-- the words of a mention that does not count are "uncounted" and go to
-- the stemmer alone.  (ts_debug() looks up one token at a time, so it
-- shows single-word terms; phrases are in to_tsvector() below.)
SELECT alias, token, dictionary, lexemes
  FROM ts_debug('indicators.english',
                'Found 🌹 with $200 in her bag; she denies any trick. Her daddy drove.')
 WHERE alias <> 'blank';

-- ts_lexize: a term gives its code; with the Dictionary option, the words
-- too.  Unknown words give NULL (the next dictionary gets them); a phrase
-- in one token is matched whole.
SELECT ts_lexize('indicators.terms', 'loverboy') AS word,
       ts_lexize('indicators.terms', '🌹') AS emoji,
       ts_lexize('indicators.terms', 'LoverBoy') AS folded,
       ts_lexize('indicators.terms', 'l0verb0y') AS leet,
       ts_lexize('indicators.terms', 'bicycle') AS unknown,
       ts_lexize('indicators.terms', 'the') AS starts_a_phrase,
       ts_lexize('indicators.terms', 'hotel key card') AS phrase,
       ts_lexize('indicators.terms_english', 'hotel key cards') AS with_words;

-- Options: which indicators (codes or categories), and a dictionary for
-- the words; bad options are refused.
CREATE TEXT SEARCH DICTIONARY slang_only (TEMPLATE = indicators.terms,
                                          Indicators = 'exploitation_slang');
CREATE TEXT SEARCH DICTIONARY circumstances (TEMPLATE = indicators.terms,
                                             Indicators = 'circumstance, escort_ads',
                                             Dictionary = simple);
SELECT ts_lexize('slang_only', 'loverboy') AS slang, ts_lexize('slang_only', 'hotel key card') AS cash,
       ts_lexize('circumstances', 'loverboy') AS slang2, ts_lexize('circumstances', 'Hotel key card') AS cash2,
       ts_lexize('circumstances', 'backpage') AS escort_ads;
CREATE TEXT SEARCH DICTIONARY bad (TEMPLATE = indicators.terms, Indicators = 'no_such_code');
CREATE TEXT SEARCH DICTIONARY bad (TEMPLATE = indicators.terms, Indicators = ' , ');
CREATE TEXT SEARCH DICTIONARY bad (TEMPLATE = indicators.terms, Colour = 'red');
CREATE TEXT SEARCH DICTIONARY bad (TEMPLATE = indicators.terms, Dictionary = no_such_dictionary);
CREATE TEXT SEARCH DICTIONARY bad (TEMPLATE = indicators.terms, Dictionary = slang_only);
-- A dump restores dictionaries before the rows of local indicators: with
-- checks off (as in a dump) an unknown code is let through, and the
-- dictionary works once the indicator exists.
SET check_function_bodies = off;
CREATE TEXT SEARCH DICTIONARY later_code (TEMPLATE = indicators.terms, Indicators = 'local_code');
RESET check_function_bodies;
SELECT ts_lexize('later_code', 'zqxj word') AS not_yet;
INSERT INTO indicators.indicator (code, category, description)
VALUES ('local_code', 'behavior', 'A local indicator for this test');
INSERT INTO indicators.term (indicator, term, source) VALUES ('local_code', 'zqxj word', 'local test');
SELECT ts_lexize('later_code', 'zqxj word') AS now, ts_lexize('later_code', 'pimp') AS not_its_code;
DROP TEXT SEARCH DICTIONARY later_code;
DELETE FROM indicators.term WHERE indicator = 'local_code';
DELETE FROM indicators.indicator WHERE code = 'local_code';

-- to_tsvector: English stems where no mention counts, plus the code where
-- one does.  Each word keeps its position; the code goes with the first
-- word, or takes the place of the stop words in the mention ("in the
-- game").  "The life" alone is ambiguous, with nothing to support it.
SELECT note, to_tsvector('indicators.english', note), indicators.flags(note)
  FROM (VALUES ('She had a hotel key card and 🌹🌹 for $200.'),
               ('She says she is in the life now.'),
               ('She is in the game now and pays a quota.'),
               ('She denies having a hotel key card.'),
               ('If she has a hotel key card, call the worker.'),
               ('Her sister has a hotel key card.'),
               ('Her daddy drove her to school.'),
               ('Her daddy takes her money and sets up dates.'),
               ('History of running away three times.')) AS n(note);
-- a phrase split by a line break or punctuation is still one mention; a
-- sentence end or a blank line splits it ("deprived of sleep": no part of
-- it is a term by itself)
SELECT note, to_tsvector('indicators.codes', note), indicators.flags(note)
  FROM (VALUES (E'She was deprived of\nsleep.'),
               (E'She was deprived of --\r\n  sleep.'),
               (E'She was "deprived" of sleep.'),
               (E'She was deprived of\n\nsleep.'),
               (E'She was deprived of. Sleep was fine.')) AS n(note);
-- a mention's words stay searchable as words, with their distances
SELECT to_tsvector('indicators.english', 'She is in the life now.')
         @@ to_tsquery('english', 'life') AS word,
       to_tsvector('indicators.english', 'She had a hotel key card.')
         @@ phraseto_tsquery('english', 'hotel key card') AS phrase,
       to_tsvector('indicators.english', 'She went out of call with him.')
         @@ to_tsquery('english', 'out <2> call') AS distance,
       to_tsvector('indicators.english', 'She denies having a hotel key card.')
         @@ to_tsquery('english', 'hotel & card') AS uncounted_words;
-- indicators.codes: nothing but codes
SELECT to_tsvector('indicators.codes', 'She had a hotel key card and says she is in the life.');
SELECT to_tsvector('indicators.codes', 'An ordinary visit; nothing to note.') AS no_codes;

-- Query helpers: any of some codes or categories, or all of them.
SELECT indicators.query('escort_ads', 'exploitation_slang') AS any_of,
       indicators.query_all('escort_ads', 'exploitation_slang') AS all_of;
SELECT indicators.query('behavior');
SELECT indicators.query('no_such_code');
SELECT indicators.query(VARIADIC '{}'::text[]);
SELECT indicators.query(VARIADIC ARRAY[NULL]::text[]);
SELECT indicators.query_all(VARIADIC '{}'::text[]);
-- flags() of a tsvector: its codes, as flags() of the note gives them
SELECT indicators.flags(to_tsvector('indicators.english',
                                    'She had a hotel key card and says she is in the life.')) AS codes,
       indicators.flags('hotel:1 key:2'::tsvector) AS none;

-- ts_headline marks a mention as one, and only mentions that count.
SELECT ts_headline('indicators.english',
                   'She had a hotel key card. She denies any trick, but she is in the life now.',
                   indicators.query('unexplained_cash', 'exploitation_slang'));
SELECT ts_headline('indicators.english',
                   'Met at the office. ' || repeat('Nothing new. ', 20) || 'Found 🌹🌹 for $200 on her phone.',
                   indicators.query('exploitation_slang'), 'MaxWords=8, MinWords=4');
SELECT ts_headline('indicators.english', 'She had a hotel key card.',
                   to_tsquery('english', 'card'), 'StartSel=<<, StopSel=>>');

-- The same notes give the same indicators through to_tsvector() as through
-- flags(): 3,000 notes made of lexicon terms, context rule phrases and
-- filler words at random (a fixed seed), dense with interactions.
SELECT setseed(0.25);
CREATE TEMP TABLE gen_note AS
WITH pieces AS (
    SELECT (SELECT array_agg(term ORDER BY id) FROM indicators.term WHERE enabled) AS terms,
           (SELECT array_agg(phrase ORDER BY id) FROM indicators.context_rule WHERE enabled) AS rules,
           ARRAY['the', 'youth', 'said', 'she', 'was', 'at', 'a', 'and', '.', ',', 'not',
                 'her', 'friend', 'today', '"', '!', 'with', 'money', 'for', E'\n', E'\n\n'] AS fill)
SELECT g AS id,
       (SELECT string_agg(CASE WHEN x < 0.25 THEN p.terms[1 + floor(y * cardinality(p.terms))::int]
                               WHEN x < 0.5 THEN p.rules[1 + floor(y * cardinality(p.rules))::int]
                               ELSE p.fill[1 + floor(y * cardinality(p.fill))::int] END, ' ')
          FROM (SELECT random() AS x, random() AS y FROM generate_series(1, 2 + g % 40)
                 WHERE g IS NOT NULL) AS r) AS note
  FROM pieces p, generate_series(1, 3000) AS g;
SELECT count(*) AS notes,
       count(*) FILTER (WHERE indicators.flags(note) <> '{}') AS with_flags,
       count(*) FILTER (WHERE indicators.flags(note) <> indicators.flags_all(note)) AS some_not_counted,
       count(*) FILTER (WHERE indicators.flags(note)
                              <> indicators.flags(to_tsvector('indicators.english', note))) AS english_differs,
       count(*) FILTER (WHERE indicators.flags(note)
                              <> indicators.flags(to_tsvector('indicators.codes', note))) AS codes_differs,
       count(*) FILTER (WHERE indicators.flags(note)
                              <> (SELECT COALESCE(array_agg(DISTINCT m.indicator COLLATE "C" ORDER BY m.indicator COLLATE "C"), '{}')
                                    FROM indicators.match(note) m WHERE m.affirmed)) AS match_differs,
       count(*) FILTER (WHERE EXISTS (SELECT FROM unnest(indicators.flags_all(note)) c
                                       WHERE indicators.has(note, c) <> (c = ANY (indicators.flags(note)))))
         AS has_differs
  FROM gen_note;

-- A long note is read a window of sentences at a time (a few thousand
-- events each).  2,250 of the notes joined into one so that they interact
-- (an anchor within 8 words of the next note's mention; about 30,000
-- events: several windows) give each note's mentions, every column of
-- match() alike, that the same words give with only the two notes before
-- and after it around them (a text too short to be read in windows).
SELECT indicators.flags_all('filler xy') AS no_filler_term;
CREATE TEMP TABLE dense_note AS
SELECT n.rn, n.note,
       sum(char_length(n.note) + 3) OVER (ORDER BY n.rn) - char_length(n.note) - 3 AS off
  FROM (SELECT row_number() OVER (ORDER BY id) AS rn, note
          FROM gen_note WHERE id % 40 >= 10) n;
-- (An ambiguous term nothing near anchors counts if the note has an
-- affirmed unambiguous mention anywhere: the note's first one.  So the
-- notes around are read after that mention, a paragraph apart, as its own
-- window would see it.)
WITH dense AS (
    SELECT string_agg(note, ' . ' ORDER BY rn) AS t FROM dense_note),
windowed AS (
    SELECT m.* FROM dense, indicators.match(dense.t) m),
support AS (
    SELECT m.matched || E'\n\n' || repeat('filler ', 10) || E'\n\n' AS prefix
      FROM dense, indicators.match(dense.t) m
     WHERE m.affirmed AND NOT m.ambiguous ORDER BY m.pos, m.len DESC LIMIT 1),
around AS (
    SELECT p.off, char_length(p.note) AS len, s.prefix || q.t AS t,
           q.first_off - char_length(s.prefix) AS first_off
      FROM dense_note p, support s,
           LATERAL (SELECT string_agg(n.note, ' . ' ORDER BY n.rn) AS t, min(n.off) AS first_off
                      FROM dense_note n WHERE n.rn BETWEEN p.rn - 2 AND p.rn + 2) q),
reference AS (
    SELECT m.indicator, m.term, m.pos + a.first_off::int, m.len, m.matched, m.affirmed,
           m.negated, m.hypothetical, m.historical, m.other_person, m.generic, m.ambiguous,
           m.negated_by, m.hypothetical_by, m.historical_by, m.other_person_by, m.generic_by,
           m.anchored_by,
           m.blocked_by, m.term_id
      FROM around a, indicators.match(a.t) m
     WHERE m.pos + a.first_off > a.off AND m.pos + a.first_off <= a.off + a.len)
SELECT (SELECT count(*) FROM windowed) > 10000 AS over_10000_mentions,
       (SELECT count(*) FROM windowed WHERE affirmed) > 1000 AS over_1000_count,
       (SELECT count(*) FROM windowed WHERE anchored_by IS NOT NULL) > 1000 AS over_1000_anchored,
       (SELECT count(*) FROM (TABLE windowed EXCEPT ALL TABLE reference) d) AS only_windowed,
       (SELECT count(*) FROM (TABLE reference EXCEPT ALL TABLE windowed) d) AS only_reference;
DROP TABLE dense_note;
-- explain() reads in windows too: the 3,000 notes ten words and blank lines
-- apart (no sentence goes on from one to the next) give the
-- lines each note gives alone (terminators aside: one is shown only in a
-- note with a live trigger its category), and the note marked up as each
-- one is (trigger and terminator marks aside, for the same reason; line
-- breaks are shown as spaces).
CREATE TEMP TABLE joined AS
SELECT string_agg(note, E'\n\n' || repeat('filler ', 10) || E'\n\n' ORDER BY id) AS apart
  FROM gen_note;
-- (Each note alone is read after the joined note's first affirmed
-- unambiguous mention, a paragraph apart, whose own lines are left out.)
WITH together AS (
    SELECT x.e, x.i FROM joined, indicators.explain(joined.apart) WITH ORDINALITY AS x(e, i)),
support AS (
    SELECT m.matched AS words, m.matched || E'\n\n' || repeat('filler ', 10) || E'\n\n' AS prefix
      FROM joined, indicators.match(joined.apart) m
     WHERE m.affirmed AND NOT m.ambiguous ORDER BY m.pos, m.len DESC LIMIT 1),
alone AS (
    SELECT g.id, x.e, x.i
      FROM gen_note g, support s,
           indicators.explain(s.prefix || g.note) WITH ORDINALITY AS x(e, i)),
together_lines AS (
    SELECT e FROM together WHERE i > 1 AND (e LIKE '[%' OR e LIKE '% over %')),
alone_lines AS (
    SELECT e FROM alone WHERE i > 1 AND (e LIKE '[%' OR e LIKE '% over %')
    EXCEPT ALL
    SELECT e FROM gen_note g, support s, indicators.explain(s.words) WITH ORDINALITY AS x(e, i)
     WHERE i > 1 AND (e LIKE '[%' OR e LIKE '% over %'))
SELECT (SELECT count(*) FROM together_lines) > 10000 AS over_10000_lines,
       (SELECT count(*) FROM (TABLE together_lines EXCEPT ALL TABLE alone_lines) d) AS only_together,
       (SELECT count(*) FROM (TABLE alone_lines EXCEPT ALL TABLE together_lines) d) AS only_alone,
       (SELECT translate(e, '<>', '') FROM together WHERE i = 1)
       = (SELECT string_agg(substr(translate(alone.e, '<>', ''),
                                   char_length(translate(p.e, '<>', '')) + 5 + char_length(repeat('filler ', 10))),
                            '  ' || repeat('filler ', 10) || '  ' ORDER BY id)
            FROM alone, support s, indicators.explain(s.words) WITH ORDINALITY AS p(e, i)
           WHERE alone.i = 1 AND p.i = 1) AS same_marked_note;
DROP TABLE joined;
-- Each "trick" is anchored by the amount of the sentence before it or of
-- the one after it, and by no other (the next is 10 words away): however
-- the windows fall, all are.
SELECT count(*) AS tricks, count(*) FILTER (WHERE m.affirmed) AS anchored,
       count(DISTINCT m.anchored_by) AS anchors
  FROM (SELECT string_agg(format('Cash $50 today. Her trick. %s Her trick. Cash $60 later. %s',
                                 repeat('Nothing else here at all today really. ', 1 + i % 3),
                                 repeat('Nothing else. ', i % 5)), '') AS note
          FROM generate_series(1, 10000) AS i) n,
       indicators.match(n.note) m;

-- A GIN index answers indicator queries and word queries.
CREATE TABLE case_note (id int PRIMARY KEY, note text NOT NULL);
INSERT INTO case_note
SELECT id, note FROM gen_note
UNION ALL
SELECT 10000 + g, 'Routine visit number ' || g || '; the youth is doing well.'
  FROM generate_series(1, 2000) g;
CREATE INDEX case_note_tsv ON case_note USING gin (to_tsvector('indicators.english', note));
ANALYZE case_note;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT id FROM case_note
 WHERE to_tsvector('indicators.english', note) @@ indicators.query('escort_ads');
EXPLAIN (COSTS OFF)
SELECT id FROM case_note
 WHERE to_tsvector('indicators.english', note) @@ 'exploitation_slang'::tsquery;
SELECT count(*) AS by_index
  FROM case_note WHERE to_tsvector('indicators.english', note) @@ indicators.query('escort_ads');
RESET enable_seqscan;
SELECT count(*) AS by_flags FROM case_note WHERE indicators.has(note, 'escort_ads');
SET enable_seqscan = off;
SELECT count(*) AS routine_by_index
  FROM case_note WHERE to_tsvector('indicators.english', note) @@ plainto_tsquery('english', 'routine visit');
RESET enable_seqscan;

-- In a parallel worker too (it compiles the lexicon itself): the same.
SET force_parallel_mode = on;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (COSTS OFF)
SELECT count(*) FROM case_note
 WHERE indicators.flags(to_tsvector('indicators.english', note)) <> indicators.flags(note);
SELECT count(*) AS differ_in_worker FROM case_note
 WHERE indicators.flags(to_tsvector('indicators.english', note)) <> indicators.flags(note);
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- After a lexicon change an index holds what the old lexicon gave: the
-- view says so, until it is rebuilt.
SELECT index, indexed_table, configuration, stale, remedy FROM indicators.text_search_index;
INSERT INTO indicators.term (indicator, term, source) VALUES ('escort_ads', 'zqxj site', 'local test');
SELECT index, stale, lexicon_changed_at IS NOT NULL AS has_changed_at, remedy
  FROM indicators.text_search_index;
SELECT changed_by = current_user AS by_me, relation, operation FROM indicators.lexicon_change
 ORDER BY version DESC LIMIT 1;
REINDEX INDEX case_note_tsv;
SELECT index, stale FROM indicators.text_search_index;
-- an edit rolled back leaves nothing behind
BEGIN;
DELETE FROM indicators.term WHERE term = 'zqxj site';
SELECT index, stale FROM indicators.text_search_index;
ROLLBACK;
SELECT index, stale FROM indicators.text_search_index;
DELETE FROM indicators.term WHERE term = 'zqxj site';
DROP TABLE case_note;
