# 003_memory.pl: nothing grows per row, and a huge note costs at most about
# 10 times its size (at the end).  Each function scans the same
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

# A huge note costs at most about 10 times its size, whatever function
# reads it: two notes of 100 MB, one of sentences dense with mentions, one
# with no sentence end at all (a trigger and a mention every 18 bytes), read
# from a table in a fresh backend each time.  The rise in the backend's
# peak memory counts the note itself (read from the table) too.
$node->safe_psql('postgres', q{
CREATE TABLE huge (kind text PRIMARY KEY, t text);
ALTER TABLE huge ALTER COLUMN t SET STORAGE EXTERNAL;
INSERT INTO huge VALUES
  ('sentences', repeat('She had a hotel key card. No trick for $200 today. ', 2000000)),
  ('one sentence', repeat('no hotel key card ', 5600000));
});

sub rise_kb
{
	my ($sql) = @_;
	my $out = $node->safe_psql('postgres',
		"SELECT substring(pg_read_file('/proc/self/status') from 'VmHWM:\\s*(\\d+)');\n"
		  . "$sql;\n"
		  . "SELECT substring(pg_read_file('/proc/self/status') from 'VmHWM:\\s*(\\d+)')");
	my @lines = split /\n/, $out;
	return $lines[-1] - $lines[0];
}

my %huge = (
	'flags()'     => 'SELECT indicators.flags(t) FROM huge WHERE kind = $1',
	'flags_all()' => 'SELECT indicators.flags_all(t) FROM huge WHERE kind = $1',
	'has()'       => "SELECT indicators.has(t, 'runs_away') FROM huge WHERE kind = \$1",
	'match()'     => 'SELECT count(*) FROM huge, indicators.match(t) WHERE kind = $1',
	'explain()'   => 'SELECT count(*) FROM huge, indicators.explain(t) WHERE kind = $1',
	'tokens()'    => 'SELECT count(*) FROM huge, indicators.tokens(t) WHERE kind = $1',
	'normalize()' => 'SELECT length(indicators.normalize(t)) FROM huge WHERE kind = $1');

for my $kind ('sentences', 'one sentence')
{
	my $size_kb = $node->safe_psql('postgres',
		"SELECT octet_length(t) / 1024 FROM huge WHERE kind = '$kind'");
	for my $name (sort keys %huge)
	{
		(my $sql = $huge{$name}) =~ s/\$1/'$kind'/;
		my $rise = rise_kb($sql);
		cmp_ok($rise, '<=', 10 * $size_kb,
			sprintf("%s of a %d MB note (%s): peak memory rises %.0f MB, %.1f times the note",
				$name, $size_kb / 1024, $kind, $rise / 1024, $rise / $size_kb));
	}

	# to_tsvector() keeps every word of the note, whatever the parser
	# (PostgreSQL's own work): the extension's parser adds nothing to it
	my $ours = rise_kb("SELECT length(to_tsvector('indicators.english', t)) FROM huge WHERE kind = '$kind'");
	my $theirs = rise_kb("SELECT length(to_tsvector('english', t)) FROM huge WHERE kind = '$kind'");
	cmp_ok($ours, '<=', 1.1 * $theirs,
		sprintf("to_tsvector() of the %s note: %.0f MB with indicators.english, %.0f MB with english",
			$kind, $ours / 1024, $theirs / 1024));
}

$node->stop;
done_testing();
