-- match: flags(), has() and match() over the shipped lexicon.

-- The examples of the issue.
SELECT indicators.flags('Found a hotel key card and two prepaid Visa cards in her bag.');
SELECT indicator, term, pos, len, matched, term_id
  FROM indicators.match('Chat says she is in the l i f e now 🌹🌹 and "T R I C K S"');

-- One note per indicator: each mentions the indicator it is written for.
CREATE TEMP TABLE note (id int PRIMARY KEY, written_for text, body text);
INSERT INTO note VALUES
 (1, 'abuse_signs', 'Worker observed bruising on both forearms.'),
 (2, 'neglect_signs', 'Youth appeared gaunt and has poor hygiene.'),
 (3, 'untreated_medical', 'Clinic notes an untreated tooth abscess.'),
 (4, 'controlling_adult', 'An older boyfriend holds her ID.'),
 (5, 'trafficking_location', 'Youth was recovered at a motel near the interstate.'),
 (6, 'secret_phones', 'Foster parent found a second phone in her room.'),
 (7, 'unexplained_goods', 'She carried a designer purse and could not explain where she got it.'),
 (8, 'bulk_paraphernalia', 'Staff found a box of condoms in her backpack.'),
 (9, 'housing_insecurity', 'Mother and youth have been sleeping in a car since March.'),
 (10, 'unexplained_cash', 'Search found a roll of cash and a prepaid Visa.'),
 (11, 'tattoo_branding', 'Barcode tattoo on her neck.'),
 (12, 'travel_while_missing', 'She was taken out of state and doesn''t know what city she stayed in.'),
 (13, 'drug_use', 'Tox screen positive for MDMA.'),
 (14, 'runs_away', 'This is her 4th runaway episode this year.'),
 (15, 'school_absence', 'School reports 12 unexcused absences this term.'),
 (16, 'sleeping_in_class', 'Teacher says she sleeps in class most days.'),
 (17, 'activity_withdrawal', 'She quit the team in October.'),
 (18, 'social_disconnection', 'She no longer talks to her mother.'),
 (19, 'behavior_change', 'Sudden change in behavior since summer.'),
 (20, 'evasive_answers', 'Youth refused to answer questions about the weekend.'),
 (21, 'hostile_to_authority', 'Youth was combative and cursed at the officer.'),
 (22, 'concealed_identity', 'She gave a false name and claimed to be 19.'),
 (23, 'escort_ads', 'Detective located posted ads on MegaPersonals.'),
 (24, 'exploitation_slang', 'Messages mention a choosing fee and her pimp.');
SELECT id, written_for, indicators.flags(body) FROM note ORDER BY id;
-- no note misses the indicator it was written for; all 24 are covered
SELECT id FROM note WHERE NOT indicators.has(body, written_for);
SELECT count(DISTINCT written_for) FROM note WHERE indicators.has(body, written_for);

-- The words that matched, and where.  substr(note, pos, len) is matched.
SELECT id, m.indicator, m.term, m.pos, m.len, m.matched,
       substr(body, m.pos, m.len) = m.matched AS same
  FROM note, indicators.match(body) m
 WHERE id IN (4, 10, 12, 14)
 ORDER BY id, m.pos;

SELECT bool_and(substr(body, m.pos, m.len) = m.matched) AS all_same, count(*) AS mentions
  FROM note, indicators.match(body) m;

-- Positions count characters, also after multi-byte text and emoji.
SELECT m.term, m.pos, m.len, m.matched, substr(n, m.pos, m.len) = m.matched AS same
  FROM (VALUES ('José 👩‍👧 🇺🇸 said: ca$h and a h0tel k3y c4rd')) AS v(n),
       indicators.match(n) m;
SELECT m.term, m.pos, m.len, m.matched
  FROM indicators.match(E'ｔｈｅ　ｇａｍｅ\u3002 tr\u200Bicks 🌹🏽 ✈') m;

-- A mention inside a longer one of the same indicator is reported once;
-- overlapping mentions of other indicators stay.
SELECT indicator, term, pos, len FROM indicators.match('She had a hotel key card.');
SELECT indicator, term, pos, len FROM indicators.match('Profile on a sugar daddy website.');

-- Phrases do not cross a sentence end or a blank line; punctuation and a
-- single line break between words do not matter.  ("the life" is ambiguous
-- slang: flags_all() shows every mention, context aside; see context.sql.)
SELECT indicators.flags_all('She spoke of the life.') AS same_sentence,
       indicators.flags_all('It was the. Life goes on.') AS across_sentences,
       indicators.flags_all(E'the\nlife') AS line_break,
       indicators.flags_all(E'the\n\nlife') AS blank_line,
       indicators.flags_all('"the"-"life"') AS punctuation;

-- Nothing to find; NULL in, NULL out.
SELECT indicators.flags('Youth attended school and her soccer game.') AS none,
       indicators.flags(NULL) AS null_flags,
       indicators.has(NULL, 'runs_away') AS null_has,
       (SELECT count(*) FROM indicators.match(NULL)) AS null_match;
-- flags() is sorted and distinct
SELECT indicators.flags('pimp, pimp, runaway, ran away, bruises, pimp') AS sorted_distinct;

-- has() knows the codes.
SELECT indicators.has('She ran away.', 'runs_away') AS yes,
       indicators.has('She ran away.', 'drug_use') AS no;
SELECT indicators.has('She ran away.', 'running_away');

-- In parallel workers too (each compiles the lexicon): the same answers.
CREATE TABLE par_note AS SELECT * FROM note;
SET force_parallel_mode = on;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (COSTS OFF) SELECT id, indicators.flags(body) FROM par_note;
SELECT (SELECT count(*) FROM
          (SELECT id, indicators.flags(body), indicators.has(body, written_for) FROM par_note
           EXCEPT SELECT id, indicators.flags(body), indicators.has(body, written_for) FROM note) d
       ) AS flags_differ,
       (SELECT count(*) FROM
          (SELECT id, m.pos, m.term FROM par_note, indicators.match(body) m
           EXCEPT SELECT id, m.pos, m.term FROM note, indicators.match(body) m) d
       ) AS matches_differ,
       (SELECT count(*) FROM par_note, indicators.match(body)) AS parallel_matches;
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
DROP TABLE par_note;

-- The functions compose with SQL: mentions per indicator over the notes.
SELECT m.indicator, count(*) AS mentions, count(DISTINCT n.id) AS notes
  FROM note n, indicators.match(n.body) m
 GROUP BY m.indicator ORDER BY mentions DESC, m.indicator LIMIT 5;
