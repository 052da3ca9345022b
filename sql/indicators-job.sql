--------------------------------------------------------------------------
-- Nightly flagging: note sources, runs, mentions, and the lexicon's history
--
-- Part of the install script: make appends this file to sql/indicators.sql.
--
-- A source is a table (or view) of notes.  CALL indicators.run() reads it in
-- batches in key order, one transaction each, and keeps for every row what
-- it last flagged (indicators.note_state: a hash of the text and case key,
-- and the lexicon version).  A row whose text, case key or lexicon version
-- differs from its state is matched again; its mentions that no longer come
-- out are retired, the new ones added.  Because each batch commits its
-- mentions together with the rows' states, a run that is killed leaves
-- whole batches behind, and the next run does only what is left: the
-- result is what one uninterrupted run gives.
--------------------------------------------------------------------------

-- Ids come from sequences of their own, not identity columns, so that pg_dump
-- keeps them (pg_extension_config_dump below).
--
-- No foreign keys between these tables: pg_restore -j loads them in
-- parallel, each in a transaction of its own, so that a key could point at
-- a row another worker has not committed yet, and the whole table would be
-- lost.  Only the job's owner-rights functions write runs, states and
-- mentions, with ids they have just read; reviews are checked by a trigger.
CREATE SEQUENCE indicators.note_source_id_seq AS integer;
CREATE SEQUENCE indicators.run_id_seq;
CREATE SEQUENCE indicators.mention_id_seq;
CREATE SEQUENCE indicators.lexicon_history_id_seq;

CREATE TABLE indicators.note_source (
    id                  integer PRIMARY KEY DEFAULT pg_catalog.nextval('indicators.note_source_id_seq'),
    relation            regclass,
    text_column         name NOT NULL,
    key_column          name NOT NULL,
    case_column         name,
    changed_at_column   name,
    registered_by       name NOT NULL DEFAULT CURRENT_USER,
    registered_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    unregistered_at     timestamptz,
    unregistered_by     name,
    UNIQUE (relation, text_column),
    -- an unregistered source names no relation: a dropped table's OID could
    -- come back as another one, and would be dumped as a bare number
    CONSTRAINT registered_or_not CHECK ((relation IS NULL) OPERATOR(pg_catalog.=) (unregistered_at IS NOT NULL))
);
COMMENT ON TABLE indicators.note_source IS
    'Tables (or views) that hold case notes, for indicators.run(): the text column, a unique key, and optionally the case each note belongs to and when it last changed. Add rows with indicators.register_source(); indicators.unregister_source() (or dropping the relation) ends one: its relation is then NULL, its mentions retired, its runs kept.';

-- The runs: one row each, written only by the bookkeeping functions below
-- (as the extension owner), so that no job role can rewrite its history.
CREATE TABLE indicators.run (
    id                  bigint PRIMARY KEY DEFAULT pg_catalog.nextval('indicators.run_id_seq'),
    source_id           integer NOT NULL,
    started_by          name NOT NULL,
    started_at          timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    finished_at         timestamptz,
    status              text NOT NULL DEFAULT 'running'
                        CHECK (status OPERATOR(pg_catalog.=) ANY (ARRAY['running', 'done', 'failed', 'interrupted', 'unregistered'])),
    reflag              boolean NOT NULL,
    lexicon_version     bigint NOT NULL,
    rows_scanned        bigint NOT NULL DEFAULT 0,
    rows_flagged        bigint NOT NULL DEFAULT 0,
    rows_deleted        bigint NOT NULL DEFAULT 0,
    mentions_added      bigint NOT NULL DEFAULT 0,
    mentions_retired    bigint NOT NULL DEFAULT 0,
    last_key            text,
    pid                 integer NOT NULL,
    error               text
);
COMMENT ON TABLE indicators.run IS
    'One row per run of indicators.run() over a source: who started it and when, the lexicon version it began with, rows scanned, rows flagged again (new, changed, or last flagged with another lexicon version), rows deleted from the source, mentions added and retired, its status and, if it failed, the error. Other sessions can watch a running run here. Append-only.';
COMMENT ON COLUMN indicators.run.last_key IS
    'The key of the last row of the last batch committed.';
COMMENT ON COLUMN indicators.run.status IS
    'running; done; failed (error says why); interrupted (its session ended before it finished: the next run does what it left); unregistered (the source was unregistered or its relation dropped: its mentions were retired, its row states removed).';

-- What each row was last flagged with.
CREATE TABLE indicators.note_state (
    source_id           integer NOT NULL,
    row_key             text NOT NULL,
    case_key            text,
    note_hash           uuid NOT NULL,
    lexicon             uuid NOT NULL,
    lexicon_version     bigint NOT NULL,
    run_id              bigint NOT NULL,
    PRIMARY KEY (source_id, row_key)
);
COMMENT ON TABLE indicators.note_state IS
    'For every source row indicators.run() has flagged: its case key, the MD5 of its text (all zeros for NULL), the fingerprint (MD5) and version of the lexicon it was read with, and the run. A row whose text, case key or lexicon fingerprint differs from its state is flagged again.';

CREATE TABLE indicators.mention (
    id                  bigint PRIMARY KEY DEFAULT pg_catalog.nextval('indicators.mention_id_seq'),
    source_id           integer NOT NULL,
    row_key             text NOT NULL,
    case_key            text,
    indicator           text NOT NULL,
    term                text NOT NULL,
    term_id             bigint NOT NULL,
    pos                 integer NOT NULL,
    len                 integer NOT NULL,
    affirmed            boolean NOT NULL,
    negated             boolean NOT NULL,
    hypothetical        boolean NOT NULL,
    historical          boolean NOT NULL,
    other_person        boolean NOT NULL,
    generic             boolean NOT NULL,
    ambiguous           boolean NOT NULL,
    context             jsonb NOT NULL,
    noted_at            timestamptz,
    lexicon_version     bigint NOT NULL,
    run_id              bigint NOT NULL,
    retired_run         bigint,
    flagged_at          timestamptz NOT NULL DEFAULT pg_catalog.now()
);
CREATE INDEX mention_row ON indicators.mention (source_id, row_key) WHERE retired_run IS NULL;
CREATE INDEX mention_case ON indicators.mention (case_key) WHERE retired_run IS NULL;
COMMENT ON TABLE indicators.mention IS
    'The mentions indicators.run() found in the sources, as indicators.match() gives them (substr(note, pos, len) is the matched text; the text itself is not copied here). retired_run: the run that found the row deleted, or its text or case changed, or the mention no longer made by the lexicon; NULL while current.';
