# 005_cron.pl: the nightly run scheduled with pg_cron, with the line the
# README gives, then moved to every minute so that the test sees it run:
# pg_cron's own record says it succeeded, and indicators.run has the run.
# The extension itself does not need pg_cron (every other test runs
# without it).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

# test/run installs pg_cron (postgresql-15-cron); `make installcheck` on a
# server without it has nothing to schedule with
my $sharedir = `pg_config --sharedir`;
chomp $sharedir;
plan skip_all => 'pg_cron is not installed' unless -e "$sharedir/extension/pg_cron.control";

my $node = PostgreSQL::Test::Cluster->new('cron');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
# pg_cron's jobs connect like any client: through this node's socket
$node->append_conf('postgresql.conf', "shared_preload_libraries = 'pg_cron'\n"
	  . "cron.database_name = 'postgres'\n"
	  . "cron.host = '" . $node->host . "'\n");
$node->start;

$node->safe_psql(
	'postgres', q{
CREATE EXTENSION indicators;
CREATE EXTENSION pg_cron;
CREATE TABLE case_note (id integer PRIMARY KEY, case_id integer, note text);
INSERT INTO case_note VALUES (1, 7, 'Found a hotel key card in her bag.'),
                             (2, 7, 'She has a burner phone.');
SELECT indicators.register_source('case_note', 'note', 'id', 'case_id');
});

# the README's line: every night at 02:30
my $job = $node->safe_psql('postgres',
	q{SELECT cron.schedule('indicators-nightly', '30 2 * * *', 'CALL indicators.run()')});
like($job, qr/^\d+$/, "scheduled as pg_cron job $job");
is($node->safe_psql('postgres', "SELECT schedule || ' ' || command FROM cron.job WHERE jobid = $job"),
	'30 2 * * * CALL indicators.run()', 'the job as pg_cron keeps it');

# every minute, to see it run here
$node->safe_psql('postgres', "SELECT cron.alter_job($job, schedule => '* * * * *')");
ok( $node->poll_query_until('postgres',
		"SELECT EXISTS (SELECT FROM cron.job_run_details WHERE jobid = $job AND status IN ('succeeded', 'failed'))"),
	'pg_cron ran the job');
is($node->safe_psql('postgres',
		"SELECT status || ' ' || COALESCE(return_message, '') FROM cron.job_run_details WHERE jobid = $job ORDER BY runid LIMIT 1"),
	'succeeded 1 row', 'pg_cron says it succeeded (the one row: sources run and failed)');
is($node->safe_psql('postgres',
		"SELECT status || ' ' || rows_scanned || ' ' || mentions_added FROM indicators.run ORDER BY id LIMIT 1"),
	'done 2 2', 'the run it made flagged both notes');
$node->safe_psql('postgres', "SELECT cron.unschedule($job)");

$node->stop;
done_testing();
