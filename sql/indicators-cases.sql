--------------------------------------------------------------------------
-- Per-case patterns, review, audit views, and who may read what
--
-- Part of the install script: make appends this file after
-- sql/indicators-job.sql.
--------------------------------------------------------------------------

--------------------------------------------------------------------------
-- Who may read a mention: whoever may read its row in the source
--------------------------------------------------------------------------

-- The sources whose registered columns (text, key, case, changed-at) the
-- caller may all read: all of whose rows they see (filtered => false), or
-- perhaps only some (filtered => true): a table with row-level security
-- active for the caller, and every view or foreign table, which may filter
-- by who reads it (current_user, a security_invoker view over a table with
-- row-level security, a user mapping).  A mention
-- shows its row's key, case key and time: a role that may read the text
-- but not the case column does not see it.
CREATE FUNCTION indicators.readable_sources(filtered boolean) RETURNS integer[]
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT COALESCE(pg_catalog.array_agg(s.id), '{}')
              FROM indicators.note_source s
             WHERE pg_catalog.has_column_privilege(s.relation, s.text_column, 'SELECT')
               AND pg_catalog.has_column_privilege(s.relation, s.key_column, 'SELECT')
               AND (s.case_column IS NULL OR pg_catalog.has_column_privilege(s.relation, s.case_column, 'SELECT'))
               AND (s.changed_at_column IS NULL
                    OR pg_catalog.has_column_privilege(s.relation, s.changed_at_column, 'SELECT'))
               AND (pg_catalog.row_security_active(s.relation)
                    OR EXISTS (SELECT FROM pg_catalog.pg_class c
                                WHERE c.oid OPERATOR(pg_catalog.=) s.relation
                                  AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['v', 'f']::"char"[])))
                   OPERATOR(pg_catalog.=) filtered);
COMMENT ON FUNCTION indicators.readable_sources(boolean) IS
    'Ids of the sources whose registered columns (text, key, case, changed-at) the current role may all read: with every row visible (false), or with the rows perhaps chosen by who reads them (true): row-level security, a view, a foreign table.';

-- Whether the caller sees one row of a source (row-level security, and a
-- view's own filtering, applied).  A key that no longer reads as the key
-- column's type (after ALTER TABLE ... ALTER ... TYPE, a retired mention's
-- old key) is a row nobody sees, not an error in every reader's query.
CREATE FUNCTION indicators.may_read_row(source integer, row_key text) RETURNS boolean
    LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s indicators.note_source;
    seen boolean;
BEGIN
    SELECT * INTO s FROM indicators.note_source n WHERE n.id OPERATOR(pg_catalog.=) source;
    IF NOT FOUND OR NOT pg_catalog.has_column_privilege(s.relation, s.text_column, 'SELECT') THEN
        RETURN false;
    END IF;
    BEGIN
        EXECUTE format('SELECT EXISTS (SELECT FROM %s x WHERE x.%I OPERATOR(pg_catalog.=) $1::%s)',
                       s.relation, s.key_column,
                       pg_catalog.format_type(indicators.column_type(s.relation, s.key_column, 'key'), NULL))
           INTO seen USING row_key;
    EXCEPTION WHEN data_exception THEN
        RETURN false;
    END;
    RETURN seen;
END
$$;
COMMENT ON FUNCTION indicators.may_read_row(integer, text) IS
    'Whether the current role sees the row of a source with this key (its privileges, the source''s row-level security and a view''s own filtering applied); false for a key that no longer reads as the key column''s type.';

-- Mentions and row states are visible only where the source row is: every
-- row of a source the role may read whole, and the rows the source shows it
-- of the others.  The sub-selects run once per statement; the row check
-- only for sources with row-level security, views and foreign tables.
ALTER TABLE indicators.mention ENABLE ROW LEVEL SECURITY;
CREATE POLICY source_readers ON indicators.mention
    USING (source_id OPERATOR(pg_catalog.=) ANY (SELECT pg_catalog.unnest(indicators.readable_sources(false)))
           OR (source_id OPERATOR(pg_catalog.=) ANY (SELECT pg_catalog.unnest(indicators.readable_sources(true)))
               AND indicators.may_read_row(source_id, row_key)));