COMMENT ON COLUMN indicators.mention.flagged_at IS
    'When the run that found it committed the batch (the views use it where a source has no changed-at column; a run''s own row is for those who may read its source whole).';
COMMENT ON COLUMN indicators.mention.noted_at IS
    'The source row''s changed-at column when the mention was found (NULL for a source without one).';
COMMENT ON COLUMN indicators.mention.context IS
    'The words of the note that set the mention''s context (negated_by, hypothetical_by, historical_by, other_person_by, generic_by, anchored_by, blocked_by), where there are any.';

-- Who changed what in the lexicon: a row for every row inserted, updated or
-- deleted in indicators.term, indicators.context_rule, indicators.word_class
-- or indicators.indicator, written by a trigger as the extension owner
-- (src/versions.c), with the role that made the change.
-- Not unique: a restore from pg_dump brings the dumped history back and, as
-- it puts local terms back, records those inserts too, with ids of its own.
CREATE TABLE indicators.lexicon_history (
    id                  bigint NOT NULL DEFAULT pg_catalog.nextval('indicators.lexicon_history_id_seq'),
    changed_at          timestamptz NOT NULL DEFAULT pg_catalog.statement_timestamp(),
    changed_by          name NOT NULL,
    relation            regclass NOT NULL,
    operation           text NOT NULL
                        CHECK (operation OPERATOR(pg_catalog.=) ANY (ARRAY['INSERT', 'UPDATE', 'DELETE'])),
    old_row             jsonb,
    new_row             jsonb,
    transaction_id      xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id()
);
CREATE INDEX lexicon_history_changed_at ON indicators.lexicon_history (changed_at, id);
COMMENT ON TABLE indicators.lexicon_history IS
    'Every row inserted, updated or deleted in indicators.term, indicators.context_rule, indicators.word_class and indicators.indicator: when, by whom, the old and the new row. Append-only.';

CREATE FUNCTION indicators.lexicon_row_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'indicators_lexicon_row_changed'
    LANGUAGE C;
CREATE TRIGGER lexicon_history
    AFTER INSERT OR UPDATE OR DELETE ON indicators.term
    FOR EACH ROW EXECUTE FUNCTION indicators.lexicon_row_changed();
CREATE TRIGGER lexicon_history
    AFTER INSERT OR UPDATE OR DELETE ON indicators.context_rule
    FOR EACH ROW EXECUTE FUNCTION indicators.lexicon_row_changed();
CREATE TRIGGER lexicon_history
    AFTER INSERT OR UPDATE OR DELETE ON indicators.indicator
    FOR EACH ROW EXECUTE FUNCTION indicators.lexicon_row_changed();
CREATE TRIGGER lexicon_history
    AFTER INSERT OR UPDATE OR DELETE ON indicators.word_class
    FOR EACH ROW EXECUTE FUNCTION indicators.lexicon_row_changed();

-- Whether the current role is the extension's owner or a superuser (who
-- can change anything anyway): the roles whose writes to the audit tables
-- are taken as they are, as a restore from pg_dump writes them.
CREATE FUNCTION indicators.is_owner() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT e.extowner OPERATOR(pg_catalog.=) r.oid OR r.rolsuper
              FROM pg_catalog.pg_extension e, pg_catalog.pg_roles r
             WHERE e.extname OPERATOR(pg_catalog.=) 'indicators'
               AND r.rolname OPERATOR(pg_catalog.=) CURRENT_USER);
COMMENT ON FUNCTION indicators.is_owner() IS
    'Whether the current role owns the extension, or is a superuser (and so may change its audit records, as a restore does).';

-- Append-only: only the extension owner (and so the bookkeeping functions
-- below) may insert, update, delete or truncate, even where someone granted
-- more (an insert with an id of its own would take an id ahead of the job).
CREATE FUNCTION indicators.append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT indicators.is_owner() THEN
        RAISE EXCEPTION '% is append-only', TG_RELID::regclass
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = format('Role %s may not %s its rows; only the extension owner may.',
                                  CURRENT_USER, lower(TG_OP));
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER append_only
    BEFORE INSERT OR UPDATE OR DELETE ON indicators.run
    FOR EACH ROW EXECUTE FUNCTION indicators.append_only();
CREATE TRIGGER append_only_truncate
    BEFORE TRUNCATE ON indicators.run
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.append_only();
CREATE TRIGGER append_only
    BEFORE INSERT OR UPDATE OR DELETE ON indicators.lexicon_history
    FOR EACH ROW EXECUTE FUNCTION indicators.append_only();
CREATE TRIGGER append_only_truncate
    BEFORE TRUNCATE ON indicators.lexicon_history
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.append_only();
CREATE TRIGGER append_only
    BEFORE INSERT OR UPDATE OR DELETE ON indicators.lexicon_change
    FOR EACH ROW EXECUTE FUNCTION indicators.append_only();
CREATE TRIGGER append_only_truncate
    BEFORE TRUNCATE ON indicators.lexicon_change
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.append_only();

--------------------------------------------------------------------------
-- Registering a source
--------------------------------------------------------------------------

-- The type of a column of a relation, or an error that names it.
CREATE FUNCTION indicators.column_type(relation regclass, col name, what text)
    RETURNS regtype
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t regtype;
BEGIN
    SELECT a.atttypid INTO t FROM pg_catalog.pg_attribute a
     WHERE a.attrelid OPERATOR(pg_catalog.=) relation
       AND a.attname OPERATOR(pg_catalog.=) col
       AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% column "%" does not exist in %', what, col, relation
            USING ERRCODE = 'undefined_column',
                  HINT = format('The columns of %s are: %s.', relation,
                                (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
                                   FROM pg_catalog.pg_attribute a
                                  WHERE a.attrelid OPERATOR(pg_catalog.=) relation
                                    AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped));
    END IF;
    -- a domain counts as its base type
    SELECT COALESCE(NULLIF(y.typbasetype, 0), y.oid) INTO t
      FROM pg_catalog.pg_type y WHERE y.oid OPERATOR(pg_catalog.=) t;
    RETURN t;
END
$$;

