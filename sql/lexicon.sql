-- lexicon: editing indicators.term, and the compiled lexicon following the
-- edits in this session (other sessions: test/isolation/specs).

-- A local term is used from the next statement on.
SELECT indicators.flags('She wears a zyxwv bracelet.') AS before;
INSERT INTO indicators.term (indicator, term, source)
VALUES ('tattoo_branding', 'Zyxwv Bracelet', 'local test');
SELECT indicators.flags('She wears a zyxwv bracelet.') AS after;
SELECT id >= 1000000 AS local_id, term, key, origin, enabled, ambiguous,
       added_by = current_user AS added_by_me, added_at IS NOT NULL AS has_added_at
  FROM indicators.term WHERE origin = 'local';
SELECT indicator, term, pos, len, matched, affirmed, term_id
  FROM indicators.match('ZYXWV-bracelet!');

-- Disabled: no longer matched; enabled again: matched.
UPDATE indicators.term SET enabled = false WHERE term = 'Zyxwv Bracelet';
SELECT indicators.flags('She wears a zyxwv bracelet.') AS disabled;
UPDATE indicators.term SET enabled = true WHERE term = 'Zyxwv Bracelet';
SELECT indicators.flags('She wears a zyxwv bracelet.') AS enabled;

-- Inside a transaction the change is seen by the next statement; after a
-- rollback it is gone, and so is its effect.
BEGIN;
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', 'qwzx powder');
SELECT indicators.flags('found qwzx powder') AS in_transaction;
ROLLBACK;
SELECT indicators.flags('found qwzx powder') AS after_rollback;

-- A shipped term can be disabled (and that is recorded), not changed or deleted.
SELECT id, term, enabled FROM indicators.term WHERE term = 'burner phone';
UPDATE indicators.term SET enabled = false WHERE term = 'burner phone';
SELECT indicators.flags('She has a burner phone.') AS shipped_disabled;
SELECT enabled, changed_by = current_user AS changed_by_me, changed_at IS NOT NULL AS has_changed_at
  FROM indicators.term WHERE term = 'burner phone';
UPDATE indicators.term SET term = 'burner phones' WHERE term = 'burner phone';
DELETE FROM indicators.term WHERE term = 'burner phone';
TRUNCATE indicators.term;
UPDATE indicators.term SET origin = 'default' WHERE term = 'Zyxwv Bracelet';
UPDATE indicators.term SET enabled = true WHERE term = 'burner phone';

-- Bad terms are refused when they are inserted, with nothing half-written:
-- the count of terms is the same after every failed statement.
SELECT count(*) AS terms_before FROM indicators.term;
-- (an unknown indicator: refused for an editor; the owner's and superusers'
-- rows, as pg_restore -j may write them before their indicator, are kept
-- with a warning: sql/security.sql)
CREATE ROLE regress_editor_term;
GRANT USAGE ON SCHEMA indicators TO regress_editor_term;
GRANT INSERT ON indicators.term TO regress_editor_term;
GRANT USAGE ON SEQUENCE indicators.term_id_seq TO regress_editor_term;
SET ROLE regress_editor_term;
INSERT INTO indicators.term (indicator, term) VALUES ('no_such_indicator', 'anything');
RESET ROLE;
DROP OWNED BY regress_editor_term;
DROP ROLE regress_editor_term;
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', '');
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', E' \t\n ');
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', '...');
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', E'\u0301\u0301');
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', E'\u200B\u200D');
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', 'white powder. blue pills');
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', 'mo*');
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', '* powder');
\set VERBOSITY terse
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', NULL);
\set VERBOSITY default
-- the same term again (after normalization) for the same indicator
INSERT INTO indicators.term (indicator, term) VALUES ('tattoo_branding', 'ZYXWV  bracelet');
-- one bad row in a multi-row insert: no row goes in
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', 'good one'), ('drug_use', '???');
SELECT count(*) AS terms_after FROM indicators.term;
SELECT indicators.flags('a good one') AS not_half_written;

-- term_key() is what is matched
SELECT t, indicators.term_key(t)
  FROM (VALUES ('Hotel Key-Card'), ('bruis*'), ('✈️'), ('won''t let her talk'), ('🌹 🌹'),
               ('ＴＨＥ ＧＡＭＥ')) AS v(t);

