-- cases: the per-case profile (an aggregate over notes, and over
-- indicators.mention), the analyst views, review, and the audit views.
SET client_min_messages = warning;
\set SHOW_CONTEXT never
CREATE EXTENSION IF NOT EXISTS indicators;

CREATE TABLE visit_note (
    id          bigint PRIMARY KEY,
    case_no     integer NOT NULL,
    written_at  timestamptz NOT NULL,
    body        text NOT NULL
);
INSERT INTO visit_note VALUES
 -- case 100: four runaway notes on three days, and a hotel key card
 (1, 100, '2026-05-04 09:00+00', 'Youth ran away from placement overnight.'),
 (2, 100, '2026-05-04 17:00+00', 'Follow-up: she ran away last night and returned at noon.'),
 (3, 100, '2026-05-20 09:00+00', 'Ran away again; found with a hotel key card.'),
 (4, 100, '2026-06-02 09:00+00', 'Reported missing from placement on Monday.'),
 -- case 200: a negated mention and a hypothetical one count for nothing;
 -- the note itself says how many episodes there were
 (5, 200, '2026-05-06 09:00+00', 'No signs of abuse were observed.'),
 (6, 200, '2026-05-13 09:00+00', 'If she runs away again, call the on-call worker.'),
 (7, 200, '2026-05-27 09:00+00', 'This was her fourth runaway since March; she has a burner phone.'),
 -- case 300: nothing
 (8, 300, '2026-05-08 09:00+00', 'Routine visit; school is going well.');

-- Over the notes directly: one profile per case.
SELECT case_no, jsonb_pretty(indicators.profile(body, written_at ORDER BY written_at)) AS profile
  FROM visit_note GROUP BY case_no ORDER BY case_no;
-- only what flags() counts: the same indicators per case
SELECT v.case_no,
       (SELECT array_agg(x ORDER BY x) FROM jsonb_array_elements_text(indicators.profile(v.body, v.written_at) -> 'indicators') x) AS from_profile,
       (SELECT array_agg(DISTINCT f ORDER BY f) FROM visit_note w, unnest(indicators.flags(w.body)) f WHERE w.case_no = v.case_no) AS from_flags
  FROM visit_note v GROUP BY v.case_no ORDER BY v.case_no;
-- empty and NULL input
SELECT indicators.profile(body, written_at) FROM visit_note WHERE false;
SELECT indicators.profile(NULL::text, NULL::timestamptz);
-- the number a runaway term states
SELECT t, indicators.runaway_ordinal(t)
  FROM unnest(ARRAY['fourth runaway', '3rd runaway', 'ran away', 'multiple runaways', '12th runaway']) t;

-- Over indicators.mention, after the job: the same profiles.
SELECT indicators.register_source('visit_note', 'body', 'id', 'case_no', 'written_at') AS visits \gset
CALL indicators.run('visit_note');
SELECT m.case_key,
       indicators.profile(m, m.noted_at) - 'notes' = (SELECT indicators.profile(v.body, v.written_at) - 'notes'
                                                         FROM visit_note v WHERE v.case_no::text = m.case_key) AS same
  FROM indicators.mention m WHERE m.source_id = :visits GROUP BY m.case_key ORDER BY m.case_key;

-- The analyst views.
SELECT case_key, notes_with_mentions, indicators, distinct_indicators, mentions,
       first_seen, last_seen, runaway_episodes, repeated_runaway, unreviewed_mentions, case_decision
  FROM indicators.case_summary WHERE source_id = :visits ORDER BY case_key;