-- A run's counts, last key and error come from its source (an error can
-- quote a value of any column): visible to whoever may read the source
-- whole, the job among them.
ALTER TABLE indicators.run ENABLE ROW LEVEL SECURITY;
CREATE POLICY source_readers ON indicators.run
    USING (source_id OPERATOR(pg_catalog.=) ANY (SELECT pg_catalog.unnest(indicators.readable_sources(false))));
ALTER TABLE indicators.note_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY source_readers ON indicators.note_state
    USING (source_id OPERATOR(pg_catalog.=) ANY (SELECT pg_catalog.unnest(indicators.readable_sources(false)))
           OR (source_id OPERATOR(pg_catalog.=) ANY (SELECT pg_catalog.unnest(indicators.readable_sources(true)))
               AND indicators.may_read_row(source_id, row_key)));

--------------------------------------------------------------------------
-- Review: a person's decision on a mention or a case
--------------------------------------------------------------------------

CREATE SEQUENCE indicators.review_id_seq;
CREATE TABLE indicators.review (
    id                  bigint PRIMARY KEY DEFAULT pg_catalog.nextval('indicators.review_id_seq'),
    mention_id          bigint,
    source_id           integer NOT NULL,
    case_key            text,
    decision            text NOT NULL
                        CHECK (decision OPERATOR(pg_catalog.=) ANY (ARRAY['confirmed', 'dismissed', 'needs_follow_up'])),
    comment             text,
    reviewed_by         name NOT NULL DEFAULT CURRENT_USER,
    reviewed_at         timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    CONSTRAINT a_mention_or_a_case
        CHECK ((mention_id IS NULL) OPERATOR(pg_catalog.<>) (case_key IS NULL))
);
ALTER SEQUENCE indicators.review_id_seq OWNED BY indicators.review.id;
CREATE INDEX review_mention ON indicators.review (mention_id, reviewed_at);
CREATE INDEX review_case ON indicators.review (source_id, case_key, reviewed_at);
COMMENT ON TABLE indicators.review IS
    'A reviewer''s decision on a mention (mention_id) or on a case (source_id and case_key): confirmed, dismissed or needs_follow_up, with a comment. Append-only: a new decision is a new row; the views show the latest.';

-- Who and when are the reviewer's own, and a reviewer reviews only what they
-- may see.  Only the extension owner may write them (a restore from
-- pg_dump does, as it puts the reviews back).
CREATE FUNCTION indicators.review_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    mention_source integer;
BEGIN
    IF NOT indicators.is_owner() OR NEW.reviewed_by IS NULL OR NEW.reviewed_at IS NULL THEN
        NEW.reviewed_by := CURRENT_USER;
        NEW.reviewed_at := pg_catalog.clock_timestamp();
    END IF;
    -- the id is the sequence's: a reviewer who chose one could take ids
    -- ahead, or learn from a clash that a review they cannot see exists
    IF NOT indicators.is_owner() THEN
        NEW.id := pg_catalog.nextval('indicators.review_id_seq');
    END IF;
    IF NEW.decision IS NULL
       OR NEW.decision OPERATOR(pg_catalog.<>) ALL (ARRAY['confirmed', 'dismissed', 'needs_follow_up']) THEN
        RAISE EXCEPTION 'decision must be confirmed, dismissed or needs_follow_up, not %',
                        COALESCE(pg_catalog.quote_literal(NEW.decision), 'NULL')
            USING ERRCODE = 'check_violation';
    END IF;
    IF (NEW.mention_id IS NULL) OPERATOR(pg_catalog.=) (NEW.case_key IS NULL) THEN
        RAISE EXCEPTION 'a review is of one mention or of one case'
            USING ERRCODE = 'check_violation',
                  HINT = 'Give mention_id, or source_id and case_key, not both.';
    END IF;
    -- a review of a mention or case not (yet) there is taken from the owner
    -- and superusers: a restore writes them (pg_restore -j loads reviews
    -- and mentions side by side)
    IF NEW.mention_id IS NOT NULL THEN
        SELECT m.source_id INTO mention_source
          FROM indicators.mention m WHERE m.id OPERATOR(pg_catalog.=) NEW.mention_id;
        IF NOT FOUND AND indicators.is_owner() AND NEW.source_id IS NOT NULL THEN
            RETURN NEW;
        END IF;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'mention % does not exist, or the current role may not read it', NEW.mention_id
                USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF NEW.source_id IS DISTINCT FROM mention_source AND NEW.source_id IS NOT NULL THEN
            RAISE EXCEPTION 'mention % is not of source %', NEW.mention_id, NEW.source_id
                USING ERRCODE = 'check_violation';
        END IF;
        NEW.source_id := mention_source;
    ELSIF NOT indicators.is_owner() AND NOT EXISTS (SELECT FROM indicators.mention m
                       WHERE m.source_id OPERATOR(pg_catalog.=) NEW.source_id
                         AND m.case_key OPERATOR(pg_catalog.=) NEW.case_key) THEN
        RAISE EXCEPTION 'case % of % has no mentions that the current role may read', NEW.case_key,
                        COALESCE((SELECT s.relation::text FROM indicators.note_source s
                                   WHERE s.id OPERATOR(pg_catalog.=) NEW.source_id),
                                 'source ' OPERATOR(pg_catalog.||) NEW.source_id)
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'A case review is for a case with mentions in indicators.mention.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER review_check
    BEFORE INSERT ON indicators.review
    FOR EACH ROW EXECUTE FUNCTION indicators.review_check();