-- The relations a relation reads: itself, the tables and views its views
-- read (through their rewrite rules' dependencies), and its partitions.
CREATE FUNCTION indicators.relations_read(relation regclass) RETURNS SETOF oid
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH RECURSIVE r(rel) AS (
        SELECT relation::oid
        UNION
        SELECT d.refobjid FROM r
          JOIN pg_catalog.pg_rewrite w ON w.ev_class OPERATOR(pg_catalog.=) r.rel
          JOIN pg_catalog.pg_depend d ON d.objid OPERATOR(pg_catalog.=) w.oid
                                     AND d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_rewrite'::pg_catalog.regclass
         WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
           AND d.refobjid OPERATOR(pg_catalog.<>) r.rel)
    SELECT t.relid::oid FROM r, pg_catalog.pg_partition_tree(r.rel) t
    UNION
    SELECT r.rel FROM r
$$;

-- Whether a relation, with these columns, can be a source for the current
-- role; an error that says what is wrong if not.  Reads only the catalogs:
-- nothing of the relation runs here.  Called by register_source() and by
-- the trigger on indicators.note_source, so that the checks hold however a
-- row gets there.
CREATE FUNCTION indicators.check_source(
        relation regclass, text_column name, key_column name,
        case_column name, changed_at_column name)
    RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rel record;
    other regclass;
    t regtype;
    unique_key boolean;
    col name;
BEGIN
    IF relation IS NULL OR text_column IS NULL OR key_column IS NULL THEN
        RAISE EXCEPTION 'relation, text_column and key_column must not be null'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT c.relkind, c.relpersistence, n.nspname INTO rel
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
     WHERE c.oid OPERATOR(pg_catalog.=) relation;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'relation with OID % does not exist', relation::oid
            USING ERRCODE = 'undefined_table';
    END IF;
    IF rel.relkind OPERATOR(pg_catalog.<>) ALL (ARRAY['r', 'p', 'v', 'm', 'f']::"char"[]) THEN
        RAISE EXCEPTION '% is not a table or view', relation
            USING ERRCODE = 'wrong_object_type';
    END IF;
    IF rel.nspname OPERATOR(pg_catalog.=) 'indicators' THEN
        RAISE EXCEPTION '% belongs to the extension and cannot be a source', relation
            USING ERRCODE = 'wrong_object_type';
    END IF;
    IF rel.nspname OPERATOR(pg_catalog.=) ANY (ARRAY['pg_catalog', 'information_schema', 'pg_toast']) THEN
        RAISE EXCEPTION '% is a system catalog and cannot be a source', relation
            USING ERRCODE = 'wrong_object_type';
    END IF;
    IF rel.relpersistence OPERATOR(pg_catalog.=) 't' THEN
        RAISE EXCEPTION '% is a temporary relation and cannot be a source', relation
            USING ERRCODE = 'wrong_object_type',
                  DETAIL = 'A temporary relation belongs to one session; the job cannot read it.';
    END IF;

    t := indicators.column_type(relation, text_column, 'text');
    IF t OPERATOR(pg_catalog.<>) ALL (ARRAY['text', 'character varying', 'character']::regtype[]) THEN
        RAISE EXCEPTION 'text column "%" of % is of type %, not text', text_column, relation, t
            USING ERRCODE = 'datatype_mismatch',
                  HINT = 'The text column must be text, varchar or char (or a domain over one).';
    END IF;

    t := indicators.column_type(relation, key_column, 'key');
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_opclass o
                     JOIN pg_catalog.pg_am am ON am.oid OPERATOR(pg_catalog.=) o.opcmethod
                    WHERE am.amname OPERATOR(pg_catalog.=) 'btree' AND o.opcdefault
                      AND (o.opcintype OPERATOR(pg_catalog.=) t
                           OR EXISTS (SELECT FROM pg_catalog.pg_cast c
                                       WHERE c.castsource OPERATOR(pg_catalog.=) t
                                         AND c.casttarget OPERATOR(pg_catalog.=) o.opcintype
                                         AND c.castmethod OPERATOR(pg_catalog.=) 'b')
                           OR (o.opcintype OPERATOR(pg_catalog.=) 'anyenum'::pg_catalog.regtype
                               AND EXISTS (SELECT FROM pg_catalog.pg_type y
                                            WHERE y.oid OPERATOR(pg_catalog.=) t
                                              AND y.typtype OPERATOR(pg_catalog.=) 'e')))) THEN
        RAISE EXCEPTION 'key column "%" of % is of type %, which cannot be ordered', key_column, relation, t
            USING ERRCODE = 'datatype_mismatch',
                  HINT = 'indicators.run() reads a source in key order: use a key of a type with a default btree operator class (integers, text, uuid, timestamps).';
    END IF;
    IF rel.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'm']::"char"[]) THEN
        -- a unique, whole, immediate index on exactly the key column
        SELECT EXISTS (SELECT FROM pg_catalog.pg_index i
                         JOIN pg_catalog.pg_attribute a
                           ON a.attrelid OPERATOR(pg_catalog.=) i.indrelid
                          AND a.attnum OPERATOR(pg_catalog.=) i.indkey[0]
                        WHERE i.indrelid OPERATOR(pg_catalog.=) relation
                          AND i.indisunique AND i.indimmediate AND i.indisvalid
                          AND i.indnkeyatts OPERATOR(pg_catalog.=) 1
                          AND i.indpred IS NULL AND i.indexprs IS NULL
                          AND a.attname OPERATOR(pg_catalog.=) key_column)
          INTO unique_key;
        IF NOT unique_key THEN
            RAISE EXCEPTION 'key column "%" of % has no unique index', key_column, relation
                USING ERRCODE = 'invalid_table_definition',
                      DETAIL = 'indicators.run() reads a source in batches in key order, and keeps what it found per key: the key must be unique.',
                      HINT = format('Use the primary key, or: CREATE UNIQUE INDEX ON %s (%I);', relation, key_column);
        END IF;
        IF NOT (SELECT a.attnotnull FROM pg_catalog.pg_attribute a
                 WHERE a.attrelid OPERATOR(pg_catalog.=) relation AND a.attname OPERATOR(pg_catalog.=) key_column) THEN
            RAISE EXCEPTION 'key column "%" of % may be null', key_column, relation
                USING ERRCODE = 'invalid_table_definition',
                      DETAIL = 'indicators.run() keeps what it found per key: every row needs one.',
                      HINT = format('ALTER TABLE %s ALTER COLUMN %I SET NOT NULL;', relation, key_column);
        END IF;
    END IF;
    -- (a view's key is checked by every run, as it reads the view in key
    -- order: looking at it here would run the view's code as this role)
    IF case_column IS NOT NULL THEN
        PERFORM indicators.column_type(relation, case_column, 'case');
    END IF;
    IF changed_at_column IS NOT NULL THEN
        t := indicators.column_type(relation, changed_at_column, 'changed_at');
        IF t OPERATOR(pg_catalog.<>) ALL (ARRAY['timestamp with time zone', 'timestamp without time zone', 'date']::regtype[]) THEN
            RAISE EXCEPTION 'changed_at column "%" of % is of type %, not a timestamp', changed_at_column, relation, t
                USING ERRCODE = 'datatype_mismatch';
        END IF;
    END IF;
    -- a partition and a table it is part of would have every mention twice
    SELECT n.relation INTO other
      FROM indicators.note_source n
     WHERE n.relation OPERATOR(pg_catalog.<>) check_source.relation
       AND (n.relation OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT a.relid FROM pg_catalog.pg_partition_ancestors(check_source.relation) a))
            OR n.relation OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT t.relid FROM pg_catalog.pg_partition_tree(check_source.relation) t)))
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% and the source % are parts of one partitioned table', relation, other
            USING ERRCODE = 'duplicate_object',
                  DETAIL = 'Their rows would be flagged twice, and every mention counted twice.',
                  HINT = 'Register the partitioned table alone, or only partitions.';
    END IF;
    -- a view over a registered table, or a table under a registered view:
    -- the same rows may then be counted under both
    SELECT n.relation INTO other
      FROM indicators.note_source n
     WHERE n.relation OPERATOR(pg_catalog.<>) check_source.relation
       AND EXISTS (SELECT FROM indicators.relations_read(n.relation) a
                     JOIN indicators.relations_read(check_source.relation) b ON a OPERATOR(pg_catalog.=) b)
     LIMIT 1;
    IF FOUND THEN
        RAISE WARNING '% and the source % read the same table', relation, other
            USING DETAIL = 'Mentions of the same rows may be counted under both sources (in indicator_trend, and in profiles over every source).';
    END IF;
    -- whoever registers a source may read every registered column of it
    FOREACH col IN ARRAY ARRAY[key_column, text_column, case_column, changed_at_column] LOOP
        IF col IS NOT NULL AND NOT pg_catalog.has_column_privilege(relation, col, 'SELECT') THEN
            RAISE EXCEPTION 'permission denied to read column "%" of %', col, relation
                USING ERRCODE = 'insufficient_privilege',
                      HINT = 'Register a source as a role that may read every column it registers.';
        END IF;
    END LOOP;
