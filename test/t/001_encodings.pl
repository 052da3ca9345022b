# 001_encodings.pl: the extension in LATIN1 (converted to UTF-8, positions
# carried over), SQL_ASCII (UTF-8 decoded where valid, positions in bytes,
# as PostgreSQL counts there) and EUC_JP (refused with a clear message).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

# what the client sends and reads is UTF-8; the server converts
$ENV{PGCLIENTENCODING} = 'UTF8';

my $node = PostgreSQL::Test::Cluster->new('encodings');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;

for my $enc (qw(LATIN1 SQL_ASCII EUC_JP))
{
	$node->safe_psql('postgres',
		"CREATE DATABASE \"$enc\" ENCODING '$enc' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
}

# LATIN1: converted, positions unchanged (one character, one code point)
$node->safe_psql('LATIN1', 'CREATE EXTENSION indicators');
is( $node->safe_psql(
		'LATIN1',
		"SELECT pos || ' ' || len || ' ' || matched FROM indicators.match('José and Zoë found a hotel key card')"),
	'22 14 hotel key card',
	'LATIN1: position after accented letters');
is( $node->safe_psql(
		'LATIN1',
		"SELECT indicators.flags('Élève José had a burner phone; Zoë denies a barcode tattoo.')"),
	'{secret_phones}',
	'LATIN1: flags, with context');
is($node->safe_psql('LATIN1', "SELECT indicators.normalize('Crème BRÛLÉE, µg, Æon')"),
	'creme brulee \u03BCg aeon',
	'LATIN1: a key character LATIN1 cannot hold is written \uXXXX');
$node->safe_psql('LATIN1',
	"INSERT INTO indicators.term (indicator, term) VALUES ('unexplained_goods', 'Crème Brûlée Purse')");
is( $node->safe_psql(
		'LATIN1',
		"SELECT key || ' / ' || m.matched || ' / ' || m.pos FROM indicators.term, indicators.match('a crème-brûlée purse') m WHERE origin = 'local'"),
	'creme brulee purse / crème-brûlée purse / 3',
	'LATIN1: a local term with accents, matched with its original spelling');
my ($ret, $out, $err) =
  $node->psql('LATIN1', "INSERT INTO indicators.term (indicator, term) VALUES ('drug_use', '¿¡«»')");
like($err, qr/term "¿¡«»" has no words, numbers or emoji after normalization/,
	'LATIN1: a refused term is quoted correctly in the error');

is($node->safe_psql('LATIN1', "SELECT count(*) FROM indicators.term WHERE origin = 'default' AND term !~ '^[ -~]*\$'"),
	'0', 'LATIN1: the emoji terms are left out (the database cannot store emoji)');

# LATIN1 text search: tokens are slices of the stored text, mentions as flags() has them
is( $node->safe_psql(
		'LATIN1', "SELECT string_agg(token, '|') FROM ts_parse('indicators.parser', 'José, Zoë: café')"),
	'José|, |Zoë|: |café',
	'LATIN1: the parser hands out the stored characters');
is( $node->safe_psql(
		'LATIN1',
		"SELECT indicators.flags(to_tsvector('indicators.english', n)) = indicators.flags(n)
		     AND indicators.flags(n) = '{unexplained_cash}'
		   FROM (VALUES ('José and Zoë found a hotel key card; Élodie denies a burner phone.')) v(n)"),
	't',
	'LATIN1: to_tsvector gives the indicators flags() gives');
is( $node->safe_psql(
		'LATIN1',
		"SELECT ts_headline('indicators.english', 'Zoë found a hotel key card; Élodie denies a burner phone.',
		                    indicators.query('unexplained_cash'))"),
	'Zoë found a <b>hotel key card</b>; Élodie denies a burner phone.',
	'LATIN1: ts_headline marks the mention in the stored text');

# SQL_ASCII: the stored bytes are read as UTF-8; positions count bytes
$node->safe_psql('SQL_ASCII', 'CREATE EXTENSION indicators');
is( $node->safe_psql(
		'SQL_ASCII',
		q{SELECT string_agg(m.term || '@' || m.pos || '+' || m.len || '=' || (substr(n, m.pos, m.len) = m.matched), ' ')
		    FROM (VALUES (E'José 🌹 ran away, \xff pimp')) v(n), indicators.match(n) m}),
	'🌹@7+4=true ran away@12+8=true pimp@24+4=true',
	'SQL_ASCII: byte positions, emoji found, invalid bytes skipped');

is( $node->safe_psql(
		'SQL_ASCII',
		q{SELECT to_tsvector('indicators.codes', E'José 🌹 ran away, \xff pimp for $200')}),
	q{'controlling_adult':3 'exploitation_slang':1 'runs_away':2},
	'SQL_ASCII: to_tsvector with emoji and an invalid byte (indicators.codes counts only tokens with a code)');

# a term with bytes that are not UTF-8 could never match: refused, not
# silently cut down to its other bytes
($ret, $out, $err) = $node->psql('SQL_ASCII',
	q{INSERT INTO indicators.term (indicator, term, source) VALUES ('escort_ads', E'ad\xff site', 'regress')});
isnt($ret, 0, 'SQL_ASCII: a term with a byte that is not UTF-8 is refused');
like($err, qr/has bytes that are not UTF-8/, 'SQL_ASCII: the message says why');

# EUC_JP: refused
($ret, $out, $err) = $node->psql('EUC_JP', 'CREATE EXTENSION indicators');
isnt($ret, 0, 'EUC_JP: CREATE EXTENSION fails');
like($err, qr/indicators does not support database encoding "EUC_JP"/, 'EUC_JP: the message says why');
like($err, qr/HINT:  Create the database with ENCODING 'UTF8'/, 'EUC_JP: and what to do');
is($node->safe_psql('EUC_JP', "SELECT count(*) FROM pg_namespace WHERE nspname = 'indicators'"),
	'0', 'EUC_JP: nothing half-installed');

$node->stop;
done_testing();
