# 002_dump_restore.pl: pg_dump keeps a database's local terms and its
# changes to shipped terms, and pg_restore (custom format) and psql (plain
# format) bring them back into a new database with the extension; with
# them a local indicator, a dictionary and configuration of the user's that
# name it, and GIN indexes on both configurations.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

$ENV{PGCLIENTENCODING} = 'UTF8';

my $node = PostgreSQL::Test::Cluster->new('dump');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;

$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql(
	'src', q{
CREATE EXTENSION indicators;
INSERT INTO indicators.term (indicator, term, ambiguous, source)
VALUES ('tattoo_branding', 'zyxwv bracelet', false, 'agency training 2026'),
       ('exploitation_slang', '🦩', true, 'agency training 2026');
UPDATE indicators.term SET enabled = false WHERE term = 'burner phone';
UPDATE indicators.term SET ambiguous = true WHERE term = 'pimp';
INSERT INTO indicators.context_rule (category, phrase, direction, source)
VALUES ('negation', 'disavows', 'forward', 'agency training 2026');
UPDATE indicators.context_rule SET max_scope = 2 WHERE phrase = 'denies';
INSERT INTO indicators.word_class (class, word, source) VALUES ('agency_place', 'qvzk lodge', 'agency training 2026');
UPDATE indicators.word_class SET enabled = false WHERE class = 'lodging' AND word = 'inn';
INSERT INTO indicators.term (indicator, term, source)
VALUES ('trafficking_location', 'found at the <agency_place>', 'agency training 2026');
UPDATE indicators.indicator SET context_ignored = '{negation}' WHERE code = 'drug_use';
INSERT INTO indicators.indicator (code, category, description)
VALUES ('local_flag', 'behavior', 'A local indicator of this agency');
INSERT INTO indicators.term (indicator, term, source) VALUES ('local_flag', 'qqvv sign', 'agency training 2026');
CREATE TEXT SEARCH DICTIONARY local_only (TEMPLATE = indicators.terms, Indicators = 'local_flag, escort_ads');
CREATE TEXT SEARCH CONFIGURATION local_cfg (PARSER = indicators.parser);
ALTER TEXT SEARCH CONFIGURATION local_cfg ADD MAPPING FOR asciiword, word, numword WITH local_only;
CREATE TABLE case_note (id int PRIMARY KEY, note text NOT NULL);
INSERT INTO case_note VALUES (1, 'She showed a qqvv sign and a zyxwv bracelet.'),
                             (2, 'An ordinary visit.'), (3, 'Her photos were on backpage.');
CREATE INDEX case_note_tsv ON case_note USING gin (to_tsvector('indicators.english', note));
CREATE INDEX case_note_local ON case_note USING gin (to_tsvector('local_cfg', note));
SELECT indicators.register_source('case_note', 'note', 'id');
});
# flagged by the job, and a mention reviewed
$node->safe_psql('src', 'CALL indicators.run()');
$node->safe_psql('src', q{
INSERT INTO indicators.review (mention_id, decision, comment)
SELECT id, 'confirmed', 'seen in person' FROM indicators.mention WHERE term = 'qqvv sign';
});
my $search = q{
SET enable_seqscan = off;
SELECT string_agg(format('%s:%s', id, indicators.flags(to_tsvector('local_cfg', note))), ' ' ORDER BY id)
  FROM case_note
 WHERE to_tsvector('local_cfg', note) @@ indicators.query('local_flag', 'escort_ads')
    OR to_tsvector('indicators.english', note) @@ 'tattoo_branding'::tsquery;
};
my $indexes = q{SELECT string_agg(index || ' ' || stale, ', ' ORDER BY index::text) FROM indicators.text_search_index};

