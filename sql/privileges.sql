-- privileges: the README's grant recipes for an analyst, a reviewer, a job
-- owner and a lexicon administrator, each tried as a real role; nothing
-- for PUBLIC; and a reader sees mentions only of the notes row-level
-- security lets them read.
SET client_min_messages = warning;
\set SHOW_CONTEXT never
CREATE EXTENSION IF NOT EXISTS indicators;

CREATE ROLE regress_analyst;
CREATE ROLE regress_reviewer;
CREATE ROLE regress_job;
CREATE ROLE regress_admin;
CREATE ROLE regress_nobody;

-- A note table where each worker sees only their own cases.
CREATE TABLE worker_note (
    id      integer PRIMARY KEY,
    case_id integer NOT NULL,
    worker  name NOT NULL,
    note    text NOT NULL
);
INSERT INTO worker_note VALUES
 (1, 10, 'regress_analyst', 'Found a hotel key card in her bag.'),
 (2, 10, 'regress_analyst', 'She has a burner phone.'),
 (3, 20, 'regress_reviewer', 'Youth ran away from placement again.'),
 (4, 30, 'someone_else', 'Posted on an escort site.');
ALTER TABLE worker_note ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_cases ON worker_note USING (worker = current_user);

------------------------------------------------------------------------
-- The recipes (README, "Privileges")
------------------------------------------------------------------------
-- everyone who uses the extension
GRANT USAGE ON SCHEMA indicators TO regress_analyst, regress_reviewer, regress_job, regress_admin;

-- analyst: mentions, cases and trends of the notes they may read
GRANT SELECT ON indicators.mention, indicators.run, indicators.review,
                indicators.current_mention, indicators.case_summary,
                indicators.indicator_trend TO regress_analyst;

-- reviewer: an analyst who records decisions
GRANT regress_analyst TO regress_reviewer;
GRANT INSERT ON indicators.review TO regress_reviewer;
GRANT USAGE ON SEQUENCE indicators.review_id_seq TO regress_reviewer;
GRANT SELECT ON indicators.audit_reviews TO regress_reviewer;

-- job owner: runs indicators.run(); it must see every row of a source
GRANT SELECT ON indicators.mention, indicators.run, indicators.audit_runs TO regress_job;
GRANT EXECUTE ON PROCEDURE indicators.run(regclass, boolean, integer, integer, integer) TO regress_job;
GRANT EXECUTE ON FUNCTION indicators.run_begin(integer, boolean), indicators.run_step(bigint, integer),
    indicators.run_finish(bigint), indicators.run_fail(bigint, text) TO regress_job;

-- lexicon and source administrator (not a superuser)
GRANT INSERT, UPDATE, DELETE ON indicators.term, indicators.context_rule, indicators.word_class TO regress_admin;
GRANT USAGE ON SEQUENCE indicators.term_id_seq, indicators.context_rule_id_seq,
    indicators.word_class_id_seq TO regress_admin;
GRANT INSERT ON indicators.note_source TO regress_admin;
GRANT USAGE ON SEQUENCE indicators.note_source_id_seq TO regress_admin;
GRANT EXECUTE ON FUNCTION indicators.register_source(regclass, name, name, name, name),
    indicators.unregister_source(integer) TO regress_admin;
GRANT SELECT ON indicators.run, indicators.audit_runs TO regress_admin;
------------------------------------------------------------------------

-- The notes themselves, as the agency's own rules say.
GRANT SELECT ON worker_note TO regress_analyst, regress_job, regress_admin;