END
$$;

-- Every row of indicators.note_source passes check_source() as the role
-- that adds it, and says truly who did it and when, whatever the grants.
-- The extension owner's rows are taken as they are: that is how pg_dump's
-- restore brings sources back (before the tables' indexes exist).
-- A source is never changed in place.
CREATE FUNCTION indicators.note_source_checked() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' AND NOT indicators.is_owner() THEN
        RAISE EXCEPTION 'a source cannot be changed'
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'Unregister it with indicators.unregister_source(), and register the relation or columns wanted as a source of its own.';
    END IF;
    IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
        RETURN NEW;
    END IF;
    IF NOT indicators.is_owner() THEN
        PERFORM indicators.check_source(NEW.relation, NEW.text_column, NEW.key_column,
                                        NEW.case_column, NEW.changed_at_column);
        NEW.registered_by := CURRENT_USER;
        NEW.registered_at := pg_catalog.now();
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER checked
    BEFORE INSERT OR UPDATE ON indicators.note_source
    FOR EACH ROW EXECUTE FUNCTION indicators.note_source_checked();

CREATE FUNCTION indicators.register_source(
        relation regclass, text_column name, key_column name,
        case_column name DEFAULT NULL, changed_at_column name DEFAULT NULL)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    new_id integer;
BEGIN
    PERFORM indicators.check_source(relation, text_column, key_column, case_column, changed_at_column);
    BEGIN
        INSERT INTO indicators.note_source (relation, text_column, key_column, case_column, changed_at_column)
        VALUES (relation, text_column, key_column, case_column, changed_at_column)
        RETURNING id INTO new_id;
    EXCEPTION WHEN unique_violation THEN
        RAISE EXCEPTION 'column "%" of % is already a source', text_column, relation
            USING ERRCODE = 'duplicate_object',
                  HINT = 'See indicators.note_source.';
    END;
    RETURN new_id;
END
$$;
COMMENT ON FUNCTION indicators.register_source(regclass, name, name, name, name) IS
    'Records a table (or view) of notes for indicators.run(): its text column, a unique key column, and optionally a case column and a changed-at column. Returns the source id. Checks (in the catalogs only) that the relation is an ordinary, permanent one, that the columns exist with fitting types, that a table''s key has a unique index and no nulls, and that the caller may read every registered column. indicators.run() reads it as its owner.';

--------------------------------------------------------------------------
-- Runs: the bookkeeping (as the extension owner) and the job
--------------------------------------------------------------------------

CREATE FUNCTION indicators.in_transaction_block() RETURNS boolean
    AS 'MODULE_PATHNAME', 'indicators_in_transaction_block'
    LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION indicators.in_transaction_block() IS
    'Whether the current statement runs inside BEGIN ... COMMIT (where indicators.run() cannot commit).';

CREATE FUNCTION indicators.lexicon_in_use(OUT version bigint, OUT fingerprint text)
    AS 'MODULE_PATHNAME', 'indicators_lexicon_in_use'
    LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION indicators.lexicon_in_use() IS
    'The lexicon this backend''s matcher uses now (compiled first if it changed): its version in indicators.lexicon_change, and a fingerprint (MD5) of its indicators, enabled terms and enabled rules, the same for the same lexicon in any database.';

CREATE FUNCTION indicators.lexicon_version() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT COALESCE(pg_catalog.max(c.version), 0) FROM indicators.lexicon_change c);
COMMENT ON FUNCTION indicators.lexicon_version() IS
    'The current lexicon version: the last row of indicators.lexicon_change, or 0 before any change.';

-- Starts a run of a source: NULL when another session's run of it is
-- going on.  Runs whose session has ended are marked interrupted.
CREATE FUNCTION indicators.run_begin(source integer, reflag boolean) RETURNS bigint
    LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    new_id bigint;
BEGIN
    PERFORM FROM indicators.note_source s WHERE s.id OPERATOR(pg_catalog.=) source FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'source % is not registered', source
            USING ERRCODE = 'undefined_object', HINT = 'See indicators.note_source.';
    END IF;
    -- a running run whose backend is alive, started no later than it, and
    -- busy with a statement (indicators.run() is one statement from start to
    -- end: a session that began a run and sits idle holds nothing)
    IF EXISTS (SELECT FROM indicators.run r
                 JOIN pg_catalog.pg_stat_get_activity(r.pid) a ON a.backend_start OPERATOR(pg_catalog.<=) r.started_at
                WHERE r.source_id OPERATOR(pg_catalog.=) source
                  AND r.status OPERATOR(pg_catalog.=) 'running'
                  AND a.state OPERATOR(pg_catalog.<>) ALL (ARRAY['idle', 'idle in transaction', 'idle in transaction (aborted)'])
                  AND r.pid OPERATOR(pg_catalog.<>) pg_catalog.pg_backend_pid()) THEN
        RETURN NULL;
    END IF;
    UPDATE indicators.run r
       SET status = 'interrupted', finished_at = pg_catalog.clock_timestamp(),
           error = 'its session ended, or went idle, before it finished'
     WHERE r.source_id OPERATOR(pg_catalog.=) source AND r.status OPERATOR(pg_catalog.=) 'running';
    INSERT INTO indicators.run (source_id, started_by, reflag, lexicon_version, pid)
    VALUES (source, SESSION_USER, reflag, indicators.lexicon_version(), pg_catalog.pg_backend_pid())
    RETURNING id INTO new_id;
    RETURN new_id;
