-- indicators: install script.
--
-- This file is the source; `make` builds sql/indicators--<version>.sql from
-- it by putting the shipped data (sql/indicators.tsv, sql/sources.tsv,
-- sql/lexicon.tsv) where the @DATA@ line is.  Until release 1.0 this script
-- may change in place; from 1.0 on every change ships an upgrade script.

\echo Use "CREATE EXTENSION indicators" to load this file. \quit

-- Positions are character positions: refuse encodings where they cannot be
-- computed (multi-byte encodings other than UTF8).
DO $$
BEGIN
    IF pg_catalog.getdatabaseencoding() OPERATOR(pg_catalog.<>) 'UTF8'
       AND pg_catalog.pg_encoding_max_length(
               pg_catalog.pg_char_to_encoding(pg_catalog.getdatabaseencoding()))
           OPERATOR(pg_catalog.<>) 1
    THEN
        RAISE EXCEPTION 'indicators does not support database encoding "%"',
                        pg_catalog.getdatabaseencoding()
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = 'It works in UTF8, SQL_ASCII and single-byte encodings such as LATIN1.',
                  HINT = 'Create the database with ENCODING ''UTF8''.';
    END IF;
    -- CREATE EXTENSION made the schema, or it is left from an earlier
    -- install (or a dump made it, with its owner, before the extension):
    -- either way it must be empty and the installing role's or a
    -- superuser's, or whoever owns it could change what the extension runs.
    IF NOT (SELECT n.nspowner OPERATOR(pg_catalog.=) r.oid OR o.rolsuper
              FROM pg_catalog.pg_namespace n
              JOIN pg_catalog.pg_roles o ON o.oid OPERATOR(pg_catalog.=) n.nspowner,
                   pg_catalog.pg_roles r
             WHERE n.nspname OPERATOR(pg_catalog.=) 'indicators'
               AND r.rolname OPERATOR(pg_catalog.=) CURRENT_USER)
       OR EXISTS (SELECT FROM pg_catalog.pg_class c
                   WHERE c.relnamespace OPERATOR(pg_catalog.=) 'indicators'::pg_catalog.regnamespace)
       OR EXISTS (SELECT FROM pg_catalog.pg_proc p
                   WHERE p.pronamespace OPERATOR(pg_catalog.=) 'indicators'::pg_catalog.regnamespace)
    THEN
        RAISE EXCEPTION 'schema "indicators" must be empty and owned by the role installing the extension or a superuser'
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Drop or rename the existing schema "indicators", then run CREATE EXTENSION again.';
    END IF;
END
$$;

--------------------------------------------------------------------------
-- Functions the tables need
--------------------------------------------------------------------------

CREATE FUNCTION indicators.term_key(term text) RETURNS text
    AS 'MODULE_PATHNAME', 'indicators_term_key'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 10;
COMMENT ON FUNCTION indicators.term_key(text) IS
    'The words of a lexicon term as they are matched (folded, joined by spaces; a trailing * marks a prefix). Raises an error for a term that cannot be matched.';

--------------------------------------------------------------------------
-- Catalog
--------------------------------------------------------------------------

-- The kinds of context rule (sql/categories.tsv, the one list of them: the
-- CHECK lists below and the C code are made from it; the install test checks
-- match() and the mentions table against it).
CREATE FUNCTION indicators.context_categories(
        OUT category text, OUT kind text, OUT counts boolean, OUT flag text,
        OUT shown text, OUT description text)
    RETURNS SETOF record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
SELECT * FROM (VALUES
@CATEGORY_ROWS@
) AS c(category, kind, counts, flag, shown, description)
$$;
COMMENT ON FUNCTION indicators.context_categories() IS
    'The kinds of context rule: the triggers, which are the context categories a mention can be in (counts: whether a mention in it still counts; flag: its column in match() and indicators.mention, with flag || ''_by'' for the words that set it), then the other kinds of rule.';

CREATE TABLE indicators.indicator (
    code        text PRIMARY KEY
                -- two words or more: a code is indexed as a lexeme by the
                -- indicators configurations, and one English word ("phone")
                -- would be found by every search for that word
                CHECK (code OPERATOR(pg_catalog.~) '^[a-z]+(_[a-z]+)+$'),
    category    text NOT NULL
                CHECK (category OPERATOR(pg_catalog.=) ANY (ARRAY['circumstance', 'behavior'])),
    description text NOT NULL,
    context_ignored text[] NOT NULL DEFAULT '{}'
                CHECK (context_ignored OPERATOR(pg_catalog.<@) ARRAY[@TRIGGERS@]),
    origin      text NOT NULL DEFAULT 'local'
                CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['default', 'local'])),
    changed_by  name,
    changed_at  timestamptz
);
COMMENT ON TABLE indicators.indicator IS
    'The 24 publicly documented red flags of child sex trafficking (NCMEC), by code. Not a checklist and not an assessment: a mention is a reason for a person to look.';
COMMENT ON COLUMN indicators.indicator.context_ignored IS
    'Context triggers that do not apply to this indicator''s mentions: controlling_adult ignores other_person, since the controlling adult is another person by definition.';

CREATE TABLE indicators.source (
    key         text PRIMARY KEY,
    citation    text NOT NULL,
    url         text
);
COMMENT ON TABLE indicators.source IS
    'Public sources of the shipped lexicon; indicators.term.source names one of these for every shipped term.';

