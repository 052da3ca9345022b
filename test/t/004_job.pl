# 004_job.pl: a run of indicators.run() killed in the middle, twice (its
# backend terminated with pg_terminate_backend, then killed with SIGKILL,
# which restarts the server), and the next run finishing the work: the
# mentions are then exactly those of one uninterrupted run over the same
# notes, none twice, none missing.
#
# The source is a view over 20,000 synthetic notes whose row N waits for an
# advisory lock this test holds (N from a table), so each run is stopped at
# a known row.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('job');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->append_conf('postgresql.conf', 'restart_after_crash = on');
$node->start;

$node->safe_psql('postgres', 'CREATE EXTENSION indicators');
$node->command_ok(
	[ 'psql', '-X', '-q', '-v', 'notes=20000', '-d', 'postgres', '-f', 'test/bench/corpus.sql' ],
	'corpus of 20000 notes');
$node->safe_psql(
	'postgres', q{
CREATE TABLE gate (at integer);
-- (a batch also reads the row after its last, so that a key repeated across
-- two batches shows: the gate is one row further on)
INSERT INTO gate VALUES (10002);
CREATE FUNCTION gated(id integer, note text) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF id = (SELECT at FROM public.gate) THEN
        PERFORM pg_advisory_lock_shared(77);
        PERFORM pg_advisory_unlock_shared(77);
    END IF;
    RETURN note;
END $$;
CREATE VIEW gated_note AS SELECT id, case_id, gated(id, note) AS note FROM bench_note;
CREATE TABLE reference_note AS SELECT * FROM bench_note;
ALTER TABLE reference_note ADD PRIMARY KEY (id);
SELECT indicators.register_source('gated_note', 'note', 'id', 'case_id');
SELECT indicators.register_source('reference_note', 'note', 'id', 'case_id');
});

# the reference: one run, uninterrupted
$node->safe_psql('postgres', "CALL indicators.run('reference_note', batch_size => 500)");

# the gate is closed while this session holds the lock
my $gate = $node->background_psql('postgres');
$gate->query_safe('SELECT pg_advisory_lock(77)');

# Starts a run of the gated view in the background and waits until it
# waits at the gate; returns its backend's pid.
sub start_run
{
	my ($name) = @_;
	my $bg = $node->background_psql('postgres', on_error_stop => 0);
	$bg->query_until(qr/started/,
		"\\echo started\nCALL indicators.run('gated_note', batch_size => 500);\n");
	$node->poll_query_until('postgres', q{
		SELECT EXISTS (SELECT FROM pg_stat_activity a JOIN indicators.run r ON r.pid = a.pid
		                WHERE r.status = 'running' AND a.wait_event_type = 'Lock'
		                  AND a.wait_event = 'advisory')})
	  or die "$name: the run never reached the gate";
	my $pid = $node->safe_psql('postgres',
		"SELECT pid FROM indicators.run WHERE status = 'running'");
	return ($bg, $pid);
}

# The psql whose backend was killed may have exited already: writing it
# its \q then fails (a broken pipe), which is no error here.
sub forget
{
	my ($bg) = @_;
	local $SIG{PIPE} = 'IGNORE';
	eval { $bg->quit; };
	return;
}

sub progress
{
	return $node->safe_psql('postgres',
		"SELECT rows_scanned || ' rows, last key ' || last_key FROM indicators.run WHERE status = 'running'");
}

# 1: terminated at row 10,002 (after 20 committed batches)
my ($bg1, $pid1) = start_run('first');
is(progress(), '10000 rows, last key 10000', 'first run: 20 batches committed before the gate');
$node->safe_psql('postgres', "SELECT pg_terminate_backend($pid1)");
forget($bg1);

# 2: the gate moves on; the next run skips what is done and is stopped at
# row 15,002 by SIGKILL, which makes the server restart
$node->safe_psql('postgres', 'UPDATE gate SET at = 15002');
my ($bg2, $pid2) = start_run('second');
is(progress(), '15000 rows, last key 15000', 'second run: reached row 15000');
kill 'KILL', $pid2;
forget($bg2);
$gate->quit;
$node->poll_query_until('postgres', 'SELECT true') or die 'server did not come back';

# 3: the gate opens; the third run finishes
$node->safe_psql('postgres', 'UPDATE gate SET at = 0');
$node->safe_psql('postgres', "CALL indicators.run('gated_note', batch_size => 500)");

my $gated = "(SELECT id FROM indicators.note_source WHERE relation = 'gated_note'::regclass)";
is( $node->safe_psql('postgres', qq{
	SELECT string_agg(status || ' ' || rows_scanned || ' ' || rows_flagged, ', ' ORDER BY id)
	  FROM indicators.run WHERE source_id = $gated}),
	'interrupted 10000 10000, interrupted 15000 5000, done 20000 5000',
	'runs: two interrupted (the first flagged 10,000 rows, the second 5,000), the third did the last 5,000');
is( $node->safe_psql('postgres', qq{
	SELECT count(*) FROM (
	  (SELECT row_key, case_key, indicator, term_id, pos, len, affirmed, context
	     FROM indicators.mention WHERE source_id = $gated AND retired_run IS NULL
	   EXCEPT ALL
	   SELECT row_key, case_key, indicator, term_id, pos, len, affirmed, context
	     FROM indicators.mention WHERE source_id <> $gated AND retired_run IS NULL)
	  UNION ALL
	  (SELECT row_key, case_key, indicator, term_id, pos, len, affirmed, context
	     FROM indicators.mention WHERE source_id <> $gated AND retired_run IS NULL
	   EXCEPT ALL
	   SELECT row_key, case_key, indicator, term_id, pos, len, affirmed, context
	     FROM indicators.mention WHERE source_id = $gated AND retired_run IS NULL)) d}),
	'0', 'the same mentions as one uninterrupted run: none twice, none missing');
my $mentions = $node->safe_psql('postgres',
	"SELECT count(*) FROM indicators.mention WHERE source_id = $gated AND retired_run IS NULL");
cmp_ok($mentions, '>', 500, "$mentions mentions");
is($node->safe_psql('postgres', "SELECT count(*) FROM indicators.note_state WHERE source_id = $gated"),
	'20000', 'every row has its state, once');

$node->stop;
done_testing();
