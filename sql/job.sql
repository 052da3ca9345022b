-- job: registering sources, indicators.run() over them (new, changed and
-- deleted rows, lexicon changes, a failed run taken up by the next), the
-- run and lexicon history, and what is refused.  Concurrent runs and edits
-- during a run: test/isolation/specs/job.spec; a killed run: test/t/004_job.pl.
-- Notices carry timings: only warnings and errors are shown here, without
-- the PL/pgSQL context lines.
SET client_min_messages = warning;
\set SHOW_CONTEXT never
CREATE EXTENSION IF NOT EXISTS indicators;
-- (earlier tests edited the lexicon: its history from here on is ours)
SELECT COALESCE(max(id), 0) AS history_before FROM indicators.lexicon_history \gset

CREATE TABLE case_note (
    id          integer PRIMARY KEY,
    case_id     text NOT NULL,
    written_at  timestamptz NOT NULL,
    note        text
);
INSERT INTO case_note VALUES
 (1, 'C-1', '2026-01-05 10:00+00', 'Found a hotel key card and two prepaid Visa cards in her backpack.'),
 (2, 'C-1', '2026-01-12 10:00+00', 'Youth denies having a second phone.'),
 (3, 'C-2', '2026-02-02 10:00+00', 'Reported missing from placement again; this is her third runaway episode.'),
 (4, 'C-2', '2026-02-09 10:00+00', 'She says she is in the life now and her daddy takes her money.'),
 (5, 'C-3', '2026-03-01 10:00+00', 'Routine home visit. School attendance is good.'),
 (6, 'C-3', '2026-03-08 10:00+00', NULL),
 (7, 'C-4', '2026-03-15 10:00+00', 'Ran away from the group home on Friday.'),
 (8, 'C-4', '2026-03-22 10:00+00', 'Ran away again overnight, found at a motel.'),
 (9, 'C-4', '2026-03-29 10:00+00', 'Missing overnight, returned by police in the morning.');