CREATE SEQUENCE indicators.term_id_seq START WITH 1000000;

CREATE TABLE indicators.term (
    id          bigint PRIMARY KEY
                DEFAULT pg_catalog.nextval('indicators.term_id_seq'),
    indicator   text NOT NULL,          -- a code of indicators.indicator (shipped_guard)
    term        text NOT NULL,
    key         text NOT NULL GENERATED ALWAYS AS (indicators.term_key(term)) STORED,
    ambiguous   boolean NOT NULL DEFAULT false,
    enabled     boolean NOT NULL DEFAULT true,
    origin      text NOT NULL DEFAULT 'local'
                CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['default', 'local'])),
    source      text,
    added_by    name NOT NULL DEFAULT CURRENT_USER,
    added_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    changed_by  name,
    changed_at  timestamptz,
    UNIQUE (indicator, key)
);
ALTER SEQUENCE indicators.term_id_seq OWNED BY indicators.term.id;
COMMENT ON TABLE indicators.term IS
    'The lexicon: words, phrases and emoji that are mentions of an indicator. origin = default: shipped with the extension (only enabled and ambiguous can change); local: added here.';
COMMENT ON COLUMN indicators.term.term IS
    'As written. Matching ignores case, accents, width and style of letters, look-alike letters, punctuation between words, spaced-out and leetspeak spellings, and emoji variation selectors and skin tones. A * right after a word matches any word starting so (bruis* matches bruised).';
COMMENT ON COLUMN indicators.term.key IS
    'The term as it is matched (indicators.term_key(term)); unique per indicator.';
COMMENT ON COLUMN indicators.term.ambiguous IS
    'Ordinary English (date, daddy, track, the game) or an emoji: evidence only with supporting context.';
COMMENT ON COLUMN indicators.term.source IS
    'For shipped terms, the key of a public source in indicators.source; for local terms, free text.';

CREATE SEQUENCE indicators.word_class_id_seq START WITH 1000000;

-- Word classes: named lists of words that patterns use as a group,
-- <lodging> for (motel|hotel|inn|...): one edit reaches every term and
-- rule that uses the class.
CREATE TABLE indicators.word_class (
    id          bigint PRIMARY KEY
                DEFAULT pg_catalog.nextval('indicators.word_class_id_seq'),
    class       text NOT NULL
                CONSTRAINT class_name_is_lower_case_letters_digits_and_underscores
                CHECK (class OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]{0,62}$'),
    word        text NOT NULL
                CONSTRAINT a_class_word_is_a_phrase_not_a_pattern
                CHECK (word OPERATOR(pg_catalog.!~) '[][()|<>]'),
    key         text NOT NULL GENERATED ALWAYS AS (indicators.term_key(word)) STORED,
    enabled     boolean NOT NULL DEFAULT true,
    origin      text NOT NULL DEFAULT 'local'
                CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['default', 'local'])),
    source      text,
    added_by    name NOT NULL DEFAULT CURRENT_USER,
    added_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    changed_by  name,
    changed_at  timestamptz,
    UNIQUE (class, key),
    CONSTRAINT a_class_word_has_at_most_4_words_and_64_bytes
        CHECK (pg_catalog.octet_length(word) OPERATOR(pg_catalog.<=) 64
               AND pg_catalog.array_length(pg_catalog.string_to_array(key, ' '), 1) OPERATOR(pg_catalog.<=) 4)
);
ALTER SEQUENCE indicators.word_class_id_seq OWNED BY indicators.word_class.id;
COMMENT ON TABLE indicators.word_class IS
    'Word classes: a term or rule written with <class> stands for one of the enabled words of that class, as a group (a|b|c) would. origin = default: shipped (only enabled can change); local: added here.';
COMMENT ON COLUMN indicators.word_class.word IS
    'A phrase of at most 4 words and 64 bytes, written as a term is (prefix* and stem~ words too), not a pattern.';

CREATE SEQUENCE indicators.context_rule_id_seq START WITH 1000000;

CREATE TABLE indicators.context_rule (
    id          bigint PRIMARY KEY
                DEFAULT pg_catalog.nextval('indicators.context_rule_id_seq'),
    category    text NOT NULL
                CHECK (category OPERATOR(pg_catalog.=) ANY (ARRAY[@KINDS@])),
    phrase      text NOT NULL,
    key         text NOT NULL GENERATED ALWAYS AS (indicators.term_key(phrase)) STORED,
    direction   text
                CHECK (direction OPERATOR(pg_catalog.=) ANY (ARRAY['forward', 'backward', 'both'])),
    max_scope   integer CHECK (max_scope OPERATOR(pg_catalog.>) 0),
    ends        text
                CHECK (ends OPERATOR(pg_catalog.=) ANY (ARRAY[@TRIGGERS@])),
    indicator   text,                   -- a code of indicators.indicator (shipped_guard)
    enabled     boolean NOT NULL DEFAULT true,
    origin      text NOT NULL DEFAULT 'local'
                CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['default', 'local'])),
    source      text,
    added_by    name NOT NULL DEFAULT CURRENT_USER,
    added_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    changed_by  name,
    changed_at  timestamptz,
    UNIQUE NULLS NOT DISTINCT (category, key, direction, ends, indicator),
    CONSTRAINT triggers_and_only_they_have_a_direction
        CHECK ((category OPERATOR(pg_catalog.=) ANY (ARRAY[@TRIGGERS@]))
               OPERATOR(pg_catalog.=) (direction IS NOT NULL)),
    CONSTRAINT only_triggers_have_a_scope
        CHECK (max_scope IS NULL OR direction IS NOT NULL),
    CONSTRAINT only_terminators_end_a_category
        CHECK (ends IS NULL OR category OPERATOR(pg_catalog.=) 'terminator'),
    CONSTRAINT only_anchors_and_blockers_name_an_indicator
        CHECK (indicator IS NULL OR category OPERATOR(pg_catalog.=) ANY (ARRAY['anchor', 'blocker']))
);
ALTER SEQUENCE indicators.context_rule_id_seq OWNED BY indicators.context_rule.id;
COMMENT ON TABLE indicators.context_rule IS
    'Context rules, NegEx/ConText style: triggers (negation, hypothetical, historical, other_person, generic) with a direction and an optional scope in tokens; pseudo (looks like a trigger, cancels the triggers inside it); terminator (ends scopes: of every category, or of ends); anchor (supports ambiguous terms within 8 tokens or the sentence); blocker (overlapping an ambiguous term, shows it innocent). Scopes never cross a sentence end.';