END
$$;

-- Reads a registered source for the job (src/source.c): as the relation's
-- owner, in a security-restricted operation, after checking that the
-- caller may read every registered column of every row.  Keys are text
-- made under fixed settings.  mode batch: the rows after after_key (all if
-- NULL) in key order, at most batch_size, without their text; text: the
-- rows with these keys, with their text; keys: every row's key.
CREATE FUNCTION indicators.source_read(
        source integer, mode text, after_key text DEFAULT NULL,
        batch_size integer DEFAULT NULL, keys text[] DEFAULT NULL,
        OUT row_key text, OUT case_key text, OUT note_hash uuid,
        OUT noted_at timestamptz, OUT note text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'indicators_source_read'
    LANGUAGE C VOLATILE;
COMMENT ON FUNCTION indicators.source_read(integer, text, text, integer, text[]) IS
    'How indicators.run() reads a source: as the relation''s owner, in a security-restricted operation, with row_security off and fixed settings, once the caller is known to be allowed to read every registered column of every row. Modes: batch (keys, case keys, text hashes and changed-at in key order after after_key, at most batch_size), text (the text of the rows with these keys), keys (every key).';

-- One batch of a source: up to batch_size rows after after_key, in key
-- order.  Returns the last key read (NULL when there was none left) and
-- the counts.  The source is read by indicators.source_read(), so nothing
-- of it runs with this role's rights; the mentions and states are written
-- with them.
CREATE FUNCTION indicators.run_batch(
        source integer, run bigint, after_key text, batch_size integer, reflag boolean,
        OUT last_key text, OUT scanned bigint, OUT flagged bigint,
        OUT added bigint, OUT retired bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    -- A batch reaches every table by index, a few rows a key; the planner,
    -- reading statistics of tables that grow during the run, can guess
    -- otherwise and read a whole table per row.  And its cost guesses would
    -- set JIT going on every batch.
    SET enable_seqscan = off
    SET jit = off
AS $$
DECLARE
    inuse record;
    retries integer := 0;
    states bigint;
BEGIN
    -- The lexicon the matcher uses, before and after: if a lexicon change
    -- reached it during the batch, the batch is done again (its work rolled
    -- back), so that every row is stamped with the lexicon that really read
    -- it.
    LOOP
        SELECT * INTO inuse FROM indicators.lexicon_in_use();
        BEGIN
            WITH b AS MATERIALIZED (
                SELECT r.row_key, r.case_key, r.note_hash, r.noted_at, r.n
                  FROM indicators.source_read(source, 'batch', after_key, batch_size)
                       WITH ORDINALITY AS r(row_key, case_key, note_hash, noted_at, note, n)),
            -- state and old mentions by index, row by row (LIMIT keeps the
            -- lateral subqueries from being turned into joins that read whole
            -- tables: a batch costs what its rows cost, however big the source)
            todo AS MATERIALIZED (
                SELECT b.*, st.row_key IS NOT NULL AS had_state FROM b
                  LEFT JOIN LATERAL (
                       SELECT st.row_key, st.note_hash, st.case_key, st.lexicon FROM indicators.note_state st
                        WHERE st.source_id OPERATOR(pg_catalog.=) source
                          AND st.row_key OPERATOR(pg_catalog.=) b.row_key
                        LIMIT 1) st ON true
                 WHERE reflag OR st.row_key IS NULL
                    OR st.note_hash OPERATOR(pg_catalog.<>) b.note_hash
                    OR st.case_key IS DISTINCT FROM b.case_key
                    OR st.lexicon OPERATOR(pg_catalog.<>) inuse.fingerprint::uuid),
            -- the text of those rows, by key (batches never carry it), and
            -- match() only where the quick look finds a term
            texts AS MATERIALIZED (
                SELECT x.row_key, x.note
                  FROM indicators.source_read(source, 'text', keys => ARRAY(SELECT t.row_key FROM todo t)) x
                 WHERE indicators.flags_all(x.note) OPERATOR(pg_catalog.<>) '{}'),
            found AS MATERIALIZED (
                SELECT f.*, pg_catalog.md5(ROW(f.row_key, f.case_key, f.indicator, f.term, f.term_id,
                       f.pos, f.len, f.affirmed, f.negated, f.hypothetical, f.historical, f.other_person,
                       f.generic, f.ambiguous, f.context)::text) AS ident
                  FROM (SELECT t.row_key, t.case_key, t.noted_at, m.indicator, m.term, m.term_id, m.pos, m.len,
                               m.affirmed, m.negated, m.hypothetical, m.historical, m.other_person, m.generic,
                               m.ambiguous,
                               pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
                                   'negated_by', m.negated_by, 'hypothetical_by', m.hypothetical_by,
                                   'historical_by', m.historical_by, 'other_person_by', m.other_person_by,
                                   'generic_by', m.generic_by,
                                   'anchored_by', m.anchored_by, 'blocked_by', m.blocked_by)) AS context
                          FROM todo t
                          JOIN texts x ON x.row_key OPERATOR(pg_catalog.=) t.row_key,
                               LATERAL indicators.match(x.note) m) f),
            had AS MATERIALIZED (
                SELECT h.id, pg_catalog.md5(ROW(h.row_key, h.case_key, h.indicator, h.term, h.term_id,
                       h.pos, h.len, h.affirmed, h.negated, h.hypothetical, h.historical, h.other_person,
                       h.generic, h.ambiguous, h.context)::text) AS ident
                  FROM (SELECT * FROM todo WHERE had_state) t, LATERAL (
                       SELECT m.* FROM indicators.mention m
                        WHERE m.source_id OPERATOR(pg_catalog.=) source
                          AND m.row_key OPERATOR(pg_catalog.=) t.row_key
                          AND m.retired_run IS NULL
                        LIMIT 1000000) h),
            -- a mention is the same when all but its id, note time, version and
            -- run are the same
            retired_rows AS (
                UPDATE indicators.mention m SET retired_run = run
                  FROM had h
                 WHERE m.id OPERATOR(pg_catalog.=) h.id
                   AND NOT EXISTS (SELECT FROM found f WHERE f.ident OPERATOR(pg_catalog.=) h.ident)
                RETURNING 1),
            added_rows AS (
                INSERT INTO indicators.mention (source_id, row_key, case_key, indicator, term, term_id,
                       pos, len, affirmed, negated, hypothetical, historical, other_person, generic,
                       ambiguous, context, noted_at, lexicon_version, run_id)
                SELECT source, f.row_key, f.case_key, f.indicator, f.term, f.term_id, f.pos, f.len,
                       f.affirmed, f.negated, f.hypothetical, f.historical, f.other_person, f.generic,
                       f.ambiguous,
                       f.context, f.noted_at, inuse.version, run
                  FROM found f
                 WHERE NOT EXISTS (SELECT FROM had h WHERE h.ident OPERATOR(pg_catalog.=) f.ident)
                RETURNING 1),
            state_rows AS (
                INSERT INTO indicators.note_state AS st (source_id, row_key, case_key, note_hash, lexicon,
                       lexicon_version, run_id)
                SELECT source, t.row_key, t.case_key, t.note_hash, inuse.fingerprint::uuid, inuse.version, run
                  FROM todo t
                ON CONFLICT (source_id, row_key) DO UPDATE
                   SET case_key = excluded.case_key, note_hash = excluded.note_hash, lexicon = excluded.lexicon,
                       lexicon_version = excluded.lexicon_version, run_id = excluded.run_id
                RETURNING 1)
            SELECT (SELECT b.row_key FROM b ORDER BY b.n DESC LIMIT 1),
                   (SELECT pg_catalog.count(*) FROM b), (SELECT pg_catalog.count(*) FROM todo),
                   (SELECT pg_catalog.count(*) FROM added_rows), (SELECT pg_catalog.count(*) FROM retired_rows),
                   (SELECT pg_catalog.count(*) FROM state_rows)
              INTO last_key, scanned, flagged, added, retired, states;
            IF (SELECT l.fingerprint FROM indicators.lexicon_in_use() l) OPERATOR(pg_catalog.=) inuse.fingerprint THEN
                RETURN;
            END IF;
            RAISE EXCEPTION USING ERRCODE = 'IND01';
        EXCEPTION WHEN SQLSTATE 'IND01' THEN
            retries := retries OPERATOR(pg_catalog.+) 1;
            IF retries OPERATOR(pg_catalog.>) 10 THEN
                RAISE EXCEPTION 'the lexicon kept changing while a batch was read'
                    USING ERRCODE = 'serialization_failure',
                          HINT = 'Run it again when the lexicon is not being edited.';
            END IF;
        END;
    END LOOP;
