-- security: the attack review's findings (issue 9), each tried as the
-- attacker would, as a real role inside the database.  Every block below
-- failed on release 0.1.0.
-- A database of its own, so that run and source ids, and runs over every
-- source, do not depend on the tests before.
SET client_min_messages = warning;
\set SHOW_CONTEXT never
\set regress_db :DBNAME
CREATE DATABASE regress_security;
\c regress_security
SET client_min_messages = warning;
CREATE EXTENSION indicators;

CREATE ROLE regress_attacker;
CREATE ROLE regress_target;
CREATE ROLE regress_editor;
GRANT USAGE ON SCHEMA indicators TO regress_attacker, regress_editor;
-- what the README's recipe gives a source administrator
GRANT INSERT ON indicators.note_source TO regress_attacker, regress_editor;
GRANT USAGE ON SEQUENCE indicators.note_source_id_seq TO regress_attacker, regress_editor;
GRANT EXECUTE ON FUNCTION indicators.register_source(regclass, name, name, name, name)
    TO regress_attacker, regress_editor;
GRANT TEMPORARY ON DATABASE regress_security TO regress_attacker;

------------------------------------------------------------------------
-- 1. A source's code runs with its owner's rights, never the job's.
------------------------------------------------------------------------
-- The attacker owns a schema, a log, and a view whose function tries to
-- make another role a superuser whenever a superuser reads it.
CREATE SCHEMA regress_trap AUTHORIZATION regress_attacker;
SET ROLE regress_attacker;
CREATE TABLE regress_trap.seen (who name, superuser boolean);
CREATE FUNCTION regress_trap.gift(t text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO regress_trap.seen
    SELECT current_user, r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user;
    IF (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
        EXECUTE 'ALTER ROLE regress_target SUPERUSER';
    END IF;
    RETURN t;
END $$;
CREATE TABLE regress_trap.base (id integer PRIMARY KEY, note text NOT NULL);
INSERT INTO regress_trap.base VALUES (1, 'She has a burner phone.'), (2, 'Routine visit.');
CREATE VIEW regress_trap.trojan AS SELECT id, regress_trap.gift(note) AS note FROM regress_trap.base;
-- a temporary view is refused outright
CREATE FUNCTION pg_temp.gift(t text) RETURNS text LANGUAGE sql AS 'SELECT t';
CREATE VIEW pg_temp.trojan AS SELECT 1 AS id, pg_temp.gift('x') AS note;
SELECT indicators.register_source('pg_temp.trojan', 'note', 'id');
INSERT INTO indicators.note_source (relation, text_column, key_column)
VALUES ('pg_temp.trojan', 'note', 'id');
RESET ROLE;

-- The DBA registers the attacker's view: nothing of it runs then...
SELECT indicators.register_source('regress_trap.trojan', 'note', 'id') AS trojan \gset
SELECT count(*) AS calls_at_registration FROM regress_trap.seen;
-- ...and the nightly job, as a superuser, reads it as its owner.
CALL indicators.run('regress_trap.trojan');
SELECT who, superuser FROM regress_trap.seen;
SELECT rolsuper AS target_became_superuser FROM pg_roles WHERE rolname = 'regress_target';
SELECT row_key, indicator, term FROM indicators.mention WHERE source_id = :trojan ORDER BY row_key;
-- inside a security-restricted operation: no SET ROLE, no temporary table
SET ROLE regress_attacker;
CREATE OR REPLACE FUNCTION regress_trap.gift(t text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    CREATE TEMP TABLE stolen (x text);
    RETURN t;
END $$;
RESET ROLE;
UPDATE regress_trap.base SET note = note || ' Again.';
CALL indicators.run('regress_trap.trojan');
SELECT status, error FROM indicators.run WHERE source_id = :trojan ORDER BY id DESC LIMIT 1;

------------------------------------------------------------------------
-- 2. Registering: every check holds for a direct INSERT, whatever the
--    grants; no system catalog, no column the role cannot read.
------------------------------------------------------------------------
SET ROLE regress_attacker;
INSERT INTO indicators.note_source (relation, text_column, key_column, changed_at_column)
VALUES ('pg_catalog.pg_authid', 'rolname', 'rolpassword', 'rolpassword');
SELECT indicators.register_source('pg_catalog.pg_authid', 'rolname', 'oid');
RESET ROLE;
CREATE TABLE regress_child (id integer PRIMARY KEY, note text, child_ssn text);
GRANT SELECT (id, note) ON regress_child TO regress_editor;
SET ROLE regress_editor;
-- its case column is a column the editor may not read
SELECT indicators.register_source('regress_child', 'note', 'id', 'child_ssn');
INSERT INTO indicators.note_source (relation, text_column, key_column, case_column)
VALUES ('regress_child', 'note', 'id', 'child_ssn');
-- the columns it may read: accepted, and who did it is recorded truly
INSERT INTO indicators.note_source (relation, text_column, key_column, registered_by, registered_at)
VALUES ('regress_child', 'note', 'id', 'someone_else', '2000-01-01');
SELECT registered_by, registered_at > now() - interval '1 hour' AS registered_now
  FROM indicators.note_source WHERE relation = 'regress_child'::regclass;
-- a source is never changed in place, even by a role granted UPDATE
RESET ROLE;
GRANT UPDATE ON indicators.note_source TO regress_editor;
SET ROLE regress_editor;
UPDATE indicators.note_source SET key_column = 'child_ssn' WHERE relation = 'regress_child'::regclass;
RESET ROLE;
-- a table key that may be null is refused when registered
CREATE TABLE regress_nullable (id integer UNIQUE, note text);
SELECT indicators.register_source('regress_nullable', 'note', 'id');

------------------------------------------------------------------------
-- 3. A view's own filtering holds for the mentions: a security_invoker
--    view over a table with row-level security, and a view that filters
--    on current_user.
------------------------------------------------------------------------
CREATE TABLE regress_worker_note (id integer PRIMARY KEY, worker name NOT NULL, case_id integer, note text);
INSERT INTO regress_worker_note VALUES
 (1, 'regress_analyst3', 10, 'She has a burner phone.'),
 (2, 'regress_analyst3', 10, 'Found at a motel.'),
 (3, 'someone_else', 20, 'Ran away again.'),
 (4, 'someone_else', 20, 'A second phone in her bag.');
ALTER TABLE regress_worker_note ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON regress_worker_note USING (worker = current_user);
CREATE VIEW regress_invoker_view WITH (security_invoker = true) AS
    SELECT id, case_id, note FROM regress_worker_note;
CREATE VIEW regress_filter_view AS
    SELECT id, case_id, note FROM regress_worker_note WHERE worker = current_user;
SELECT indicators.register_source('regress_invoker_view', 'note', 'id', 'case_id') AS invoker_view,
       indicators.register_source('regress_filter_view', 'note', 'id', 'case_id') AS filter_view \gset
CALL indicators.run('regress_invoker_view');
-- (the filtering view, read as its owner, shows the owner's rows: none here)
UPDATE regress_worker_note SET worker = current_user WHERE id IN (3, 4);
CALL indicators.run('regress_filter_view');
UPDATE regress_worker_note SET worker = 'someone_else' WHERE id IN (3, 4);
CREATE ROLE regress_analyst3;
GRANT USAGE ON SCHEMA indicators TO regress_analyst3;
GRANT SELECT ON indicators.mention, indicators.current_mention, indicators.review TO regress_analyst3;
GRANT INSERT ON indicators.review TO regress_analyst3;
GRANT USAGE ON SEQUENCE indicators.review_id_seq TO regress_analyst3;
GRANT SELECT ON regress_worker_note, regress_invoker_view, regress_filter_view TO regress_analyst3;
SELECT source_id = :invoker_view AS invoker_view, count(*) AS mentions_flagged
  FROM indicators.mention WHERE source_id IN (:invoker_view, :filter_view) GROUP BY 1 ORDER BY 1;
SET ROLE regress_analyst3;
SELECT count(*) AS rows_seen_through_the_view FROM regress_invoker_view;
SELECT row_key, indicator FROM indicators.mention WHERE source_id = :invoker_view ORDER BY row_key;
SELECT row_key, indicator FROM indicators.current_mention WHERE source_id = :filter_view ORDER BY row_key;
RESET ROLE;
-- and she cannot review what she cannot see, nor see its review
SELECT min(id) AS hidden_mention FROM indicators.mention WHERE source_id = :invoker_view AND row_key = '3' \gset
SET ROLE regress_analyst3;
INSERT INTO indicators.review (mention_id, decision) VALUES (:hidden_mention, 'dismissed');
RESET ROLE;
INSERT INTO indicators.review (mention_id, decision) VALUES (:hidden_mention, 'dismissed');
SET ROLE regress_analyst3;
SELECT count(*) AS reviews_seen FROM indicators.review;
RESET ROLE;

------------------------------------------------------------------------
-- 9. A key column whose type changes does not break readers' queries: a
--    retired mention's old key is a row nobody sees.
------------------------------------------------------------------------
CREATE TABLE regress_retyped (k text PRIMARY KEY, worker name, note text);
INSERT INTO regress_retyped VALUES ('1', 'regress_analyst3', 'Ran away.'), ('A1', 'regress_analyst3', 'Ran away.');
ALTER TABLE regress_retyped ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON regress_retyped USING (worker = current_user);
GRANT SELECT ON regress_retyped TO regress_analyst3;
SELECT indicators.register_source('regress_retyped', 'note', 'k') AS retyped \gset
CALL indicators.run('regress_retyped');
DELETE FROM regress_retyped WHERE k = 'A1';
CALL indicators.run('regress_retyped');
ALTER TABLE regress_retyped ALTER k TYPE integer USING k::integer;
SET ROLE regress_analyst3;
SELECT row_key, retired_run IS NOT NULL AS retired FROM indicators.mention WHERE source_id = :retyped ORDER BY row_key;
RESET ROLE;
CALL indicators.run('regress_retyped');

------------------------------------------------------------------------
-- 4. The job checks the column privileges of the role that runs it.
------------------------------------------------------------------------
CREATE ROLE regress_job2;
GRANT USAGE ON SCHEMA indicators TO regress_job2;
-- the README's recipe for the job
GRANT SELECT ON indicators.mention, indicators.run, indicators.audit_runs TO regress_job2;
GRANT EXECUTE ON PROCEDURE indicators.run(regclass, boolean, integer, integer, integer) TO regress_job2;
GRANT EXECUTE ON FUNCTION indicators.run_begin(integer, boolean), indicators.run_step(bigint, integer),
    indicators.run_finish(bigint), indicators.run_fail(bigint, text) TO regress_job2;
GRANT SELECT (id) ON regress_child TO regress_job2;
SET ROLE regress_job2;
CALL indicators.run('regress_child');
RESET ROLE;
SELECT status, error FROM indicators.run WHERE source_id = (SELECT id FROM indicators.note_source WHERE relation = 'regress_child'::regclass);
-- A reader sees a mention only if they may read every column it shows:
-- text, key, and case (here a column no analyst is granted).
CREATE TABLE regress_ssn_case (id integer PRIMARY KEY, note text, child_ssn text);
INSERT INTO regress_ssn_case VALUES (1, 'She has a burner phone.', '000-00-0000');
SELECT indicators.register_source('regress_ssn_case', 'note', 'id', 'child_ssn') AS ssn_case \gset
CALL indicators.run('regress_ssn_case');
CREATE ROLE regress_reader;
GRANT USAGE ON SCHEMA indicators TO regress_reader;
GRANT SELECT ON indicators.mention TO regress_reader;
GRANT SELECT (id, note) ON regress_ssn_case TO regress_reader;
SET ROLE regress_reader;
SELECT count(*) AS mentions_seen FROM indicators.mention WHERE source_id = :ssn_case;
RESET ROLE;
GRANT SELECT (child_ssn) ON regress_ssn_case TO regress_reader;
SET ROLE regress_reader;
SELECT count(*) AS mentions_seen FROM indicators.mention WHERE source_id = :ssn_case;
RESET ROLE;
-- and source_read() is not for PUBLIC
SET ROLE regress_attacker;
SELECT * FROM indicators.source_read(:trojan, 'keys');
RESET ROLE;

------------------------------------------------------------------------
-- 5. One failing source does not stop the night: the first source fails
--    in its first batch (its text column renamed), the next is flagged,
--    the result counts both.
------------------------------------------------------------------------
CREATE TABLE regress_gone (id integer PRIMARY KEY, note text);
CREATE TABLE regress_after (id integer PRIMARY KEY, note text);
INSERT INTO regress_after VALUES (1, 'Found at a motel.');
SELECT indicators.register_source('regress_gone', 'note', 'id') AS gone,
       indicators.register_source('regress_after', 'note', 'id') AS after \gset
ALTER TABLE regress_gone RENAME COLUMN note TO body;
CREATE VIEW regress_dup AS SELECT 1 AS id, 'a second phone' AS note UNION ALL SELECT 1, 'a burner phone';
SELECT indicators.register_source('regress_dup', 'note', 'id') AS dup \gset
CALL indicators.run();
SELECT s.id = :gone AS gone, s.id = :dup AS dup, r.status, r.error
  FROM indicators.run r JOIN indicators.note_source s ON s.id = r.source_id
 WHERE r.source_id IN (:gone, :after, :dup) ORDER BY r.id;
SELECT row_key, indicator FROM indicators.mention WHERE source_id = :after;

------------------------------------------------------------------------
-- 11. The job role cannot forge the run history or the mentions: it has
--     no write grant on them, and the steps it may call do real work.
------------------------------------------------------------------------
GRANT SELECT ON regress_after TO regress_job2;
INSERT INTO regress_after VALUES (2, 'She ran away again.'), (3, 'Routine visit.');
SET ROLE regress_job2;
SELECT indicators.run_begin(:after, false) AS forged \gset
UPDATE indicators.run SET rows_scanned = -1000000, status = 'done' WHERE id = :forged;
INSERT INTO indicators.mention (source_id, row_key, indicator, term, term_id, pos, len, affirmed, negated,
       hypothetical, historical, other_person, ambiguous, context, lexicon_version, run_id)
VALUES (:after, '3', 'drug_use', 'meth', 1, 1, 4, true, false, false, false, false, false, '{}', 0, :forged);
UPDATE indicators.mention SET indicator = 'drug_use' WHERE source_id = :after;
DELETE FROM indicators.mention WHERE source_id = :after;
-- what it may call by hand does the run's real work, and records it truly
SELECT * FROM indicators.run_step(:forged, 1);
SELECT * FROM indicators.run_finish(:forged);
SELECT * FROM indicators.run_fail(:forged, 'forged');
RESET ROLE;
SELECT status, rows_scanned, rows_flagged, mentions_added, last_key, error FROM indicators.run WHERE id = :forged;
SELECT row_key, indicator FROM indicators.mention WHERE source_id = :after AND retired_run IS NULL ORDER BY row_key;

------------------------------------------------------------------------
-- 6. flags(), has(), the tsvector and the job count what match() shows: a
--    term inside a longer one ("meth" in "crystal meth") is no mention of
--    its own, whatever a trigger's scope does inside the longer one.
------------------------------------------------------------------------
SELECT indicators.flags(n) AS flags, indicators.has(n, 'drug_use') AS has,
       indicators.flags(to_tsvector('indicators.english', n)) AS tsvector,
       (SELECT array_agg(m.term || ': ' || CASE WHEN m.affirmed THEN 'counts' ELSE 'does not count' END)
          FROM indicators.match(n) m) AS match
  FROM (VALUES ('Her mother has been arrested for selling crystal meth.')) v(n);

------------------------------------------------------------------------
-- 8. Keys do not depend on the session's settings.
------------------------------------------------------------------------
CREATE TABLE regress_float_key (k float8 PRIMARY KEY, note text);
-- (0.1 + 0.2 is 0.30000000000000004: "0.3" with extra_float_digits = 0)
INSERT INTO regress_float_key VALUES (0.1, 'Ran away.'), (0.1::float8 + 0.2::float8, 'Ran away again.'), (1e300, 'A burner phone.');
CREATE TABLE regress_time_key (k timestamptz PRIMARY KEY, note text);
INSERT INTO regress_time_key VALUES ('2026-01-01 23:30+00', 'Ran away.'), ('2026-01-02 00:30+00', 'A burner phone.');
SELECT indicators.register_source('regress_float_key', 'note', 'k') AS float_key,
       indicators.register_source('regress_time_key', 'note', 'k') AS time_key \gset
CALL indicators.run('regress_float_key', batch_size => 1);
CALL indicators.run('regress_time_key', batch_size => 1);
SET extra_float_digits = 0;
SET TimeZone = 'America/New_York';
SET DateStyle = 'SQL, DMY';
-- each run ends, and finds nothing changed
CALL indicators.run('regress_float_key', batch_size => 1);
CALL indicators.run('regress_time_key', batch_size => 1);
RESET extra_float_digits;
RESET TimeZone;
RESET DateStyle;
SELECT s.relation, r.rows_scanned, r.rows_flagged, r.mentions_added, r.mentions_retired, r.last_key
  FROM indicators.run r JOIN indicators.note_source s ON s.id = r.source_id
 WHERE r.source_id IN (:float_key, :time_key) ORDER BY r.id;
SELECT row_key FROM indicators.note_state WHERE source_id IN (:float_key, :time_key) ORDER BY source_id, row_key;

------------------------------------------------------------------------
-- 12. Unregistering: by hand, or by dropping the relation; no partition
--     twice.
------------------------------------------------------------------------
-- dropped: unregistered at once, its mentions retired, its runs kept, and
-- it names no relation any more (no OID left to come back as another's)
SET client_min_messages = notice;
DROP TABLE regress_after;
SET client_min_messages = warning;
SELECT relation, unregistered_at IS NOT NULL AS unregistered, unregistered_by = current_user AS by_me
  FROM indicators.note_source WHERE id = :after;
SELECT count(*) FILTER (WHERE retired_run IS NULL) AS current, count(*) AS kept
  FROM indicators.mention WHERE source_id = :after;
SELECT status, rows_deleted, mentions_retired FROM indicators.run WHERE source_id = :after ORDER BY id DESC LIMIT 1;
SELECT count(*) AS states FROM indicators.note_state WHERE source_id = :after;
-- by hand: only with the right to register (INSERT on note_source)
GRANT EXECUTE ON FUNCTION indicators.unregister_source(integer) TO regress_editor, regress_reader;
SET ROLE regress_reader;
SELECT indicators.unregister_source(:gone);
RESET ROLE;
SET ROLE regress_editor;
SELECT indicators.unregister_source(:gone) AS mentions_retired;
SELECT indicators.unregister_source(:gone);
RESET ROLE;
-- the night goes on without them; the relation can be registered anew
CALL indicators.run();
ALTER TABLE regress_gone RENAME COLUMN body TO note;
SELECT indicators.register_source('regress_gone', 'note', 'id') > :gone AS registered_anew;
-- an OID that names nothing
SELECT indicators.register_source(0, 'note', 'id');
-- a partitioned table and its partition would count every mention twice
CREATE TABLE regress_parted (id integer, note text, PRIMARY KEY (id)) PARTITION BY RANGE (id);
CREATE TABLE regress_part1 PARTITION OF regress_parted FOR VALUES FROM (0) TO (100);
SELECT indicators.register_source('regress_parted', 'note', 'id') IS NOT NULL AS parent;
SELECT indicators.register_source('regress_part1', 'note', 'id');
-- a view over a registered table: registered, with a warning
CREATE VIEW regress_part_view AS SELECT id, note FROM regress_part1;
SELECT indicators.register_source('regress_part_view', 'note', 'id') IS NOT NULL AS view_over_it;

------------------------------------------------------------------------
-- 13. The lexicon loader uses nothing of the caller's search_path.
------------------------------------------------------------------------
CREATE TABLE public.regress_spied (what text);
CREATE FUNCTION public.regress_spy_eq(a text, b text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public.regress_spied VALUES ('text = text');
    RETURN a OPERATOR(pg_catalog.=) b;
END $$;
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.regress_spy_eq);
CREATE FUNCTION public.regress_spy_max_step(s bigint, v bigint) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public.regress_spied VALUES ('max(bigint)');
    RETURN v;
END $$;
CREATE AGGREGATE public.max(bigint) (SFUNC = public.regress_spy_max_step, STYPE = bigint);
SET search_path = public, pg_catalog;
INSERT INTO indicators.term (indicator, term, source) VALUES ('escort_ads', 'zqxj board', 'regress');
SELECT indicators.flags('Posted on the zqxj board.');
RESET search_path;
SELECT count(*) AS spied FROM public.regress_spied;
DELETE FROM indicators.term WHERE term = 'zqxj board';
DROP AGGREGATE public.max(bigint);
DROP OPERATOR public.= (text, text);
DROP FUNCTION public.regress_spy_eq(text, text), public.regress_spy_max_step(bigint, bigint);
DROP TABLE public.regress_spied;

------------------------------------------------------------------------
-- 14. Smaller holes.
------------------------------------------------------------------------
-- A lexicon editor cannot say someone else added or changed a term.
GRANT INSERT, UPDATE ON indicators.term TO regress_editor;
GRANT USAGE ON SEQUENCE indicators.term_id_seq TO regress_editor;
SET ROLE regress_editor;
INSERT INTO indicators.term (indicator, term, source, added_by, added_at, changed_by, changed_at)
VALUES ('escort_ads', 'zqxk board', 'regress', 'someone_else', '2000-01-01', 'someone_else', '2000-01-01');
SELECT added_by, added_at > now() - interval '1 hour' AS added_now, changed_by, changed_at
  FROM indicators.term WHERE term = 'zqxk board';
UPDATE indicators.term SET enabled = false, added_by = 'someone_else', changed_by = 'someone_else',
       changed_at = '2000-01-01' WHERE term = 'zqxk board';
SELECT added_by, changed_by, changed_at > now() - interval '1 hour' AS changed_now
  FROM indicators.term WHERE term = 'zqxk board';
RESET ROLE;
DELETE FROM indicators.term WHERE term = 'zqxk board';
-- A reviewer cannot choose a review's id (to take ids ahead, or to learn
-- from a clash that a review she cannot see exists).
SET ROLE regress_analyst3;
INSERT INTO indicators.review (id, mention_id, decision)
SELECT 1, min(id), 'confirmed' FROM indicators.mention WHERE source_id = :invoker_view AND row_key = '1';
INSERT INTO indicators.review (id, mention_id, decision)
SELECT 999999, min(id), 'confirmed' FROM indicators.mention WHERE source_id = :invoker_view AND row_key = '1';
SELECT id < 999999 AS id_from_the_sequence FROM indicators.review ORDER BY id;
RESET ROLE;
-- The append-only tables take no insert but the extension's own, and the
-- lexicon's versions are append-only too.
CREATE ROLE regress_sloppy2;
GRANT USAGE ON SCHEMA indicators TO regress_sloppy2;
GRANT SELECT, INSERT, UPDATE, DELETE ON indicators.run, indicators.lexicon_history, indicators.lexicon_change
    TO regress_sloppy2;
GRANT SELECT ON regress_after TO regress_sloppy2;
SET ROLE regress_sloppy2;
INSERT INTO indicators.run (id, source_id, started_by, reflag, lexicon_version, pid)
VALUES (1000000, :after, 'someone_else', false, 0, 0);
INSERT INTO indicators.lexicon_history (id, changed_by, relation, operation)
VALUES (1000000, 'someone_else', 'indicators.term', 'DELETE');
UPDATE indicators.lexicon_change SET changed_by = 'someone_else';
DELETE FROM indicators.lexicon_change;
RESET ROLE;
DROP OWNED BY regress_sloppy2;
DROP ROLE regress_sloppy2;
-- An ordinal too large for an episode count is none, not an error for
-- every reader of case_summary.
SELECT indicators.runaway_ordinal('99999999999th runaway') AS huge,
       indicators.runaway_ordinal('4th runaway') AS fourth;
INSERT INTO indicators.term (indicator, term, source) VALUES ('runs_away', '99999999999th runaway', 'regress');
SELECT indicators.profile(n, now()) ->> 'runaway_episodes' AS episodes
  FROM (VALUES ('Her 99999999999th runaway.')) v(n);
DELETE FROM indicators.term WHERE term = '99999999999th runaway';
-- An indicator code is two words or more: one word would be an English
-- lexeme in the tsvector too.
INSERT INTO indicators.indicator (code, category, description) VALUES ('phone', 'behavior', 'regress');
-- Not foreign keys (pg_restore -j loads these tables side by side), but
-- checked the same: a term names an indicator that is there, and an
-- indicator that terms name stays.
INSERT INTO indicators.indicator (code, category, description) VALUES ('regress_local', 'behavior', 'regress');
INSERT INTO indicators.term (indicator, term, source) VALUES ('regress_local', 'zqxm sign', 'regress');
DELETE FROM indicators.indicator WHERE code = 'regress_local';
UPDATE indicators.indicator SET code = 'regress_other' WHERE code = 'regress_local';
DELETE FROM indicators.term WHERE term = 'zqxm sign';
DELETE FROM indicators.indicator WHERE code = 'regress_local';
-- a superuser's term for an indicator not there (as pg_restore -j can
-- write one before its indicator): kept with a warning, left out of
-- matching with a warning until the indicator comes
SET client_min_messages = notice;
INSERT INTO indicators.term (indicator, term, source) VALUES ('regress_later', 'zqxm sign', 'regress');
SELECT indicators.flags('a zqxm sign') AS before_its_indicator;
INSERT INTO indicators.indicator (code, category, description) VALUES ('regress_later', 'behavior', 'regress');
SELECT indicators.flags('a zqxm sign') AS after;
SET client_min_messages = warning;
DELETE FROM indicators.term WHERE term = 'zqxm sign';
DELETE FROM indicators.indicator WHERE code = 'regress_later';
-- Error messages show at most 64 characters of what they quote.
SELECT indicators.has('a note', repeat('x', 100000));
SELECT indicators.query(repeat('y', 100000));
SELECT indicators.phone_query(repeat('1', 100000));

-- Tidy up.
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE regress_security;
DROP ROLE regress_attacker, regress_target, regress_editor, regress_job2, regress_reader, regress_analyst3;