-- The administrator registers the source and adds a term.
SET ROLE regress_admin;
SELECT indicators.register_source('worker_note', 'note', 'id', 'case_id') AS worker_source \gset
INSERT INTO indicators.term (indicator, term, source) VALUES ('escort_ads', 'zqxw ads', 'regress');
-- a word class, and a term using it; a term naming no class is refused
INSERT INTO indicators.word_class (class, word, source) VALUES ('regress_sites', 'qzxv', 'regress');
INSERT INTO indicators.term (indicator, term, source) VALUES ('escort_ads', 'posted on <regress_sites>', 'regress');
INSERT INTO indicators.term (indicator, term, source) VALUES ('escort_ads', 'posted on <regress_nowhere>', 'regress');
SELECT indicators.flags('Her photos were posted on qzxv.') AS by_class;
SELECT count(*) >= 0 AS reads_runs FROM indicators.audit_runs;
-- but not the mentions
SELECT count(*) FROM indicators.mention;
RESET ROLE;

-- The job owner is refused while row-level security hides rows from it...
SET ROLE regress_job;
CALL indicators.run('worker_note');
RESET ROLE;
-- ...and runs once it may see them all.
ALTER ROLE regress_job BYPASSRLS;
SET ROLE regress_job;
CALL indicators.run('worker_note');
SELECT status, rows_scanned, mentions_added, started_by = session_user AS by_session_user
  FROM indicators.audit_runs WHERE source = 'worker_note'::regclass;
-- it may not rewrite its history
UPDATE indicators.run SET status = 'failed';
RESET ROLE;

-- The analyst sees the mentions of her own notes only.
SET ROLE regress_analyst;
SELECT row_key, case_key, indicator, term FROM indicators.mention WHERE source_id = :worker_source ORDER BY row_key;
SELECT case_key, indicators FROM indicators.case_summary WHERE source_id = :worker_source;
SELECT indicator, notes FROM indicators.indicator_trend ORDER BY indicator;
-- but not the source's runs: their last keys and errors are of rows she
-- may not see (the views above do not need them)
SELECT count(*) AS runs_seen FROM indicators.run WHERE source_id = :worker_source;
-- and may not record a decision
INSERT INTO indicators.review (source_id, case_key, decision) VALUES (:worker_source, '10', 'confirmed');
RESET ROLE;

-- The reviewer has the analyst's grants, and row-level security shows her
-- her own case; she reviews only what she sees.
SET ROLE regress_reviewer;
SELECT row_key, case_key, indicator FROM indicators.current_mention WHERE source_id = :worker_source ORDER BY row_key;
INSERT INTO indicators.review (source_id, case_key, decision, comment)
VALUES (:worker_source, '20', 'needs_follow_up', 'call placement');
INSERT INTO indicators.review (source_id, case_key, decision)
VALUES (:worker_source, '30', 'dismissed');
SELECT about, case_key, decision, comment FROM indicators.audit_reviews;
RESET ROLE;
-- the analyst does not see the reviewer's case, nor its review
SET ROLE regress_analyst;
SELECT count(*) AS reviews_seen FROM indicators.review;
RESET ROLE;

-- Nothing that reveals case text is readable without a grant.
SET ROLE regress_nobody;
SELECT count(*) FROM indicators.mention;
SELECT count(*) FROM indicators.note_state;
SELECT count(*) FROM indicators.run;
SELECT count(*) FROM indicators.review;
SELECT count(*) FROM indicators.case_summary;
SELECT count(*) FROM indicators.current_mention;
RESET ROLE;
GRANT USAGE ON SCHEMA indicators TO regress_nobody;
SET ROLE regress_nobody;
SELECT count(*) FROM indicators.mention;
SELECT count(*) FROM indicators.case_summary;
CALL indicators.run();
SELECT indicators.register_source('worker_note', 'note', 'id');
-- what it may read: the lexicon, its history, which tables are sources
SELECT count(*) > 600 AS lexicon FROM indicators.term;
SELECT count(*) > 0 AS history FROM indicators.audit_lexicon_changes;
SELECT relation FROM indicators.note_source WHERE id = :worker_source;
RESET ROLE;

-- Tidy up: the roles go, with what they own and were granted.
DELETE FROM indicators.term WHERE term = 'zqxw ads';
DROP OWNED BY regress_analyst, regress_reviewer, regress_job, regress_admin, regress_nobody;
DROP ROLE regress_analyst, regress_reviewer, regress_job, regress_admin, regress_nobody;