END
$$;

-- The rows of a source that are gone: their state goes, their mentions
-- are retired.  Returns how many rows.
CREATE FUNCTION indicators.run_deleted(source integer, run bigint, OUT deleted bigint, OUT retired bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET jit = off
AS $$
BEGIN
    WITH present AS MATERIALIZED (
        SELECT k.row_key FROM indicators.source_read(source, 'keys') k),
    gone AS (
        DELETE FROM indicators.note_state st
         WHERE st.source_id OPERATOR(pg_catalog.=) source
           AND NOT EXISTS (SELECT FROM present p WHERE p.row_key OPERATOR(pg_catalog.=) st.row_key)
        RETURNING st.row_key),
    retired_rows AS (
        UPDATE indicators.mention m SET retired_run = run
          FROM gone g
         WHERE m.source_id OPERATOR(pg_catalog.=) source AND m.row_key OPERATOR(pg_catalog.=) g.row_key
           AND m.retired_run IS NULL
        RETURNING 1)
    SELECT (SELECT pg_catalog.count(*) FROM gone), (SELECT pg_catalog.count(*) FROM retired_rows)
      INTO deleted, retired;
END
$$;

-- What indicators.run() calls, as the extension owner: each does the real
-- work and records it, so that the run history says what was done, and a
-- role that calls them by hand can only do a real run's work.

-- This session's running run (locked), or an error.
CREATE FUNCTION indicators.this_run(run bigint) RETURNS indicators.run
    LANGUAGE plpgsql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r indicators.run;
BEGIN
    SELECT * INTO r FROM indicators.run x
     WHERE x.id OPERATOR(pg_catalog.=) run AND x.status OPERATOR(pg_catalog.=) 'running'
       AND x.pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid()
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'run % is not running in this session', run
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN r;
END
$$;

-- The next batch of this session's running run: up to batch_size rows
-- after the last key it read, flagged and counted in the same transaction.
CREATE FUNCTION indicators.run_step(run bigint, batch_size integer,
        OUT scanned bigint, OUT flagged bigint, OUT added bigint, OUT retired bigint)
    LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r indicators.run := indicators.this_run(run);
    b record;
BEGIN
    b := indicators.run_batch(r.source_id, r.id, r.last_key, batch_size, r.reflag);
    UPDATE indicators.run x
       SET last_key = COALESCE(b.last_key, x.last_key),
           rows_scanned = x.rows_scanned OPERATOR(pg_catalog.+) b.scanned,
           rows_flagged = x.rows_flagged OPERATOR(pg_catalog.+) b.flagged,
           mentions_added = x.mentions_added OPERATOR(pg_catalog.+) b.added,
           mentions_retired = x.mentions_retired OPERATOR(pg_catalog.+) b.retired
     WHERE x.id OPERATOR(pg_catalog.=) r.id;
    scanned := b.scanned;
    flagged := b.flagged;
    added := b.added;
    retired := b.retired;
END
$$;

-- Ends this session's running run: reads what is left (nothing, when
-- indicators.run() calls it), retires the mentions of deleted rows, and
-- marks it done.
CREATE FUNCTION indicators.run_finish(run bigint, OUT deleted bigint, OUT retired bigint)
    LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r indicators.run := indicators.this_run(run);
    d record;
BEGIN
    WHILE (indicators.run_step(run, 10000)).scanned OPERATOR(pg_catalog.>) 0 LOOP
    END LOOP;
    d := indicators.run_deleted(r.source_id, r.id);
    UPDATE indicators.run x
       SET rows_deleted = x.rows_deleted OPERATOR(pg_catalog.+) d.deleted,
           mentions_retired = x.mentions_retired OPERATOR(pg_catalog.+) d.retired,
           status = 'done', finished_at = pg_catalog.clock_timestamp()
     WHERE x.id OPERATOR(pg_catalog.=) r.id;
    deleted := d.deleted;
    retired := d.retired;
