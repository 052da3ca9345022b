# 003_memory.pl: nothing grows per row.  Each function scans the same
# 20,000 synthetic notes once and three times over (a cross join: the same
# pages, three times the rows), in a fresh backend each time; the backend's
# peak memory (VmHWM) must come out the same, within a small margin.  A
# leak of even a few hundred bytes per call shows as megabytes here.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('memory');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->append_conf('postgresql.conf', "max_parallel_workers_per_gather = 0\njit = off\n");
$node->start;

$node->safe_psql('postgres', 'CREATE EXTENSION indicators');
$node->command_ok(
	[ 'psql', '-X', '-q', '-v', 'notes=20000', '-d', 'postgres', '-f', 'test/bench/corpus.sql' ],
	'corpus of 20000 notes');

sub peak_kb
{
	my ($sql) = @_;
	my $out = $node->safe_psql('postgres',
		"$sql;\nSELECT substring(pg_read_file('/proc/self/status') from 'VmHWM:\\s*(\\d+)')");
	my @lines = split /\n/, $out;
	return $lines[-1];
}

my %calls = (
	'flags()'          => 'cardinality(indicators.flags(note))',
	'has()'            => "indicators.has(note, 'runs_away')::int",
	'match()'          => '(SELECT count(*) FROM indicators.match(note))',
	'tokens()'         => '(SELECT count(*) FROM indicators.tokens(note))',
	'normalize()'      => 'length(indicators.normalize(note))',
	'term_key()'       => "length(indicators.term_key('hotel key ' || id))",
	'to_tsvector()'    => "length(to_tsvector('indicators.english', note))",
	'ts_headline()'    => "length(ts_headline('indicators.english', note, 'exploitation_slang'::tsquery))",
	'ts_lexize()'      => "cardinality(ts_lexize('indicators.terms_english', 'hotel key card ' || id))");

for my $name (sort keys %calls)
{
	my $expr = $calls{$name};
	my $once = peak_kb("SELECT sum($expr) FROM bench_note");
	my $thrice = peak_kb("SELECT sum($expr) FROM bench_note, generate_series(1, 3)");
	cmp_ok($thrice - $once, '<', 2048,
		"$name: peak memory $once kB for 20000 rows, $thrice kB for 60000");
}

# match() beside the notes (a lateral join) too
my $once = peak_kb('SELECT count(*) FROM bench_note, indicators.match(note)');
my $thrice = peak_kb('SELECT count(*) FROM bench_note, generate_series(1, 3), indicators.match(note)');
cmp_ok($thrice - $once, '<', 2048, "match() lateral: $once kB, then $thrice kB");

$node->stop;
done_testing();