-- Patterns: groups of alternatives, (...) one of them, [...] one of them or
-- none.  The phrases a pattern stands for are one term (its text and id),
-- matched with exact spans; rules can be patterns too.
INSERT INTO indicators.term (indicator, term, source)
VALUES ('trafficking_location', '(located|recovered) at (a|the) [cheap] (roadside camp|tourist court)',
        'local test');
SELECT term, key FROM indicators.term WHERE term LIKE '(located%' AND origin = 'local';
SELECT term, pos, len, matched, affirmed
  FROM indicators.match('Y was located at a roadside camp. She was recovered at the cheap '
                        'tourist court. She was not located at a tourist court today.');
SELECT indicators.flags('Located at the Roadside Inn on Route 9.') AS pattern_flags,
       indicators.flags('located at roadside camp') AS no_article;
INSERT INTO indicators.context_rule (category, phrase, direction, source)
VALUES ('negation', 'no (sign|evidence|indication) [at all] of', 'forward', 'local test');
SELECT * FROM indicators.explain('There was no indication at all of bruising.');
DELETE FROM indicators.context_rule WHERE origin = 'local';
-- a bad pattern is refused when it is inserted, saying what and where
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', 'white (powder|pills');
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', '(white|(blue) pills)');
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', 'white | blue pills');
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', '(white||blue) pills');
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', '[white|blue]');
INSERT INTO indicators.term (indicator, term)
VALUES ('drug_use', '(a|b|c|d) (e|f|g|h) (i|j|k|l) (m|n|o|p) (q|r|s|t) (u|v) pills');
SELECT count(*) AS terms_still FROM indicators.term;

-- Word classes: <name> in a term or rule is a group of the class's enabled
-- words (indicators.word_class); an edit of the class reaches every term
-- that uses it, from the next statement, as any lexicon edit does.
SELECT class, count(*) AS words FROM indicators.word_class GROUP BY class ORDER BY class;
INSERT INTO indicators.word_class (class, word, source)
VALUES ('regress_place', 'roadside camp', 'local test'), ('regress_place', 'tourist court*', 'local test');
INSERT INTO indicators.term (indicator, term, source)
VALUES ('trafficking_location', '(found|located) at (a|the) <regress_place>', 'local test');
SELECT term, key FROM indicators.term WHERE term LIKE '%<regress_place>%';
SELECT matched FROM indicators.match('Found at a roadside camp; located at the tourist courts; found at a farm stand.');
INSERT INTO indicators.word_class (class, word, source) VALUES ('regress_place', 'farm stand', 'local test');
SELECT matched FROM indicators.match('Found at a roadside camp; located at the tourist courts; found at a farm stand.');
UPDATE indicators.word_class SET enabled = false WHERE word = 'roadside camp';
SELECT matched FROM indicators.match('Found at a roadside camp; located at the tourist courts; found at a farm stand.');
SELECT what, operation FROM indicators.audit_lexicon_changes
 WHERE "table" = 'indicators.word_class'::regclass ORDER BY id;
-- refused: an unknown class, a class word that is a pattern or too long,
-- a bad name, the last word of a class in use; a class with no enabled
-- word leaves its terms out, with a warning
INSERT INTO indicators.term (indicator, term, source) VALUES ('trafficking_location', 'at the <regress_nowhere>', 'local test');
\set VERBOSITY terse
INSERT INTO indicators.word_class (class, word) VALUES ('regress_place', '(barn|shed)');
INSERT INTO indicators.word_class (class, word) VALUES ('regress_place', 'a very long name for a place');
INSERT INTO indicators.word_class (class, word) VALUES ('Regress Place', 'barn');
\set VERBOSITY default
DELETE FROM indicators.word_class WHERE class = 'regress_place' AND word <> 'farm stand';
DELETE FROM indicators.word_class WHERE class = 'regress_place';
UPDATE indicators.word_class SET enabled = false WHERE class = 'regress_place';
SELECT indicators.flags('Found at a farm stand.') AS class_disabled;
DELETE FROM indicators.term WHERE term LIKE '%<regress_%';
DELETE FROM indicators.word_class WHERE class = 'regress_place';
SELECT count(*) AS shipped_class_words_only FROM indicators.word_class WHERE origin <> 'default';

-- Two parts near each other: "A ... B" within 4 tokens in a sentence, in
-- either order ("A ...3 B": within 3); the span covers both parts.
INSERT INTO indicators.term (indicator, term, source)
VALUES ('tattoo_branding', '(tattoo*|inked) ... (his|her pimp''s) (name|initials)', 'local test');
SELECT term, key FROM indicators.term WHERE term LIKE '(tattoo*|inked) ...%';
SELECT matched, affirmed FROM indicators.match('Y has a tattoo of his initials. She denies any tattoo '
                                               'with his name. A tattoo on her left wrist, and his name on a card.');
SELECT indicators.flags('His initials are inked on her neck.') AS either_order,
       indicators.flags('A tattoo. His name is Dre.') AS other_sentence;
INSERT INTO indicators.word_class (class, word, source) VALUES ('regress_lodging', 'qvzk lodge', 'local test');
INSERT INTO indicators.term (indicator, term, source)
VALUES ('trafficking_location', 'she was (found|located) ...> <regress_lodging>', 'local test');
SELECT indicator, term, matched FROM indicators.match('She was found at the Qvzk Lodge. A Qvzk Lodge card she was found with.')
 WHERE term LIKE 'she was (found%';
INSERT INTO indicators.term (indicator, term) VALUES ('tattoo_branding', 'crown ... tattoo ... name');
INSERT INTO indicators.term (indicator, term) VALUES ('tattoo_branding', 'crown ...40 tattoo');
DELETE FROM indicators.term WHERE origin = 'local';
DELETE FROM indicators.word_class WHERE origin = 'local';

-- Stem words: "beat~" matches every word with the English stem of "beat"
-- (Snowball's English stemmer, as english_stem), in a pattern too; the key
-- is the stem.
INSERT INTO indicators.term (indicator, term, source)
VALUES ('hostile_to_authority', '(punch~|kick~|cry~) (her|me)', 'local test');
SELECT term, key FROM indicators.term WHERE term LIKE '(punch~%' AND origin = 'local';
SELECT matched FROM indicators.match('He punched her, he was punching me, she kicks her legs, '
                                     'she cries her eyes out, crying her heart out; punchy her, kickoff her.')
 WHERE term = '(punch~|kick~|cry~) (her|me)';
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', 'high ~');
INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', 'h1gh~');
DELETE FROM indicators.term WHERE origin = 'local';
-- The same stems as english_stem, and every word with a stem matched by
-- it, over the vocabulary of the shipped lexicon and rules (written for
-- other uses; stop words aside, as english_stem drops them)
CREATE TEMP TABLE vocab AS
SELECT w, (ts_lexize('english_stem', w))[1] AS stem
  FROM (SELECT DISTINCT w
          FROM (SELECT term FROM indicators.term UNION ALL
                SELECT phrase FROM indicators.context_rule) t(x),
               regexp_split_to_table(lower(x), '[^a-z]+') w
         WHERE length(w) >= 2) v
 WHERE ts_lexize('english_stem', w) <> '{}';
SELECT count(*) AS words, count(DISTINCT stem) AS stems,
       count(*) FILTER (WHERE indicators.term_key(w || '~') <> stem || '~') AS other_stem
  FROM vocab;
-- (under an indicator of their own, so that no shipped term of the same
-- indicator and span is the one kept)
INSERT INTO indicators.indicator (code, category, description)
VALUES ('regress_stem', 'behavior', 'stem words of the vocabulary');
INSERT INTO indicators.term (indicator, term, source)
SELECT DISTINCT ON (stem) 'regress_stem', w || '~', 'local test' FROM vocab ORDER BY stem, w;
SELECT count(*) AS words_of_shared_stems,
       count(*) FILTER (WHERE found IS DISTINCT FROM ARRAY[stem || '~']) AS not_matched_by_their_stem
  FROM (SELECT v.w, v.stem,
               (SELECT array_agg(t.key) FROM indicators.match(v.w) m
                  JOIN indicators.term t ON t.id = m.term_id WHERE t.origin = 'local') AS found
          FROM vocab v
         WHERE (SELECT count(*) FROM vocab o WHERE o.stem = v.stem) > 1) r;

-- Clean up: local terms go, the shipped one is enabled again.
DELETE FROM indicators.term WHERE origin = 'local';
DELETE FROM indicators.indicator WHERE code = 'regress_stem';
SELECT count(*) FILTER (WHERE origin = 'local') AS local_left,
       count(*) FILTER (WHERE NOT enabled) AS disabled_left
  FROM indicators.term;
SELECT indicators.flags('She wears a zyxwv bracelet and has a burner phone.') AS cleaned_up;