END
$$;

-- Marks this session's running run failed, with the error.
CREATE FUNCTION indicators.run_fail(run bigint, error text) RETURNS void
    LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r indicators.run := indicators.this_run(run);
BEGIN
    UPDATE indicators.run x
       SET status = 'failed', error = run_fail.error, finished_at = pg_catalog.clock_timestamp()
     WHERE x.id OPERATOR(pg_catalog.=) r.id;
END
$$;

CREATE PROCEDURE indicators.run(source regclass DEFAULT NULL, reflag boolean DEFAULT false,
                                batch_size integer DEFAULT 10000,
                                INOUT sources integer DEFAULT NULL, INOUT failed integer DEFAULT NULL)
    LANGUAGE plpgsql
AS $$
-- No SET clause: a procedure with one cannot commit.  Everything below is
-- schema-qualified, and what runs as the extension owner is in the
-- SECURITY DEFINER functions above, which have a fixed search_path.
DECLARE
    src record;
    run_id bigint;
    b record;
    d record;
    started timestamptz;
    scanned bigint;
    flagged bigint;
    added bigint;
    retired bigint;
    last_notice timestamptz;
    error_text text;
BEGIN
    sources := 0;
    failed := 0;
    IF indicators.in_transaction_block() THEN
        RAISE EXCEPTION 'indicators.run() cannot run inside a transaction block'
            USING ERRCODE = 'active_sql_transaction',
                  DETAIL = 'It commits after every batch, so that a long run neither holds one huge transaction nor loses its work when it is stopped.',
                  HINT = 'CALL it on its own, outside BEGIN ... COMMIT.';
    END IF;
    IF batch_size IS NULL OR batch_size OPERATOR(pg_catalog.<) 1 THEN
        RAISE EXCEPTION 'batch_size must be a positive number of rows'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF reflag IS NULL THEN
        RAISE EXCEPTION 'reflag must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF source IS NOT NULL AND NOT EXISTS (SELECT FROM indicators.note_source s
                                           WHERE s.relation OPERATOR(pg_catalog.=) source) THEN
        RAISE EXCEPTION '% is not a registered source', source
            USING ERRCODE = 'undefined_object',
                  HINT = 'Register it first with indicators.register_source(); the sources are in indicators.note_source.';
    END IF;
    FOR src IN SELECT s.id, s.relation, s.text_column,
                      CASE WHEN EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) s.relation)
                           THEN s.relation::text ELSE 'a dropped relation' END AS name
                 FROM indicators.note_source s
                WHERE s.unregistered_at IS NULL
                  AND (source IS NULL OR s.relation OPERATOR(pg_catalog.=) source)
                ORDER BY s.id
    LOOP
        run_id := indicators.run_begin(src.id, reflag);
        IF run_id IS NULL THEN
            RAISE NOTICE 'source % (%) is being flagged by another session; this run leaves it alone',
                         src.id, src.name;
            CONTINUE;
        END IF;
        sources := sources OPERATOR(pg_catalog.+) 1;
        COMMIT;
        started := pg_catalog.clock_timestamp();
        last_notice := started;
        scanned := 0; flagged := 0; added := 0; retired := 0; error_text := NULL;
        -- A source that fails (dropped, a column renamed, permission denied,
        -- a key that repeats, an error in a view) fails its own run, with
        -- the error recorded; the other sources are flagged all the same.
        LOOP
            BEGIN
                b := indicators.run_step(run_id, batch_size);
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS error_text = MESSAGE_TEXT;
            END;
            EXIT WHEN error_text IS NOT NULL;
            EXIT WHEN b.scanned OPERATOR(pg_catalog.=) 0;
            scanned := scanned OPERATOR(pg_catalog.+) b.scanned;
            flagged := flagged OPERATOR(pg_catalog.+) b.flagged;
            added := added OPERATOR(pg_catalog.+) b.added;
            retired := retired OPERATOR(pg_catalog.+) b.retired;
            COMMIT;
            IF pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) last_notice
               OPERATOR(pg_catalog.>=) interval '10 seconds' THEN
                last_notice := pg_catalog.clock_timestamp();
                RAISE NOTICE 'run %: % rows scanned, % flagged, % mentions added, % retired (% rows/s)',
                    run_id, scanned, flagged, added, retired,
                    pg_catalog.round(scanned OPERATOR(pg_catalog./) GREATEST(0.001,
                        extract(epoch FROM last_notice OPERATOR(pg_catalog.-) started)));
            END IF;
        END LOOP;
        IF error_text IS NULL THEN
            BEGIN
                d := indicators.run_finish(run_id);
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS error_text = MESSAGE_TEXT;
            END;
        END IF;
        IF error_text IS NOT NULL THEN
            failed := failed OPERATOR(pg_catalog.+) 1;
            PERFORM indicators.run_fail(run_id, error_text);
            COMMIT;
            RAISE WARNING 'run % of source % (%) failed: %', run_id, src.id, src.name, error_text
                USING HINT = 'Its batches before the error are kept; the next run does the rest. See indicators.run.';
            CONTINUE;
        END IF;
        COMMIT;
        RAISE NOTICE 'run % of % done: % rows scanned, % flagged, % deleted, % mentions added, % retired in % s',
            run_id, src.relation, scanned, flagged, d.deleted, added, retired OPERATOR(pg_catalog.+) d.retired,
            pg_catalog.round(extract(epoch FROM pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) started), 1);
    END LOOP;
    IF NOT EXISTS (SELECT FROM indicators.note_source s WHERE s.unregistered_at IS NULL) THEN
        RAISE NOTICE 'no sources are registered'
            USING HINT = 'Register one with indicators.register_source().';
    END IF;
END
$$;
COMMENT ON PROCEDURE indicators.run(regclass, boolean, integer, integer, integer) IS
    'Flags the new and changed rows of a registered source (or of every source) into indicators.mention, in batches of batch_size rows, committing each; retires the mentions of deleted and changed rows. Rows last flagged with another lexicon (its fingerprint differs) are flagged again; reflag => true flags every row again. One run per source at a time; a run that was killed is taken up by the next. A source that fails fails its own run (a WARNING, and the error in indicators.run) and the others go on; the result says how many sources this call ran (not those another session was running) and how many of them failed. Call it outside a transaction block.';

--------------------------------------------------------------------------
-- Unregistering a source, by hand or when its relation is dropped
--------------------------------------------------------------------------

CREATE FUNCTION indicators.outer_role() RETURNS regrole
    AS 'MODULE_PATHNAME', 'indicators_outer_role'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION indicators.outer_role() IS
    'The role that called, outside any SECURITY DEFINER function (the session user, or the role SET ROLE chose).';