my $state = q{
SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s', id, indicator, term, key, ambiguous, enabled, origin), E'\n' ORDER BY id)
  FROM indicators.term WHERE origin = 'local' OR changed_at IS NOT NULL
};
my $rules = q{
SELECT string_agg(format('%s|%s|%s|%s|%s', id, category, phrase, max_scope, origin), E'\n' ORDER BY id)
  FROM indicators.context_rule WHERE origin = 'local' OR changed_at IS NOT NULL
};
my $classes = q{
SELECT string_agg(format('%s|%s|%s|%s|%s', id, class, word, enabled, origin), E'\n' ORDER BY id)
  FROM indicators.word_class WHERE origin = 'local' OR changed_at IS NOT NULL
};
my $job = q{
SELECT (SELECT string_agg(format('%s|%s|%s|%s', id, relation, text_column, key_column), ';' ORDER BY id) FROM indicators.note_source)
    || E'\n' || (SELECT string_agg(format('%s|%s|%s|%s|%s|%s', id, status, started_by, started_at, rows_scanned, mentions_added), ';' ORDER BY id) FROM indicators.run)
    || E'\n' || (SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s', id, row_key, indicator, term, pos, len, affirmed, context), ';' ORDER BY id) FROM indicators.mention)
    || E'\n' || (SELECT string_agg(format('%s|%s|%s|%s', row_key, note_hash, lexicon, run_id), ';' ORDER BY row_key) FROM indicators.note_state)
    || E'\n' || (SELECT string_agg(format('%s|%s|%s|%s|%s|%s', id, mention_id, decision, comment, reviewed_by, reviewed_at), ';' ORDER BY id) FROM indicators.review)
};
my $history = q{
SELECT string_agg(format('%s|%s|%s|%s|%s|%s', changed_at, changed_by, relation, operation, old_row, new_row), ';' ORDER BY changed_at, id)
  FROM indicators.lexicon_history WHERE changed_at <= 'LAST_CHANGE'
};
my $flags = q{SELECT indicators.flags_all('zyxwv bracelet, a burner phone, 🦩')};
my $context = q{SELECT indicators.flags('Youth disavows a second phone. She denies that staff found a burner phone. It was her 2nd phone.')};
my $before = $node->safe_psql('src', $state);
my $job_before = $node->safe_psql('src', $job);
my $last_change = $node->safe_psql('src', 'SELECT max(changed_at) FROM indicators.lexicon_history');
$history =~ s/LAST_CHANGE/$last_change/;
my $history_before = $node->safe_psql('src', $history);
like($job_before, qr/qqvv sign.*\n.*confirmed\|seen in person/s, 'source: flagged and reviewed');
like($history_before, qr/INSERT.*zyxwv bracelet.*UPDATE.*burner phone/s, 'source: the lexicon history');
my $rules_before = $node->safe_psql('src', $rules);
my $classes_before = $node->safe_psql('src', $classes);
is($node->safe_psql('src', $context), '{secret_phones}', 'source: local rule used, shipped rule changed');
is($node->safe_psql('src', $flags), '{exploitation_slang,tattoo_branding}', 'source: local terms used, shipped one disabled');
is($node->safe_psql('src', $search), '1:{local_flag} 3:{escort_ads}', 'source: text search with the local indicator');

my $dir = PostgreSQL::Test::Utils::tempdir;
$node->command_ok([ 'pg_dump', '-Fc', '-f', "$dir/src.dump", '-d', 'src' ], 'pg_dump -Fc');
$node->command_ok([ 'pg_dump', '-Fp', '-f', "$dir/src.sql", '-d', 'src' ], 'pg_dump -Fp');

$node->safe_psql('postgres', 'CREATE DATABASE custom');
$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', 'custom', "$dir/src.dump" ], 'pg_restore');
$node->safe_psql('postgres', 'CREATE DATABASE plain');
$node->command_ok([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', 'plain', '-f', "$dir/src.sql" ],
	'psql -f plain dump');
# in parallel: pg_restore -j loads the extension's tables side by side
$node->safe_psql('postgres', 'CREATE DATABASE parallel');
$node->command_ok([ 'pg_restore', '--exit-on-error', '-j', '2', '-d', 'parallel', "$dir/src.dump" ],
	'pg_restore -j 2');
# (in parallel, an index on an indicators configuration can be built before
# the lexicon's rows are back: text_search_index then says it is stale, and
# REINDEX, as the README says, makes it current)
$node->safe_psql('parallel', q{
DO $$
DECLARE i regclass;
BEGIN
    FOR i IN SELECT index FROM indicators.text_search_index WHERE stale LOOP
        EXECUTE format('REINDEX INDEX %s', i);
    END LOOP;
END $$});
# by another superuser than the one who made the extension and the reviews:
# reviewers and times are kept
$node->safe_psql('postgres', 'CREATE ROLE restorer SUPERUSER LOGIN; CREATE DATABASE other OWNER restorer');
$node->command_ok(
	[ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-U', 'restorer', '-d', 'other', '-f', "$dir/src.sql" ],
	'psql -f plain dump, as another superuser');

for my $db (qw(custom plain parallel other))
{
	is($node->safe_psql($db, $indexes), 'case_note_local false, case_note_tsv false',
		"$db: the indexes were built after the lexicon came back: not stale");
	is($node->safe_psql($db, $job), $job_before,
		"$db: sources, runs, mentions, row states and reviews as they were (reviewer and time kept)");
	is($node->safe_psql($db, $history), $history_before,
		"$db: the lexicon history as it was (the restore's own inserts come after)");
	is($node->safe_psql($db, $state), $before, "$db: local and changed terms as they were");
	is($node->safe_psql($db, $rules), $rules_before, "$db: local and changed context rules as they were");
	is($node->safe_psql($db, $classes), $classes_before, "$db: local and changed word class words as they were");
	is($node->safe_psql($db, q{SELECT indicators.flags('Found at the qvzk lodge.')}), '{trafficking_location}',
		"$db: a term with a local word class matches");
	is($node->safe_psql($db, $context), '{secret_phones}', "$db: and used");
	is($node->safe_psql($db, $flags), '{exploitation_slang,tattoo_branding}', "$db: and used");
	is($node->safe_psql($db, "SELECT count(*) FROM indicators.term WHERE origin = 'default'"),
		$node->safe_psql('src', "SELECT count(*) FROM indicators.term WHERE origin = 'default'"),
		"$db: shipped terms once each");
	is($node->safe_psql($db, 'CALL indicators.run(); SELECT id || \' \' || rows_scanned || \' \' || rows_flagged FROM indicators.run ORDER BY id DESC LIMIT 1'),
		"1|0\n" . $node->safe_psql('src', 'SELECT (max(id) + 1) || \' 3 0\' FROM indicators.run'),
		"$db: the next run (one source, none failed) goes on from the restored ones, and has nothing to do (same notes, same lexicon)");
	is( $node->safe_psql(
			$db,
			"INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', 'qwzx powder') RETURNING id > (SELECT max(id) FROM indicators.term WHERE term <> 'qwzx powder')"),
		't', "$db: the id sequence goes on after the restored ids");
	is($node->safe_psql($db, $search), '1:{local_flag} 3:{escort_ads}',
		"$db: the user's dictionary, configuration and indexes work");
	is($node->safe_psql($db, 'CALL indicators.run(); SELECT id || \' \' || rows_flagged FROM indicators.run ORDER BY id DESC LIMIT 1'),
		"1|0\n" . $node->safe_psql('src', 'SELECT (max(id) + 2) || \' 3\' FROM indicators.run'),
		"$db: after a term was added, the next run reads all three notes again");
	is($node->safe_psql($db, $indexes), 'case_note_local true, case_note_tsv true',
		"$db: after a term was added, they are");
}

$node->stop;
done_testing();