CREATE TRIGGER append_only
    BEFORE UPDATE OR DELETE ON indicators.review
    FOR EACH ROW EXECUTE FUNCTION indicators.append_only();
CREATE TRIGGER append_only_truncate
    BEFORE TRUNCATE ON indicators.review
    FOR EACH STATEMENT EXECUTE FUNCTION indicators.append_only();

-- A review is visible to whoever sees its mention, or a mention of its case.
ALTER TABLE indicators.review ENABLE ROW LEVEL SECURITY;
CREATE POLICY mention_readers ON indicators.review
    USING (CASE WHEN mention_id IS NOT NULL
                THEN EXISTS (SELECT FROM indicators.mention m WHERE m.id OPERATOR(pg_catalog.=) mention_id)
                ELSE EXISTS (SELECT FROM indicators.mention m
                              WHERE m.source_id OPERATOR(pg_catalog.=) review.source_id
                                AND m.case_key OPERATOR(pg_catalog.=) review.case_key) END);

--------------------------------------------------------------------------
-- Per-case profile: an aggregate over notes, or over mentions
--------------------------------------------------------------------------

-- Both aggregates gather profile items (src/profile.c, so that a group of
-- n rows costs n steps): one per affirmed mention, with the note it is in
-- and when that note was seen.
CREATE TYPE indicators.profile_item AS (
    note        text,
    indicator   text,
    term        text,
    seen_at     timestamptz
);

-- The items of one note: its affirmed mentions.
CREATE FUNCTION indicators.profile_note_items(note text, seen_at timestamptz, note_key text)
    RETURNS indicators.profile_item[]
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN ARRAY(SELECT ROW(note_key, m.indicator, m.term, seen_at)::indicators.profile_item
                   FROM indicators.match(note) m WHERE m.affirmed);

-- The item of one row of indicators.mention: NULL unless it is current and
-- affirmed.
CREATE FUNCTION indicators.profile_mention_item(m indicators.mention, seen_at timestamptz)
    RETURNS indicators.profile_item
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN m.affirmed AND m.retired_run IS NULL
                THEN ROW(m.source_id::text OPERATOR(pg_catalog.||) ':' OPERATOR(pg_catalog.||) m.row_key,
                         m.indicator, m.term, COALESCE(seen_at, m.noted_at))::indicators.profile_item END;

CREATE FUNCTION indicators.profile_note_step(internal, note text, seen_at timestamptz)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'indicators_profile_note_step'
    LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION indicators.profile_mention_step(internal, m indicators.mention, seen_at timestamptz)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'indicators_profile_mention_step'
    LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION indicators.profile_finish(internal) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'indicators_profile_finish'
    LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- The number a runaway term states ("4th runaway", "third runaway"), or 0.