-- Ends a source (called as the extension owner): its row states go, its
-- current mentions are retired by a run of status unregistered, and it
-- names no relation any more.  Returns how many mentions were retired.
CREATE FUNCTION indicators.source_unregister(source integer) RETURNS bigint
    LANGUAGE plpgsql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    unreg_run bigint;
    states bigint;
    retired bigint;
BEGIN
    IF NOT EXISTS (SELECT FROM indicators.note_source s
                    WHERE s.id OPERATOR(pg_catalog.=) source AND s.unregistered_at IS NULL) THEN
        RAISE EXCEPTION 'source % is not registered', source
            USING ERRCODE = 'undefined_object', HINT = 'See indicators.note_source.';
    END IF;
    unreg_run := indicators.run_begin(source, false);
    IF unreg_run IS NULL THEN
        RAISE EXCEPTION 'source % is being flagged by another session', source
            USING ERRCODE = 'object_in_use', HINT = 'Unregister it when that run is over.';
    END IF;
    WITH gone AS (DELETE FROM indicators.note_state st WHERE st.source_id OPERATOR(pg_catalog.=) source
                  RETURNING 1)
    SELECT pg_catalog.count(*) INTO states FROM gone;
    WITH r AS (UPDATE indicators.mention m SET retired_run = unreg_run
                WHERE m.source_id OPERATOR(pg_catalog.=) source AND m.retired_run IS NULL
               RETURNING 1)
    SELECT pg_catalog.count(*) INTO retired FROM r;
    UPDATE indicators.run r
       SET status = 'unregistered', rows_deleted = states, mentions_retired = retired,
           finished_at = pg_catalog.clock_timestamp()
     WHERE r.id OPERATOR(pg_catalog.=) unreg_run;
    UPDATE indicators.note_source s
       SET relation = NULL, unregistered_at = pg_catalog.now(),
           unregistered_by = indicators.outer_role()::name
     WHERE s.id OPERATOR(pg_catalog.=) source;
    RETURN retired;
END
$$;

-- The right to unregister is the right to register: INSERT on
-- indicators.note_source.
CREATE FUNCTION indicators.unregister_source(source integer) RETURNS bigint
    LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT pg_catalog.has_table_privilege(indicators.outer_role(), 'indicators.note_source', 'INSERT') THEN
        RAISE EXCEPTION 'permission denied to unregister source %', source
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Unregistering a source takes the right to register one: INSERT on indicators.note_source.';
    END IF;
    RETURN indicators.source_unregister(source);
END
$$;
COMMENT ON FUNCTION indicators.unregister_source(integer) IS
    'Ends a source: its current mentions are retired (by a run of status unregistered), its row states removed, and it names no relation any more; its runs and retired mentions are kept for the audit. Returns how many mentions were retired. Needs INSERT on indicators.note_source.';

-- A source whose relation is dropped is unregistered at once, so that no
-- source names a relation that is gone (its OID could come back as another
-- relation's, and pg_dump would write it as a bare number).  It never
-- stops the DROP: what cannot be done is a WARNING.
CREATE FUNCTION indicators.sources_dropped() RETURNS event_trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s record;
BEGIN
    -- DROP EXTENSION indicators, or DROP SCHEMA indicators CASCADE
    IF pg_catalog.to_regclass('indicators.note_source') IS NULL THEN
        RETURN;
    END IF;
    FOR s IN SELECT n.id, d.object_identity
               FROM indicators.note_source n
               JOIN pg_catalog.pg_event_trigger_dropped_objects() d
                 ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                AND d.objid OPERATOR(pg_catalog.=) n.relation::oid
                AND d.objsubid OPERATOR(pg_catalog.=) 0
              ORDER BY n.id
    LOOP
        BEGIN
            PERFORM indicators.source_unregister(s.id);
            RAISE NOTICE 'source % (%) was dropped: it is unregistered, its mentions retired',
                         s.id, s.object_identity;
        EXCEPTION WHEN OTHERS THEN
            RAISE WARNING 'source % (%) was dropped but could not be unregistered: %',
                          s.id, s.object_identity, SQLERRM
                USING HINT = format('SELECT indicators.unregister_source(%s);', s.id);
        END;
    END LOOP;
END
$$;
CREATE EVENT TRIGGER indicators_sources_dropped ON sql_drop
    EXECUTE FUNCTION indicators.sources_dropped();

--------------------------------------------------------------------------
-- Privileges of the flagging tables
--------------------------------------------------------------------------

-- The lexicon's history holds no case data.  The rest reveals which rows of
-- which tables mention what: nothing for PUBLIC; see the README's grant
-- recipes.
GRANT SELECT ON indicators.lexicon_history TO PUBLIC;
REVOKE ALL ON FUNCTION indicators.run_begin(integer, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION indicators.run_step(bigint, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION indicators.run_finish(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION indicators.run_fail(bigint, text) FROM PUBLIC;
-- the parts that write as whoever calls them: only for the functions above
REVOKE ALL ON FUNCTION indicators.this_run(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION indicators.run_batch(integer, bigint, text, integer, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION indicators.run_deleted(integer, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION indicators.source_unregister(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION indicators.unregister_source(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION indicators.sources_dropped() FROM PUBLIC;
REVOKE ALL ON FUNCTION indicators.register_source(regclass, name, name, name, name) FROM PUBLIC;
REVOKE ALL ON PROCEDURE indicators.run(regclass, boolean, integer, integer, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION indicators.source_read(integer, text, text, integer, text[]) FROM PUBLIC;

-- pg_dump keeps sources, runs, states, mentions and the lexicon's history.
ALTER SEQUENCE indicators.note_source_id_seq OWNED BY indicators.note_source.id;
ALTER SEQUENCE indicators.run_id_seq OWNED BY indicators.run.id;
ALTER SEQUENCE indicators.mention_id_seq OWNED BY indicators.mention.id;
ALTER SEQUENCE indicators.lexicon_history_id_seq OWNED BY indicators.lexicon_history.id;
SELECT pg_catalog.pg_extension_config_dump('indicators.note_source_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('indicators.run_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('indicators.mention_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('indicators.lexicon_history_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('indicators.note_source', '');
SELECT pg_catalog.pg_extension_config_dump('indicators.run', '');
SELECT pg_catalog.pg_extension_config_dump('indicators.note_state', '');
SELECT pg_catalog.pg_extension_config_dump('indicators.mention', '');
SELECT pg_catalog.pg_extension_config_dump('indicators.lexicon_history', '');
