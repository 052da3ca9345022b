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
    -- install: either way it must be the installing role's and empty, or
    -- whoever owns it could change what the extension runs.
    IF (SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) 'indicators')
       OPERATOR(pg_catalog.<>) (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER)
       OR EXISTS (SELECT FROM pg_catalog.pg_class c
                   WHERE c.relnamespace OPERATOR(pg_catalog.=) 'indicators'::pg_catalog.regnamespace)
       OR EXISTS (SELECT FROM pg_catalog.pg_proc p
                   WHERE p.pronamespace OPERATOR(pg_catalog.=) 'indicators'::pg_catalog.regnamespace)
    THEN
        RAISE EXCEPTION 'schema "indicators" must be empty and owned by the role installing the extension'
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

CREATE TABLE indicators.indicator (
    code        text PRIMARY KEY
                CHECK (code OPERATOR(pg_catalog.~) '^[a-z][a-z_]*[a-z]$'),
    category    text NOT NULL
                CHECK (category OPERATOR(pg_catalog.=) ANY (ARRAY['circumstance', 'behavior'])),
    description text NOT NULL
);
COMMENT ON TABLE indicators.indicator IS
    'The 24 publicly documented red flags of child sex trafficking (NCMEC), by code. Not a checklist and not an assessment: a mention is a reason for a person to look.';

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
    indicator   text NOT NULL REFERENCES indicators.indicator (code),
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

--------------------------------------------------------------------------
-- Shipped data
--------------------------------------------------------------------------

@DATA@

--------------------------------------------------------------------------
-- Lexicon rules (created after the shipped rows went in)
--------------------------------------------------------------------------

-- Shipped terms stay as shipped except for enabled and ambiguous, and are
-- never deleted, so that a dump holds only what is local or changed: see
-- pg_extension_config_dump below.  A shipped row that comes back from a
-- dump is applied to the row CREATE EXTENSION made rather than inserted.
CREATE FUNCTION indicators.term_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.origin = 'default' THEN
            UPDATE indicators.term t
               SET enabled = NEW.enabled, ambiguous = NEW.ambiguous,
                   changed_by = NEW.changed_by, changed_at = NEW.changed_at
             WHERE t.id = NEW.id AND t.origin = 'default';
            IF FOUND THEN
                RETURN NULL;
            END IF;
            -- not shipped (any more): keep it, as a local term
            RAISE NOTICE 'term % is not a shipped term; it is added as a local term', NEW.id;
            NEW.origin := 'local';
        END IF;
        RETURN NEW;
    ELSIF TG_OP = 'UPDATE' THEN
        IF NEW.origin IS DISTINCT FROM OLD.origin THEN
            RAISE EXCEPTION 'the origin of term % cannot be changed', OLD.id
                USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.origin = 'default'
           AND (NEW.id, NEW.indicator, NEW.term, NEW.source)
               IS DISTINCT FROM (OLD.id, OLD.indicator, OLD.term, OLD.source)
        THEN
            RAISE EXCEPTION 'shipped term % cannot be changed', OLD.id
                USING ERRCODE = 'check_violation',
                      DETAIL = 'Only enabled and ambiguous can be changed on shipped terms (origin = ''default'').',
                      HINT = 'Disable it with enabled = false and add a local term instead.';
        END IF;
        IF NEW.changed_at IS NOT DISTINCT FROM OLD.changed_at THEN
            NEW.changed_by := CURRENT_USER;
            NEW.changed_at := now();
        END IF;
        RETURN NEW;
    ELSE
        IF OLD.origin = 'default' THEN
            RAISE EXCEPTION 'shipped term % cannot be deleted', OLD.id
                USING ERRCODE = 'check_violation',
                      HINT = format('Disable it instead: UPDATE indicators.term SET enabled = false WHERE id = %s;', OLD.id);
        END IF;
        RETURN OLD;
    END IF;
END
$$;

CREATE TRIGGER term_guard
    BEFORE INSERT OR UPDATE OR DELETE ON indicators.term
    FOR EACH ROW EXECUTE FUNCTION indicators.term_guard();

-- TRUNCATE passes row triggers by: refuse it, as DELETE of a shipped row is.
CREATE FUNCTION indicators.term_guard_truncate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'indicators.term cannot be truncated: it holds the shipped terms'
        USING ERRCODE = 'check_violation',
              HINT = 'Delete the local terms instead: DELETE FROM indicators.term WHERE origin = ''local'';';
END
$$;

CREATE TRIGGER term_guard_truncate
    BEFORE TRUNCATE ON indicators.term
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.term_guard_truncate();

-- Every backend drops its compiled lexicon when these tables change.
CREATE FUNCTION indicators.lexicon_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'indicators_lexicon_changed'
    LANGUAGE C;

CREATE TRIGGER lexicon_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicators.term
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.lexicon_changed();
CREATE TRIGGER lexicon_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicators.indicator
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.lexicon_changed();

-- pg_dump keeps local terms, changed shipped terms, and the id sequence.
SELECT pg_catalog.pg_extension_config_dump('indicators.term',
    'WHERE origin OPERATOR(pg_catalog.=) ''local'' OR changed_at IS NOT NULL');
SELECT pg_catalog.pg_extension_config_dump('indicators.term_id_seq', '');

--------------------------------------------------------------------------
-- Matching
--------------------------------------------------------------------------

CREATE FUNCTION indicators.flags(note text) RETURNS text[]
    AS 'MODULE_PATHNAME', 'indicators_flags'
    LANGUAGE C STABLE STRICT PARALLEL SAFE COST 50;
COMMENT ON FUNCTION indicators.flags(text) IS
    'The codes of the indicators the note mentions, sorted and distinct; an empty array if none. Until context detection exists, every mention counts, negated or not.';

CREATE FUNCTION indicators.has(note text, indicator text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'indicators_has'
    LANGUAGE C STABLE STRICT PARALLEL SAFE COST 50;
COMMENT ON FUNCTION indicators.has(text, text) IS
    'Whether the note mentions the indicator (stops at the first mention). Raises an error for an unknown code.';

CREATE FUNCTION indicators.match(
        note text,
        OUT indicator text, OUT term text, OUT pos integer, OUT len integer,
        OUT matched text, OUT term_id bigint)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'indicators_match'
    LANGUAGE C STABLE STRICT PARALLEL SAFE COST 50 ROWS 5;
COMMENT ON FUNCTION indicators.match(text) IS
    'One row per mention, in text order: indicator code, lexicon term, 1-based character position and length (substr(note, pos, len) = matched), the words as written, and the term''s id. A mention inside a longer one of the same indicator is left out.';

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
-- Privileges
--------------------------------------------------------------------------

-- The lexicon holds no case data; every user of the matching functions
-- reads it (they compile it with the caller's rights).  Changing it is for
-- the owner and whoever the owner grants INSERT, UPDATE to.
GRANT SELECT ON indicators.indicator, indicators.source, indicators.term TO PUBLIC;