CREATE FUNCTION indicators.runaway_ordinal(term text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN COALESCE((SELECT pg_catalog.max(CASE
                WHEN w OPERATOR(pg_catalog.~) '^[0-9]{1,4}(st|nd|rd|th)$'
                    THEN pg_catalog.substring(w, '^[0-9]+')::integer
                ELSE pg_catalog.array_position(ARRAY['first', 'second', 'third', 'fourth', 'fifth',
                        'sixth', 'seventh', 'eighth', 'ninth', 'tenth'], w) END)
              FROM pg_catalog.regexp_split_to_table(pg_catalog.lower(term), '[^a-z0-9]+') AS w), 0);

-- The profile of a group's items; notes: how many notes were read (NULL:
-- the notes the items are in).
CREATE FUNCTION indicators.profile_final(items indicators.profile_item[], notes bigint) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
WITH item AS (SELECT * FROM pg_catalog.unnest(items)),
per AS (
    SELECT i.indicator,
           pg_catalog.count(DISTINCT i.note) AS notes,
           pg_catalog.count(*) AS mentions,
           pg_catalog.min(i.seen_at) AS first_seen,
           pg_catalog.max(i.seen_at) AS last_seen
      FROM item i GROUP BY i.indicator),
runaway AS (
    SELECT GREATEST(
               -- distinct days with a runaway mention (distinct notes when undated)
               pg_catalog.count(DISTINCT COALESCE((i.seen_at AT TIME ZONE 'UTC')::date::text, 'note ' OPERATOR(pg_catalog.||) i.note)),
               -- what the notes themselves count ("fourth runaway")
               COALESCE(pg_catalog.max(indicators.runaway_ordinal(i.term)), 0)) AS episodes
      FROM item i WHERE i.indicator OPERATOR(pg_catalog.=) 'runs_away')
SELECT pg_catalog.jsonb_build_object(
    'notes', COALESCE(notes, (SELECT pg_catalog.count(DISTINCT i.note) FROM item i)),
    'notes_with_mentions', (SELECT pg_catalog.count(DISTINCT i.note) FROM item i),
    'indicators', COALESCE((SELECT pg_catalog.jsonb_agg(p.indicator ORDER BY p.indicator COLLATE "C") FROM per p), '[]'),
    'by_indicator', COALESCE((SELECT pg_catalog.jsonb_object_agg(p.indicator, pg_catalog.jsonb_build_object(
                        'notes', p.notes, 'mentions', p.mentions,
                        'first_seen', p.first_seen, 'last_seen', p.last_seen)) FROM per p), '{}'),
    'runaway_episodes', (SELECT r.episodes FROM runaway r),
    'repeated_runaway', (SELECT r.episodes OPERATOR(pg_catalog.>=) 3 FROM runaway r))
$$;