COMMENT ON COLUMN indicators.context_rule.max_scope IS
    'How many tokens (words, numbers, emoji) from the trigger its scope reaches; NULL: to the sentence end or a terminator.';
COMMENT ON COLUMN indicators.context_rule.indicator IS
    'Anchors and blockers: the indicator whose ambiguous terms they concern; NULL: all.';

--------------------------------------------------------------------------
-- Shipped data
--------------------------------------------------------------------------

@DATA@

-- One indicator is about another person by definition: the controlling
-- adult ("her boyfriend holds her ID", "her uncle speaks for her").  Those
-- mentions are about the child.  (Evasive answers are hers: "her brother
-- was evasive" is not.)
UPDATE indicators.indicator SET context_ignored = ARRAY['other_person']
 WHERE code OPERATOR(pg_catalog.=) 'controlling_adult';
UPDATE indicators.indicator SET origin = 'default';

--------------------------------------------------------------------------
-- Lexicon rules (created after the shipped rows went in)
--------------------------------------------------------------------------

-- Shipped rows (indicators, terms, context rules) stay as shipped except
-- for the columns the trigger is given after the key column, and are never
-- deleted, so that a dump holds only what is local or changed: see
-- pg_extension_config_dump below.
-- A shipped row that comes back from a dump is applied to the row CREATE
-- EXTENSION made rather than inserted.
CREATE FUNCTION indicators.shipped_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    keycol text := TG_ARGV[0];
    changeable text[] := TG_ARGV[1:];
    what text := replace(TG_TABLE_NAME, '_', ' ');
    keyval text;
    restored bigint;
BEGIN
    -- A term's or rule's indicator is a code of indicators.indicator, and
    -- a code terms or rules name stays.  (Not foreign keys: pg_restore -j
    -- loads these tables side by side, and a local term could come before
    -- its local indicator.  So the owner's and superusers' rows are taken
    -- with a warning, and the compiler leaves out, with a warning, a term
    -- whose indicator is not there.)
    -- (nested: PL/pgSQL may read every field an expression names, and a
    -- term has no code, an indicator no indicator)
    IF TG_TABLE_NAME IN ('term', 'context_rule') THEN
        IF TG_OP <> 'DELETE' AND NEW.indicator IS NOT NULL
           AND NOT EXISTS (SELECT FROM indicators.indicator i WHERE i.code = NEW.indicator) THEN
            IF NOT indicators.is_owner() THEN
                RAISE EXCEPTION 'unknown indicator code "%"', indicators.shown(NEW.indicator)
                    USING ERRCODE = 'foreign_key_violation',
                          HINT = 'The codes are in indicators.indicator.';
            END IF;
            RAISE WARNING '% % names unknown indicator code "%": kept, but not matched until that indicator exists',
                          what, to_jsonb(NEW) ->> keycol, indicators.shown(NEW.indicator)
                USING HINT = 'A restore (pg_restore -j) can load a term before its indicator; otherwise add the indicator, or fix the code.';
        END IF;
    END IF;
    -- the word classes a term or rule uses are there: refused for an
    -- editor, kept with a warning for the owner (a restore may load a term
    -- before its class)
    IF TG_TABLE_NAME IN ('term', 'context_rule') AND TG_OP <> 'DELETE' THEN
        DECLARE
            written text := to_jsonb(NEW) ->> CASE TG_TABLE_NAME WHEN 'term' THEN 'term' ELSE 'phrase' END;
            used text;
        BEGIN
            FOR used IN
                SELECT m[1] FROM regexp_matches(written, '<([a-z][a-z0-9_]*)>', 'g') AS m
                 WHERE NOT EXISTS (SELECT FROM indicators.word_class c WHERE c.class = m[1])
            LOOP
                IF NOT indicators.is_owner() THEN
                    RAISE EXCEPTION '% "%" uses unknown word class <%>', what, indicators.shown(written), used
                        USING ERRCODE = 'foreign_key_violation',
                              HINT = 'Add its words to indicators.word_class first.';
                END IF;
                RAISE WARNING '% "%" uses unknown word class <%>: kept, but not matched until the class has words',
                              what, indicators.shown(written), used;
            END LOOP;
        END;
    END IF;
    -- the last word of a class that terms or rules use stays (disable it
    -- instead, or change them first)
    IF TG_TABLE_NAME = 'word_class' AND TG_OP <> 'INSERT' THEN
        IF (TG_OP = 'DELETE' OR NEW.class IS DISTINCT FROM OLD.class)
           AND NOT EXISTS (SELECT FROM indicators.word_class c WHERE c.class = OLD.class AND c.id <> OLD.id)
           AND (EXISTS (SELECT FROM indicators.term t WHERE strpos(t.term, '<' || OLD.class || '>') > 0)
                OR EXISTS (SELECT FROM indicators.context_rule r WHERE strpos(r.phrase, '<' || OLD.class || '>') > 0)) THEN
            RAISE EXCEPTION 'word class <%> is used by terms or context rules', OLD.class
                USING ERRCODE = 'foreign_key_violation',
                      HINT = 'Change or delete the terms and rules that use it first, or disable its words.';
        END IF;
    END IF;
    IF TG_TABLE_NAME = 'indicator' AND TG_OP <> 'INSERT' AND OLD.origin <> 'default' THEN
        -- (a shipped one cannot be deleted or renamed at all: below)
        IF (TG_OP = 'DELETE' OR NEW.code IS DISTINCT FROM OLD.code)
           AND (EXISTS (SELECT FROM indicators.term t WHERE t.indicator = OLD.code)
                OR EXISTS (SELECT FROM indicators.context_rule r WHERE r.indicator = OLD.code)) THEN
            RAISE EXCEPTION 'indicator % is named by terms or context rules', OLD.code
                USING ERRCODE = 'foreign_key_violation',
                      HINT = 'Delete or move its terms and rules first.';
        END IF;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.origin = 'default' THEN
            EXECUTE format('UPDATE %s AS t SET %s WHERE t.%I = ($1).%I AND t.origin = ''default''',
                           TG_RELID::regclass,
                           (SELECT string_agg(format('%I = ($1).%I', c, c), ', ')
                              FROM unnest(changeable || ARRAY['changed_by', 'changed_at']) AS c),
                           keycol, keycol)
              USING NEW;
            GET DIAGNOSTICS restored = ROW_COUNT;
            IF restored > 0 THEN
                RETURN NULL;
            END IF;
            -- not shipped (any more): keep it, as a local row
            RAISE NOTICE '% % is not shipped; it is added as a local %',
                         what, to_jsonb(NEW) ->> keycol, what;
            NEW.origin := 'local';
        END IF;
        -- who added it, and when, are the truth (the owner's rows, as a
        -- restore writes them, are taken as they are)
        IF NOT indicators.is_owner() THEN
            NEW.changed_by := NULL;
            NEW.changed_at := NULL;
            IF TG_TABLE_NAME <> 'indicator' THEN
                NEW.added_by := CURRENT_USER;
                NEW.added_at := now();
            END IF;
        END IF;
        RETURN NEW;
    END IF;
    keyval := to_jsonb(OLD) ->> keycol;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.origin IS DISTINCT FROM OLD.origin THEN
            RAISE EXCEPTION 'the origin of % % cannot be changed', what, keyval
                USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.origin = 'default'
           AND to_jsonb(NEW) - (changeable || ARRAY['key', 'changed_by', 'changed_at'])
               IS DISTINCT FROM to_jsonb(OLD) - (changeable || ARRAY['key', 'changed_by', 'changed_at'])
        THEN
            RAISE EXCEPTION 'shipped % % cannot be changed', what, keyval
                USING ERRCODE = 'check_violation',
                      DETAIL = format('Only %s can be changed on shipped rows (origin = ''default'').',
                                      array_to_string(changeable, ' and ')),
                      HINT = CASE WHEN 'enabled' = ANY (changeable)
                                  THEN 'Disable it with enabled = false and add a local one instead.'
                                  ELSE 'The shipped indicators are this extension''s contract; add a local one if you need another.' END;
        END IF;
        IF NOT indicators.is_owner() OR NEW.changed_at IS NOT DISTINCT FROM OLD.changed_at THEN
            NEW.changed_by := CURRENT_USER;
            NEW.changed_at := now();
        END IF;
        IF NOT indicators.is_owner() AND TG_TABLE_NAME <> 'indicator' THEN
            NEW.added_by := OLD.added_by;
            NEW.added_at := OLD.added_at;
        END IF;
        RETURN NEW;
    END IF;
    IF OLD.origin = 'default' THEN
        RAISE EXCEPTION 'shipped % % cannot be deleted', what, keyval
            USING ERRCODE = 'check_violation',
                  HINT = CASE WHEN 'enabled' = ANY (changeable)
                              THEN format('Disable it instead: UPDATE %s SET enabled = false WHERE %I = %L;',
                                          TG_RELID::regclass, keycol, keyval)
                              ELSE 'The shipped indicators are this extension''s contract.' END;
    END IF;
    RETURN OLD;
END
$$;

CREATE TRIGGER shipped_guard
    BEFORE INSERT OR UPDATE OR DELETE ON indicators.term
    FOR EACH ROW EXECUTE FUNCTION indicators.shipped_guard('id', 'enabled', 'ambiguous');
CREATE TRIGGER shipped_guard
    BEFORE INSERT OR UPDATE OR DELETE ON indicators.context_rule
    FOR EACH ROW EXECUTE FUNCTION indicators.shipped_guard('id', 'enabled', 'max_scope');
CREATE TRIGGER shipped_guard
    BEFORE INSERT OR UPDATE OR DELETE ON indicators.indicator
    FOR EACH ROW EXECUTE FUNCTION indicators.shipped_guard('code', 'context_ignored');
CREATE TRIGGER shipped_guard
    BEFORE INSERT OR UPDATE OR DELETE ON indicators.word_class
    FOR EACH ROW EXECUTE FUNCTION indicators.shipped_guard('id', 'enabled');

-- TRUNCATE passes row triggers by: refuse it, as DELETE of a shipped row is.
CREATE FUNCTION indicators.shipped_guard_truncate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION '% cannot be truncated: it holds shipped rows', TG_RELID::regclass
        USING ERRCODE = 'check_violation',
              HINT = format('Delete the local rows instead: DELETE FROM %s WHERE origin = ''local'';',
                            TG_RELID::regclass);
END
$$;

CREATE TRIGGER shipped_guard_truncate
    BEFORE TRUNCATE ON indicators.term
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.shipped_guard_truncate();
CREATE TRIGGER shipped_guard_truncate
    BEFORE TRUNCATE ON indicators.context_rule
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.shipped_guard_truncate();
CREATE TRIGGER shipped_guard_truncate
    BEFORE TRUNCATE ON indicators.indicator
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.shipped_guard_truncate();
CREATE TRIGGER shipped_guard_truncate
    BEFORE TRUNCATE ON indicators.word_class
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.shipped_guard_truncate();

-- Lexicon versions, and the text-search indexes an edit left stale.
-- to_tsvector() is immutable by convention: an index keeps what the lexicon
-- of its build gave.  Each statement that changes the lexicon is a version;
-- the file each text-search index had then is noted, and an index with the
-- same file now has not been rebuilt since (src/versions.c).
CREATE TABLE indicators.lexicon_change (
    version     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    changed_at  timestamptz NOT NULL DEFAULT pg_catalog.statement_timestamp(),
    changed_by  name NOT NULL,
    relation    regclass NOT NULL,
    operation   text NOT NULL
                CHECK (operation OPERATOR(pg_catalog.=) ANY (ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']))
);
COMMENT ON TABLE indicators.lexicon_change IS
    'One row per statement that changed indicators.term, indicators.context_rule, indicators.word_class or indicators.indicator: the lexicon version it made, when, by whom. Written by a trigger as the extension owner.';

CREATE TABLE indicators.index_lexicon (
    index       oid PRIMARY KEY,
    filenode    oid NOT NULL,
    version     bigint NOT NULL REFERENCES indicators.lexicon_change
);
COMMENT ON TABLE indicators.index_lexicon IS
    'For each text-search index: its file when the lexicon last changed. The same file now means the index has not been rebuilt since.';

CREATE VIEW indicators.text_search_index WITH (security_invoker = true) AS
SELECT DISTINCT
       c.oid::pg_catalog.regclass AS index,
       x.indrelid::pg_catalog.regclass AS indexed_table,
       cfg.oid::pg_catalog.regconfig AS configuration,
       (f.filenode OPERATOR(pg_catalog.=) pg_catalog.pg_relation_filenode(c.oid)) IS TRUE AS stale,
       CASE WHEN f.filenode OPERATOR(pg_catalog.=) pg_catalog.pg_relation_filenode(c.oid)
            THEN v.changed_at END AS lexicon_changed_at,
       CASE WHEN f.filenode OPERATOR(pg_catalog.=) pg_catalog.pg_relation_filenode(c.oid)
            THEN pg_catalog.format('REINDEX INDEX CONCURRENTLY %s', c.oid::pg_catalog.regclass) END AS remedy
  FROM pg_catalog.pg_ts_config cfg
  JOIN pg_catalog.pg_depend d
    ON d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_ts_config'::pg_catalog.regclass
   AND d.refobjid OPERATOR(pg_catalog.=) cfg.oid
   AND d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
  JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) d.objid
  JOIN pg_catalog.pg_index x ON x.indexrelid OPERATOR(pg_catalog.=) c.oid
  LEFT JOIN indicators.index_lexicon f ON f.index OPERATOR(pg_catalog.=) c.oid
  LEFT JOIN indicators.lexicon_change v ON v.version OPERATOR(pg_catalog.=) f.version
 WHERE c.relkind OPERATOR(pg_catalog.=) 'i'
   AND (EXISTS (SELECT FROM pg_catalog.pg_ts_parser p
                 WHERE p.oid OPERATOR(pg_catalog.=) cfg.cfgparser
                   AND p.prsname OPERATOR(pg_catalog.=) 'parser'
                   AND p.prsnamespace OPERATOR(pg_catalog.=) 'indicators'::pg_catalog.regnamespace)
        OR EXISTS (SELECT FROM pg_catalog.pg_ts_config_map m
                     JOIN pg_catalog.pg_ts_dict dict ON dict.oid OPERATOR(pg_catalog.=) m.mapdict
                     JOIN pg_catalog.pg_ts_template t ON t.oid OPERATOR(pg_catalog.=) dict.dicttemplate
                    WHERE m.mapcfg OPERATOR(pg_catalog.=) cfg.oid
                      AND t.tmplname OPERATOR(pg_catalog.=) 'terms'
                      AND t.tmplnamespace OPERATOR(pg_catalog.=) 'indicators'::pg_catalog.regnamespace));
COMMENT ON VIEW indicators.text_search_index IS
    'Indexes on an indicators text-search configuration (its parser, or a dictionary of template indicators.terms); stale: the lexicon changed since the index was built, so its entries may differ from what to_tsvector() gives now. remedy: the command that rebuilds it.';

-- Every backend drops its compiled lexicon when these tables change, and
-- the change is recorded as a new lexicon version (above).
CREATE FUNCTION indicators.lexicon_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'indicators_lexicon_changed'
    LANGUAGE C;

CREATE TRIGGER lexicon_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicators.term
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.lexicon_changed();
CREATE TRIGGER lexicon_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicators.indicator
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.lexicon_changed();
CREATE TRIGGER lexicon_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicators.context_rule
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.lexicon_changed();
CREATE TRIGGER lexicon_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicators.word_class
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.lexicon_changed();

-- pg_dump keeps local and changed terms and rules, and the id sequences.
SELECT pg_catalog.pg_extension_config_dump('indicators.term',
    'WHERE origin OPERATOR(pg_catalog.=) ''local'' OR changed_at IS NOT NULL');
SELECT pg_catalog.pg_extension_config_dump('indicators.term_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('indicators.context_rule',
    'WHERE origin OPERATOR(pg_catalog.=) ''local'' OR changed_at IS NOT NULL');
SELECT pg_catalog.pg_extension_config_dump('indicators.context_rule_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('indicators.indicator',
    'WHERE origin OPERATOR(pg_catalog.=) ''local'' OR changed_at IS NOT NULL');
SELECT pg_catalog.pg_extension_config_dump('indicators.word_class',
    'WHERE origin OPERATOR(pg_catalog.=) ''local'' OR changed_at IS NOT NULL');
SELECT pg_catalog.pg_extension_config_dump('indicators.word_class_id_seq', '');

--------------------------------------------------------------------------
-- Matching
--------------------------------------------------------------------------

CREATE FUNCTION indicators.flags(note text) RETURNS text[]
    AS 'MODULE_PATHNAME', 'indicators_flags'
    LANGUAGE C STABLE STRICT PARALLEL SAFE COST 50;
COMMENT ON FUNCTION indicators.flags(text) IS
    'The codes of the indicators with at least one affirmed mention in the note, sorted and distinct; an empty array if none. Affirmed: not negated, not hypothetical, not about another person, not in general text about children at large (historical mentions count), and for an ambiguous term, anchored and not blocked.';

CREATE FUNCTION indicators.flags_all(note text) RETURNS text[]
    AS 'MODULE_PATHNAME', 'indicators_flags_all'
    LANGUAGE C STABLE STRICT PARALLEL SAFE COST 50;
COMMENT ON FUNCTION indicators.flags_all(text) IS
    'The codes of the indicators with any mention in the note, whatever its context: for reviewers who want everything.';

CREATE FUNCTION indicators.has(note text, indicator text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'indicators_has'
    LANGUAGE C STABLE STRICT PARALLEL SAFE COST 50;
COMMENT ON FUNCTION indicators.has(text, text) IS
    'Whether the note has an affirmed mention of the indicator (as flags() counts). Raises an error for an unknown code.';

CREATE FUNCTION indicators.match(
        note text,
        OUT indicator text, OUT term text, OUT pos integer, OUT len integer,
        OUT matched text, OUT affirmed boolean,
        OUT negated boolean, OUT hypothetical boolean, OUT historical boolean,
        OUT other_person boolean, OUT generic boolean, OUT ambiguous boolean,
        OUT negated_by text, OUT hypothetical_by text, OUT historical_by text,
        OUT other_person_by text, OUT generic_by text, OUT anchored_by text, OUT blocked_by text,
        OUT term_id bigint)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'indicators_match'
    LANGUAGE C STABLE STRICT PARALLEL SAFE COST 50 ROWS 5;
COMMENT ON FUNCTION indicators.match(text) IS
    'One row per mention, in text order: indicator code, lexicon term, 1-based character position and length (substr(note, pos, len) = matched), the words as written; whether it is affirmed (counts for flags()), its context, and the words of the note that set each context (a trigger, an anchor, a blocker); the term''s id. A mention inside a longer one of the same indicator is left out.';

CREATE FUNCTION indicators.explain(note text) RETURNS SETOF text
    AS 'MODULE_PATHNAME', 'indicators_explain'
    LANGUAGE C STABLE STRICT PARALLEL SAFE COST 50 ROWS 10;
COMMENT ON FUNCTION indicators.explain(text) IS
    'The note with its mentions [in brackets], triggers <in angles> and anchors or blockers {in braces}, then a line for each: what it is, what applies to it and whether it counts, and each trigger''s scope.';

CREATE FUNCTION indicators.normalize(note text) RETURNS text
    AS 'MODULE_PATHNAME', 'indicators_normalize'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 50;
COMMENT ON FUNCTION indicators.normalize(text) IS
    'The note as the matcher reads it: the keys of its words, numbers and emoji, joined by spaces.';

CREATE FUNCTION indicators.tokens(
        note text,
        OUT pos integer, OUT len integer, OUT type text, OUT token text, OUT key text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'indicators_tokens'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 50 ROWS 100;
COMMENT ON FUNCTION indicators.tokens(text) IS
    'The tokens of the note: 1-based character position and length, type (word, number, emoji, space, paragraph, stop, punct), the text as written and its key.';

--------------------------------------------------------------------------
-- Text search
--------------------------------------------------------------------------

-- The parser and dictionary methods that read the lexicon are STABLE; those
-- that move their state along (a token, a phrase) are VOLATILE.
--
-- The parser: the matcher's tokens (emoji sequences whole), the words of
-- mentions that do not count typed "uncounted".  ts_headline() goes through
-- the default parser's headline function: the token ids it knows are kept.
CREATE FUNCTION indicators.parser_start(internal, integer) RETURNS internal
    AS 'MODULE_PATHNAME', 'indicators_ts_start'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicators.parser_token(internal, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'indicators_ts_token'
    LANGUAGE C STRICT PARALLEL SAFE;
CREATE FUNCTION indicators.parser_end(internal) RETURNS void
    AS 'MODULE_PATHNAME', 'indicators_ts_end'
    LANGUAGE C STRICT PARALLEL SAFE;
CREATE FUNCTION indicators.parser_lextypes(internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'indicators_ts_lextypes'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicators.parser_headline(internal, internal, tsquery) RETURNS internal
    AS 'MODULE_PATHNAME', 'indicators_ts_headline'
    LANGUAGE C STRICT PARALLEL SAFE;

CREATE TEXT SEARCH PARSER indicators.parser (
    START = indicators.parser_start,
    GETTOKEN = indicators.parser_token,
    END = indicators.parser_end,
    LEXTYPES = indicators.parser_lextypes,
    HEADLINE = indicators.parser_headline);
COMMENT ON TEXT SEARCH PARSER indicators.parser IS
    'The matcher''s tokens, in any locale: words, numbers, emoji sequences as one token, blanks. Reads each note as flags() does and types the words of mentions that do not count as "uncounted".';

-- The dictionary template: lexicon terms, phrases included, become their
-- indicator codes.
CREATE FUNCTION indicators.terms_init(internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'indicators_terms_init'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicators.terms_lexize(internal, internal, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'indicators_terms_lexize'
    LANGUAGE C STRICT PARALLEL SAFE;

CREATE TEXT SEARCH TEMPLATE indicators.terms (
    INIT = indicators.terms_init,
    LEXIZE = indicators.terms_lexize);
COMMENT ON TEXT SEARCH TEMPLATE indicators.terms IS
    'Lexicon terms (indicators.term), phrases included, as their indicator codes. Options: Indicators = ''codes or categories, comma-separated'' (default all); Dictionary = a dictionary for the words of a mention, which then stay searchable as words.';

CREATE TEXT SEARCH DICTIONARY indicators.terms (
    TEMPLATE = indicators.terms);
COMMENT ON TEXT SEARCH DICTIONARY indicators.terms IS
    'Indicator codes for lexicon terms; the words of a mention give nothing else.';

CREATE TEXT SEARCH DICTIONARY indicators.terms_english (
    TEMPLATE = indicators.terms,
    Dictionary = pg_catalog.english_stem);
COMMENT ON TEXT SEARCH DICTIONARY indicators.terms_english IS
    'Indicator codes for lexicon terms, and the English stems of their words.';

-- Phone numbers by their digits, in any format.
CREATE FUNCTION indicators.phone_lexize(internal, internal, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'indicators_phone_lexize'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TEXT SEARCH TEMPLATE indicators.phone (
    LEXIZE = indicators.phone_lexize);
COMMENT ON TEXT SEARCH TEMPLATE indicators.phone IS
    'A phone number as its digits ("(555) 123-4567" and "+1 555.123.4567" are both 5551234567).';
CREATE TEXT SEARCH DICTIONARY indicators.phone (
    TEMPLATE = indicators.phone);
COMMENT ON TEXT SEARCH DICTIONARY indicators.phone IS
    'A phone number as its digits, without the North American 1 before ten digits.';

CREATE TEXT SEARCH CONFIGURATION indicators.english (
    PARSER = indicators.parser);
ALTER TEXT SEARCH CONFIGURATION indicators.english
    ADD MAPPING FOR asciiword, word, numword
    WITH indicators.terms_english, pg_catalog.english_stem;
ALTER TEXT SEARCH CONFIGURATION indicators.english
    ADD MAPPING FOR number, emoji
    WITH indicators.terms_english, pg_catalog.simple;
ALTER TEXT SEARCH CONFIGURATION indicators.english
    ADD MAPPING FOR uncounted WITH pg_catalog.english_stem;
ALTER TEXT SEARCH CONFIGURATION indicators.english
    ADD MAPPING FOR url, email WITH pg_catalog.simple;
ALTER TEXT SEARCH CONFIGURATION indicators.english
    ADD MAPPING FOR phone WITH indicators.phone;
COMMENT ON TEXT SEARCH CONFIGURATION indicators.english IS
    'English stems, emoji and numbers, URLs and email addresses whole, phone numbers by their digits, plus an indicator code where a mention counts (as flags() counts): one index for word search and indicator search.';

CREATE TEXT SEARCH CONFIGURATION indicators.codes (
    PARSER = indicators.parser);
ALTER TEXT SEARCH CONFIGURATION indicators.codes
    ADD MAPPING FOR asciiword, word, numword, number, emoji
    WITH indicators.terms;
COMMENT ON TEXT SEARCH CONFIGURATION indicators.codes IS
    'Only indicator codes, where a mention counts (as flags() counts): a small index for indicator search.';

-- A value from the user as an error message shows it: at most 64
-- characters, so that a message never repeats a whole note.
CREATE FUNCTION indicators.shown(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN pg_catalog.length(value) OPERATOR(pg_catalog.>) 64
                THEN pg_catalog."left"(value, 61) OPERATOR(pg_catalog.||) '...' ELSE value END;
COMMENT ON FUNCTION indicators.shown(text) IS
    'A value as error messages show it: cut to 64 characters.';

-- The codes of some indicators or categories, checked; an error names the
-- first that is no code or category.
CREATE FUNCTION indicators.codes_named(names text[]) RETURNS text[]
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    unknown text;
BEGIN
    IF pg_catalog.cardinality(names) OPERATOR(pg_catalog.=) 0 THEN
        RAISE EXCEPTION 'no indicator code or category given'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Name one or more codes or categories, as in indicators.query(''escort_ads'').';
    END IF;
    IF pg_catalog.array_position(names, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'indicator code or category must not be null'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT c INTO unknown
      FROM pg_catalog.unnest(names) AS c
     WHERE NOT EXISTS (SELECT FROM indicators.indicator i
                        WHERE i.code OPERATOR(pg_catalog.=) c
                           OR i.category OPERATOR(pg_catalog.=) c)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unknown indicator or category "%"', indicators.shown(unknown)
            USING ERRCODE = 'undefined_object',
                  HINT = 'The codes and categories are in indicators.indicator.';
    END IF;
    RETURN (SELECT pg_catalog.array_agg(i.code ORDER BY i.code COLLATE "C")
              FROM indicators.indicator i
             WHERE i.code OPERATOR(pg_catalog.=) ANY (names)
                OR i.category OPERATOR(pg_catalog.=) ANY (names));
END
$$;
COMMENT ON FUNCTION indicators.codes_named(text[]) IS
    'The indicator codes that some codes and categories name, sorted; an error for a name that is neither.';

-- codes are [a-z_] (a CHECK constraint): quoted, each is one lexeme
CREATE FUNCTION indicators.query(VARIADIC codes text[]) RETURNS tsquery
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT pg_catalog.string_agg(pg_catalog.quote_literal(c), ' | ')::pg_catalog.tsquery
              FROM pg_catalog.unnest(indicators.codes_named(codes)) AS c);
COMMENT ON FUNCTION indicators.query(text[]) IS
    'A tsquery for any of the given indicator codes or categories (''behavior'', ''circumstance''), for a tsvector made with indicators.english or indicators.codes.';

CREATE FUNCTION indicators.query_all(VARIADIC codes text[]) RETURNS tsquery
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    q tsquery;
    c text;
BEGIN
    PERFORM indicators.codes_named(codes);
    FOREACH c IN ARRAY codes LOOP
        q := CASE WHEN q IS NULL THEN indicators.query(c)
                  ELSE q OPERATOR(pg_catalog.&&) indicators.query(c) END;
    END LOOP;
    RETURN q;
END
$$;
COMMENT ON FUNCTION indicators.query_all(text[]) IS
    'A tsquery for all of the given indicator codes (a category: any of its codes), for a tsvector made with indicators.english or indicators.codes.';

CREATE FUNCTION indicators.flags(document tsvector) RETURNS text[]
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT COALESCE(pg_catalog.array_agg(l.lexeme ORDER BY l.lexeme COLLATE "C"),
                                       '{}')
              FROM pg_catalog.unnest(document) AS l
             WHERE EXISTS (SELECT FROM indicators.indicator i
                            WHERE i.code OPERATOR(pg_catalog.=) l.lexeme));
CREATE FUNCTION indicators.phone_query(number text) RETURNS tsquery
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    digits text := pg_catalog.regexp_replace(number, '[^0-9]', '', 'g');
BEGIN
    IF pg_catalog.length(digits) OPERATOR(pg_catalog.=) 11
       AND pg_catalog."left"(digits, 1) OPERATOR(pg_catalog.=) '1' THEN
        digits := pg_catalog.substr(digits, 2);
    END IF;
    IF pg_catalog.length(digits) NOT BETWEEN 7 AND 15 THEN
        RAISE EXCEPTION 'phone number "%" has % digits', indicators.shown(number), pg_catalog.length(digits)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'A phone number has 7 to 15 digits.';
    END IF;
    RETURN pg_catalog.quote_literal(digits)::pg_catalog.tsquery;
END
$$;
COMMENT ON FUNCTION indicators.phone_query(text) IS
    'A tsquery for a phone number in any format, by its digits, for a tsvector made with indicators.english.';

COMMENT ON FUNCTION indicators.flags(tsvector) IS
    'The indicator codes in a tsvector made with indicators.english or indicators.codes, sorted: the same as flags() of the note, for the lexicon the tsvector was made with.';

--------------------------------------------------------------------------
-- Privileges
--------------------------------------------------------------------------

-- The lexicon holds no case data; every user of the matching functions
-- reads it (they compile it with the caller's rights).  Changing it is for
-- the owner and whoever the owner grants INSERT, UPDATE to.
GRANT SELECT ON indicators.indicator, indicators.source, indicators.term,
                indicators.context_rule, indicators.word_class TO PUBLIC;
-- Lexicon versions and which text-search indexes are stale: no case data.
GRANT SELECT ON indicators.lexicon_change, indicators.index_lexicon,
                indicators.text_search_index TO PUBLIC;