-- Registering: the checks, each with its own error.
SELECT indicators.register_source('case_note', 'body', 'id');
SELECT indicators.register_source('case_note', 'written_at', 'id');
SELECT indicators.register_source('case_note', 'note', 'case_id');
SELECT indicators.register_source('case_note', 'note', 'id', 'client');
SELECT indicators.register_source('case_note', 'note', 'id', 'case_id', 'note');
SELECT indicators.register_source('indicators.term', 'term', 'id');
CREATE SEQUENCE note_seq;
SELECT indicators.register_source('note_seq', 'note', 'id');
SELECT indicators.register_source('case_note', 'note', NULL);
-- (a view's key is checked by the run that reads it: sql/security.sql)
CREATE VIEW note_by_case AS SELECT case_id, note FROM case_note;
-- accepted, once
SELECT indicators.register_source('case_note', 'note', 'id', 'case_id', 'written_at') AS source_id;
SELECT indicators.register_source('case_note', 'note', 'id');
SELECT id, relation, text_column, key_column, case_column, changed_at_column,
       registered_by = current_user AS registered_by_me
  FROM indicators.note_source;

-- Calling it wrong.
CALL indicators.run('note_by_case');
CALL indicators.run(batch_size => 0);
BEGIN;
CALL indicators.run();
ROLLBACK;

-- The first run: every row, in batches of 4 (three batches).
CALL indicators.run(batch_size => 4);
SELECT id, status, reflag, lexicon_version = indicators.lexicon_version() AS current_version, rows_scanned, rows_flagged, rows_deleted,
       mentions_added, mentions_retired, last_key, error,
       started_by = session_user AS started_by_me, finished_at >= started_at AS finished
  FROM indicators.run ORDER BY id;
-- each mention points at its words in the source row
SELECT m.row_key, m.case_key, m.indicator, m.term, m.pos, m.len,
       substr(n.note, m.pos, m.len) AS words, m.affirmed, m.context, m.noted_at = n.written_at AS noted
  FROM indicators.mention m JOIN case_note n ON n.id::text = m.row_key
 ORDER BY m.row_key::int, m.pos, m.indicator;
-- the same as match() gives over the table
SELECT count(*) AS differences FROM (
  (SELECT n.id::text, x.indicator, x.term_id, x.pos, x.len, x.affirmed
     FROM case_note n, indicators.match(n.note) x
   EXCEPT SELECT row_key, indicator, term_id, pos, len, affirmed FROM indicators.mention)
  UNION ALL
  (SELECT row_key, indicator, term_id, pos, len, affirmed FROM indicators.mention
   EXCEPT SELECT n.id::text, x.indicator, x.term_id, x.pos, x.len, x.affirmed
     FROM case_note n, indicators.match(n.note) x)) d;
SELECT row_key, case_key, note_hash = COALESCE(md5(n.note)::uuid, '00000000-0000-0000-0000-000000000000') AS hash_ok,
       lexicon = (indicators.lexicon_in_use()).fingerprint::uuid AS current_lexicon,
       lexicon_version = indicators.lexicon_version() AS current_version, run_id
  FROM indicators.note_state s JOIN case_note n ON n.id::text = s.row_key ORDER BY row_key::int;

-- Nothing changed: nothing flagged again.
CALL indicators.run();
SELECT id, status, rows_scanned, rows_flagged, rows_deleted, mentions_added, mentions_retired
  FROM indicators.run WHERE id = 2;

-- A changed text, a changed case, a deleted row, a new row; a row whose
-- text changes without changing its mentions keeps them.
UPDATE case_note SET note = 'Youth admits having a second phone.' WHERE id = 2;
UPDATE case_note SET case_id = 'C-9' WHERE id = 7;
DELETE FROM case_note WHERE id = 1;
INSERT INTO case_note VALUES (10, 'C-3', '2026-04-01 10:00+00', 'She has a burner phone and a new tattoo of a crown.');
UPDATE case_note SET note = note || ' Police were called.' WHERE id = 8;
CALL indicators.run(batch_size => 3);
SELECT id, status, rows_scanned, rows_flagged, rows_deleted, mentions_added, mentions_retired
  FROM indicators.run WHERE id = 3;
SELECT row_key, case_key, indicator, term, affirmed, run_id, retired_run
  FROM indicators.mention WHERE run_id = 3 OR retired_run = 3 ORDER BY id;
SELECT count(*) AS states, count(*) FILTER (WHERE row_key = '1') AS deleted_row_state
  FROM indicators.note_state;

-- A lexicon change: the next run reads every row again (its state has the
-- old version) but writes only what changed.
INSERT INTO indicators.term (indicator, term, source) VALUES ('school_absence', 'school attendance', 'regress');
CALL indicators.run();
SELECT r.id, r.lexicon_version = indicators.lexicon_version() AS current_version,
       rows_scanned, rows_flagged, mentions_added, mentions_retired
  FROM indicators.run r WHERE id = 4;
SELECT row_key, indicator, term, lexicon_version = indicators.lexicon_version() AS current_version
  FROM indicators.mention WHERE run_id = 4;
UPDATE indicators.term SET enabled = false WHERE term = 'school attendance';
CALL indicators.run();
SELECT id, rows_flagged, mentions_added, mentions_retired FROM indicators.run WHERE id = 5;
-- a change undone is the lexicon the rows were read with: nothing to do
-- (rows are compared by the lexicon's fingerprint, not its version number)
UPDATE indicators.term SET ambiguous = true WHERE term = 'burner phone';
UPDATE indicators.term SET ambiguous = false WHERE term = 'burner phone';
CALL indicators.run();
SELECT id, rows_flagged, mentions_added, mentions_retired FROM indicators.run WHERE id = 6;
-- reflag: everything matched again, nothing written that is the same
CALL indicators.run(reflag => true);
SELECT id, reflag, rows_scanned, rows_flagged, mentions_added, mentions_retired FROM indicators.run WHERE id = 7;

-- A run that fails part-way keeps its committed batches and says why; the
-- next run does the rest, and the result is what one run gives.  The source
-- here is a view that fails on one row while a switch is on.
CREATE TABLE switch (fail boolean);
INSERT INTO switch VALUES (false);
-- (the job runs with search_path = pg_catalog, pg_temp: functions a source
-- calls name their tables in full, or set their own search_path)
CREATE FUNCTION note_or_fail(id integer, note text) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF id = 7 AND (SELECT fail FROM public.switch) THEN
        RAISE EXCEPTION 'cannot read note %', id;
    END IF;
    RETURN note;
END $$;
CREATE VIEW failing_note AS SELECT id, case_id, note_or_fail(id, note) AS note FROM case_note;
CREATE TABLE reference_note AS SELECT * FROM case_note;
ALTER TABLE reference_note ADD PRIMARY KEY (id);
SELECT indicators.register_source('failing_note', 'note', 'id', 'case_id') AS failing,
       indicators.register_source('reference_note', 'note', 'id', 'case_id') AS reference \gset
UPDATE switch SET fail = true;
SET client_min_messages = error;
CALL indicators.run('failing_note', batch_size => 2);
SELECT id, status, rows_scanned, rows_flagged, last_key, error FROM indicators.run WHERE source_id = :failing;
UPDATE switch SET fail = false;
CALL indicators.run('failing_note', batch_size => 2);
CALL indicators.run('reference_note');
SET client_min_messages = warning;
SELECT id, source_id, status, rows_scanned, rows_flagged, error FROM indicators.run WHERE source_id IN (:failing, :reference) ORDER BY id;
-- the same mentions, none twice
SELECT count(*) AS differences FROM (
  (SELECT row_key, case_key, indicator, term_id, pos, len, affirmed, context FROM indicators.mention
    WHERE source_id = :failing AND retired_run IS NULL
   EXCEPT ALL SELECT row_key, case_key, indicator, term_id, pos, len, affirmed, context FROM indicators.mention
    WHERE source_id = :reference AND retired_run IS NULL)
  UNION ALL
  (SELECT row_key, case_key, indicator, term_id, pos, len, affirmed, context FROM indicators.mention
    WHERE source_id = :reference AND retired_run IS NULL
   EXCEPT ALL SELECT row_key, case_key, indicator, term_id, pos, len, affirmed, context FROM indicators.mention
    WHERE source_id = :failing AND retired_run IS NULL)) d;
SELECT count(*) AS mentions FROM indicators.mention WHERE source_id = :failing AND retired_run IS NULL;

-- Hostile names are only ever identifiers.
CREATE TABLE "Notes; DROP TABLE case_note; --" ("id key" bigint PRIMARY KEY, "note""text" text, "case)" int);
INSERT INTO "Notes; DROP TABLE case_note; --" VALUES (1, 'Found at a truck stop with a burner phone.', 5);
SELECT indicators.register_source('"Notes; DROP TABLE case_note; --"', 'note"text', 'id key', 'case)') AS hostile \gset
CALL indicators.run('"Notes; DROP TABLE case_note; --"');
SELECT row_key, case_key, indicator, term FROM indicators.mention WHERE source_id = :hostile ORDER BY pos;
SELECT count(*) AS case_note_still_there FROM case_note;
CALL indicators.run('"Notes; DROP TABLE case_note; --"''');

-- The run table and the lexicon history are append-only, even for a role
-- someone granted more than they should have.
CREATE ROLE regress_sloppy;
GRANT USAGE ON SCHEMA indicators TO regress_sloppy;
GRANT SELECT, UPDATE, DELETE ON indicators.run, indicators.lexicon_history TO regress_sloppy;
-- (and may read the source, so that row-level security shows it the run)
GRANT SELECT ON case_note TO regress_sloppy;
SET ROLE regress_sloppy;
UPDATE indicators.run SET status = 'done' WHERE id = 1;
DELETE FROM indicators.lexicon_history;
SELECT indicators.run_finish(1);
RESET ROLE;
REVOKE ALL ON indicators.run, indicators.lexicon_history, case_note FROM regress_sloppy;
REVOKE USAGE ON SCHEMA indicators FROM regress_sloppy;
DROP ROLE regress_sloppy;
-- and the job's own steps only move this session's running run along
SELECT indicators.run_step(1, 10);
SELECT indicators.run_finish(1);
SELECT indicators.run_fail(1, 'forged');

-- The lexicon's history: every row inserted, updated, deleted, by whom.
DELETE FROM indicators.term WHERE term = 'school attendance';
SELECT changed_by = current_user AS by_me, "table", operation, what, indicator, changes
  FROM indicators.audit_lexicon_changes WHERE id > :history_before ORDER BY id;
SELECT operation, old_row ->> 'enabled' AS old_enabled, new_row ->> 'enabled' AS new_enabled
  FROM indicators.lexicon_history WHERE id > :history_before ORDER BY id;