CREATE AGGREGATE indicators.profile(note text, seen_at timestamptz) (
    SFUNC = indicators.profile_note_step,
    STYPE = internal,
    FINALFUNC = indicators.profile_finish,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE indicators.profile(text, timestamptz) IS
    'A case''s profile from its notes (GROUP BY case): notes read, notes with an affirmed mention, the distinct indicators, per indicator its notes, mentions, first and last seen_at, and the runaway episodes (distinct days with a runaway mention, or the count a note states, such as "fourth runaway"), repeated_runaway when three or more. Counts what flags() counts.';

CREATE AGGREGATE indicators.profile(mention indicators.mention, seen_at timestamptz) (
    SFUNC = indicators.profile_mention_step,
    STYPE = internal,
    FINALFUNC = indicators.profile_finish,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE indicators.profile(indicators.mention, timestamptz) IS
    'A case''s profile from its rows of indicators.mention (GROUP BY case_key): as profile(note, seen_at), over current, affirmed mentions; seen_at NULL takes the mention''s noted_at.';

--------------------------------------------------------------------------
-- Views for analysts and auditors (security_invoker: a reader sees what
-- the tables below let them see)
--------------------------------------------------------------------------

CREATE VIEW indicators.current_mention WITH (security_invoker = true) AS
SELECT m.id, m.source_id, s.relation AS source, m.row_key, m.case_key,
       m.indicator, m.term, m.pos, m.len, m.affirmed,
       m.negated, m.hypothetical, m.historical, m.other_person, m.generic, m.ambiguous, m.context,
       COALESCE(m.noted_at, m.flagged_at) AS seen_at,
       m.run_id, m.lexicon_version,
       d.decision, d.reviewed_by, d.reviewed_at
  FROM indicators.mention m
  JOIN indicators.note_source s ON s.id OPERATOR(pg_catalog.=) m.source_id
  LEFT JOIN LATERAL (SELECT v.decision, v.reviewed_by, v.reviewed_at FROM indicators.review v
                      WHERE v.mention_id OPERATOR(pg_catalog.=) m.id
                      ORDER BY v.reviewed_at DESC, v.id DESC LIMIT 1) d ON true
 WHERE m.retired_run IS NULL;
COMMENT ON VIEW indicators.current_mention IS
    'Mentions not retired, with their source, when they were seen (the source''s changed-at column, else when flagged) and the latest review decision. substr(note, pos, len) in the source row is the matched text.';

CREATE VIEW indicators.case_summary WITH (security_invoker = true) AS
SELECT p.source_id, p.source, p.case_key,
       (p.profile OPERATOR(pg_catalog.->>) 'notes_with_mentions')::bigint AS notes_with_mentions,
       (SELECT pg_catalog.array_agg(x ORDER BY x COLLATE "C")
          FROM pg_catalog.jsonb_array_elements_text(p.profile OPERATOR(pg_catalog.->) 'indicators') AS x) AS indicators,
       pg_catalog.jsonb_array_length(p.profile OPERATOR(pg_catalog.->) 'indicators') AS distinct_indicators,
       p.mentions, p.first_seen, p.last_seen,
       (p.profile OPERATOR(pg_catalog.->>) 'runaway_episodes')::integer AS runaway_episodes,
       (p.profile OPERATOR(pg_catalog.->>) 'repeated_runaway')::boolean AS repeated_runaway,
       p.unreviewed_mentions,
       d.decision AS case_decision, d.reviewed_by AS case_reviewed_by, d.reviewed_at AS case_reviewed_at,
       p.profile
  FROM (SELECT m.source_id, s.relation AS source, m.case_key,
               indicators.profile(m, m.noted_at) AS profile,
               pg_catalog.count(*) AS mentions,
               pg_catalog.min(COALESCE(m.noted_at, m.flagged_at)) AS first_seen,
               pg_catalog.max(COALESCE(m.noted_at, m.flagged_at)) AS last_seen,
               pg_catalog.count(*) FILTER (WHERE NOT EXISTS (SELECT FROM indicators.review v
                                                            WHERE v.mention_id OPERATOR(pg_catalog.=) m.id)) AS unreviewed_mentions
          FROM indicators.mention m
          JOIN indicators.note_source s ON s.id OPERATOR(pg_catalog.=) m.source_id
         WHERE m.retired_run IS NULL AND m.affirmed AND m.case_key IS NOT NULL
         GROUP BY m.source_id, s.relation, m.case_key) p
  LEFT JOIN LATERAL (SELECT v.decision, v.reviewed_by, v.reviewed_at FROM indicators.review v
                      WHERE v.source_id OPERATOR(pg_catalog.=) p.source_id
                        AND v.case_key OPERATOR(pg_catalog.=) p.case_key
                      ORDER BY v.reviewed_at DESC, v.id DESC LIMIT 1) d ON true;
COMMENT ON VIEW indicators.case_summary IS
    'Per case of each source, over current affirmed mentions: notes with mentions, the distinct indicators, mentions, first and last seen, runaway episodes and repeated_runaway (three or more), mentions not yet reviewed, the latest case decision, and the whole profile (indicators.profile). Counts of mentions, not findings.';

CREATE VIEW indicators.indicator_trend WITH (security_invoker = true) AS
SELECT pg_catalog.date_trunc('week', COALESCE(m.noted_at, m.flagged_at)) AS week,
       m.indicator,
       pg_catalog.count(*) AS mentions,
       pg_catalog.count(DISTINCT (m.source_id, m.row_key)) AS notes,
       pg_catalog.count(DISTINCT (m.source_id, m.case_key)) FILTER (WHERE m.case_key IS NOT NULL) AS cases
  FROM indicators.mention m
 WHERE m.retired_run IS NULL AND m.affirmed
 GROUP BY 1, 2;
COMMENT ON VIEW indicators.indicator_trend IS
    'Per week (of the source''s changed-at column, else of flagging) and indicator: current affirmed mentions, notes and cases.';

CREATE VIEW indicators.audit_runs WITH (security_invoker = true) AS
SELECT r.id AS run, s.relation AS source, r.started_by, r.started_at, r.finished_at,
       r.finished_at OPERATOR(pg_catalog.-) r.started_at AS took, r.status,
       r.reflag, r.lexicon_version, r.rows_scanned, r.rows_flagged, r.rows_deleted,
       r.mentions_added, r.mentions_retired,
       pg_catalog.round(r.rows_scanned OPERATOR(pg_catalog./) GREATEST(0.001,
           extract(epoch FROM COALESCE(r.finished_at, pg_catalog.now()) OPERATOR(pg_catalog.-) r.started_at))) AS rows_per_second,
       r.error
  FROM indicators.run r
  JOIN indicators.note_source s ON s.id OPERATOR(pg_catalog.=) r.source_id;
COMMENT ON VIEW indicators.audit_runs IS
    'Every run of indicators.run(): source, who, when, how long, status, lexicon version, rows and mentions, rate, error.';

CREATE VIEW indicators.audit_lexicon_changes WITH (security_invoker = true) AS
SELECT h.id, h.changed_at, h.changed_by, h.relation AS "table", h.operation,
       COALESCE(h.new_row, h.old_row) OPERATOR(pg_catalog.->>)
           CASE h.relation WHEN 'indicators.indicator'::pg_catalog.regclass THEN 'code'
                           WHEN 'indicators.context_rule'::pg_catalog.regclass THEN 'phrase'
                           WHEN 'indicators.word_class'::pg_catalog.regclass THEN 'word'
                           ELSE 'term' END AS what,
       COALESCE(h.new_row, h.old_row) OPERATOR(pg_catalog.->>) 'indicator' AS indicator,
       (SELECT pg_catalog.string_agg(pg_catalog.format('%s: %s -> %s', k,
                   COALESCE(h.old_row OPERATOR(pg_catalog.->>) k, 'NULL'),
                   COALESCE(h.new_row OPERATOR(pg_catalog.->>) k, 'NULL')), ', ' ORDER BY k)
          FROM pg_catalog.jsonb_object_keys(h.new_row) AS k
         WHERE h.operation OPERATOR(pg_catalog.=) 'UPDATE'
           AND k OPERATOR(pg_catalog.<>) ALL (ARRAY['changed_by', 'changed_at'])
           AND (h.old_row OPERATOR(pg_catalog.->) k) IS DISTINCT FROM (h.new_row OPERATOR(pg_catalog.->) k)) AS changes,
       h.old_row, h.new_row
  FROM indicators.lexicon_history h;
COMMENT ON VIEW indicators.audit_lexicon_changes IS
    'Every insert, update and delete in the lexicon and context tables: when, who, which table, which term, rule or indicator, and for an update what changed.';

CREATE VIEW indicators.audit_reviews WITH (security_invoker = true) AS
SELECT v.id AS review, v.reviewed_at, v.reviewed_by, v.decision, v.comment,
       s.relation AS source,
       CASE WHEN v.mention_id IS NULL THEN 'case' ELSE 'mention' END AS about,
       COALESCE(v.case_key, m.case_key) AS case_key,
       m.row_key, v.mention_id, m.indicator, m.term
  FROM indicators.review v
  JOIN indicators.note_source s ON s.id OPERATOR(pg_catalog.=) v.source_id
  LEFT JOIN indicators.mention m ON m.id OPERATOR(pg_catalog.=) v.mention_id;
COMMENT ON VIEW indicators.audit_reviews IS
    'Every review decision: when, who, what (a mention, with its indicator and term, or a case), the decision and comment.';

--------------------------------------------------------------------------
-- Privileges
--------------------------------------------------------------------------

-- Which tables are sources holds no case text; the rest is granted by the
-- DBA per role (the README's recipes).
GRANT SELECT ON indicators.note_source TO PUBLIC;
GRANT SELECT ON indicators.audit_lexicon_changes TO PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('indicators.review_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('indicators.review', '');