-- (over every source; the weeks of this test's notes)
SELECT week, indicator, mentions, notes, cases
  FROM indicators.indicator_trend
 WHERE week >= '2026-05-01' AND week < '2026-07-01' ORDER BY week, indicator;
SELECT row_key, case_key, indicator, term, affirmed, negated, hypothetical, seen_at, decision
  FROM indicators.current_mention WHERE source_id = :visits ORDER BY row_key::int, pos;

-- Review: a decision on a mention, then a newer one; a decision on a case.
INSERT INTO indicators.review (mention_id, decision, comment)
SELECT id, 'needs_follow_up', 'ask about the key card'
  FROM indicators.mention WHERE source_id = :visits AND term = 'hotel key card';
INSERT INTO indicators.review (mention_id, decision, comment)
SELECT id, 'confirmed', 'key card confirmed by foster parent'
  FROM indicators.mention WHERE source_id = :visits AND term = 'hotel key card';
INSERT INTO indicators.review (source_id, case_key, decision, comment)
VALUES (:visits, '200', 'dismissed', 'phone is from her school');
-- the reviewer and time are the reviewer's own, whatever a reviewer writes
-- (only the extension owner, restoring a dump, may give them)
CREATE ROLE regress_writer;
GRANT USAGE ON SCHEMA indicators TO regress_writer;
GRANT SELECT, INSERT ON indicators.review TO regress_writer;
GRANT SELECT ON indicators.mention, visit_note TO regress_writer;
GRANT USAGE ON SEQUENCE indicators.review_id_seq TO regress_writer;
SET ROLE regress_writer;
INSERT INTO indicators.review (source_id, case_key, decision, reviewed_by, reviewed_at)
VALUES (:visits, '100', 'needs_follow_up', 'someone_else', '2000-01-01');
RESET ROLE;
DROP OWNED BY regress_writer;
DROP ROLE regress_writer;
SELECT about, case_key, row_key, indicator, term, decision, comment,
       CASE WHEN reviewed_by = current_user THEN '(me)' ELSE reviewed_by END AS reviewed_by,
       reviewed_at > '2026-01-01' AS now_ish
  FROM indicators.audit_reviews ORDER BY review;
SELECT indicator, term, decision FROM indicators.current_mention
 WHERE source_id = :visits AND decision IS NOT NULL;
SELECT case_key, unreviewed_mentions, case_decision FROM indicators.case_summary
 WHERE source_id = :visits ORDER BY case_key;
-- refused: a decision that is none, on nothing, or on both; changing one
INSERT INTO indicators.review (source_id, case_key, decision) VALUES (:visits, '100', 'guilty');
INSERT INTO indicators.review (source_id, decision) VALUES (:visits, 'confirmed');
INSERT INTO indicators.review (source_id, case_key) VALUES (:visits, '100');
INSERT INTO indicators.review (mention_id, source_id, case_key, decision)
SELECT id, :visits, '100', 'confirmed' FROM indicators.mention WHERE source_id = :visits LIMIT 1;
INSERT INTO indicators.review (mention_id, decision) VALUES (-1, 'confirmed');
CREATE ROLE regress_reviewer;
GRANT USAGE ON SCHEMA indicators TO regress_reviewer;
GRANT SELECT, INSERT, UPDATE, DELETE ON indicators.review TO regress_reviewer;
GRANT USAGE ON SEQUENCE indicators.review_id_seq TO regress_reviewer;
GRANT SELECT ON indicators.mention, visit_note TO regress_reviewer;
SET ROLE regress_reviewer;
-- (a case with no mentions: refused for a reviewer; the owner's and
-- superusers' reviews are taken as they are, as a restore writes them)
INSERT INTO indicators.review (source_id, case_key, decision) VALUES (:visits, '300', 'confirmed');
UPDATE indicators.review SET decision = 'dismissed';
DELETE FROM indicators.review;
RESET ROLE;
REVOKE ALL ON indicators.review, indicators.mention, visit_note FROM regress_reviewer;
REVOKE ALL ON SEQUENCE indicators.review_id_seq FROM regress_reviewer;
REVOKE USAGE ON SCHEMA indicators FROM regress_reviewer;
DROP ROLE regress_reviewer;

-- The audit of runs.
SELECT source, status, reflag, rows_scanned, rows_flagged, rows_deleted, mentions_added,
       mentions_retired, started_by = session_user AS by_me, took >= '0'::interval AS took, error
  FROM indicators.audit_runs WHERE source = 'visit_note'::regclass;
