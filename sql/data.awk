# data.awk: turns the shipped TSV files into the INSERTs of the install script.
#
#   LC_ALL=C awk -f sql/data.awk sql/indicators.tsv sql/sources.tsv sql/classes.tsv sql/lexicon.tsv sql/context.tsv
#
# Each file has a header line; columns are tab-separated; the file name
# says which table its rows go to.  Single quotes are doubled.
#
# The install script stays ASCII, so that it reads the same in every
# database encoding.  Terms with other characters (the emoji) are written
# as hex UTF-8 and installed only where the database can store them (UTF8,
# SQL_ASCII): a LATIN1 database cannot hold an emoji in its notes either.
BEGIN {
    FS = "\t"
    for (i = 1; i < 256; i++)
        ord[sprintf("%c", i)] = i
}

function q(s) { gsub(/'/, "''", s); return "'" s "'" }

function nullable(s) { return s == "" ? "NULL" : q(s) }

function hex(s,    i, h) {
    h = ""
    for (i = 1; i <= length(s); i++)
        h = h sprintf("%02x", ord[substr(s, i, 1)])
    return h
}

function ascii(s) { return s !~ /[\200-\377]/ }

function flush() {
    if (rows > 0)
        print ";\n"
    rows = 0
}

FNR == 1 {
    flush()
    if (FILENAME ~ /indicators\.tsv$/)
        print "INSERT INTO indicators.indicator (code, category, description) VALUES"
    else if (FILENAME ~ /sources\.tsv$/)
        print "INSERT INTO indicators.source (key, citation, url) VALUES"
    else if (FILENAME ~ /lexicon\.tsv$/)
        print "INSERT INTO indicators.term (id, indicator, term, ambiguous, origin, source) VALUES"
    else if (FILENAME ~ /context\.tsv$/)
        print "INSERT INTO indicators.context_rule (id, category, phrase, direction, max_scope, ends, indicator, origin, source) VALUES"
    else if (FILENAME ~ /classes\.tsv$/)
        print "INSERT INTO indicators.word_class (id, class, word, origin, source) VALUES"
    else {
        print "data.awk: unknown file " FILENAME > "/dev/stderr"
        exit 1
    }
    next
}

/^$/ { next }

FILENAME ~ /lexicon\.tsv$/ && !ascii($3) {
    if ($4 != "t" && $4 != "f") {
        print "data.awk: " FILENAME ":" FNR ": ambiguous must be t or f" > "/dev/stderr"
        exit 1
    }
    utf8[++nutf8] = sprintf("(%d, %s, %s, %s, %s)", $1, q($2), q(hex($3)),
        ($4 == "t" ? "true" : "false"), q($5))
    next
}

{
    if (!ascii($0)) {
        print "data.awk: " FILENAME ":" FNR ": only lexicon terms may be non-ASCII" > "/dev/stderr"
        exit 1
    }
    sep = rows++ ? "," : " "
    if (FILENAME ~ /indicators\.tsv$/) {
        # the TSV's "group" column: circumstance or behavior
        printf "%s(%s, %s, %s)\n", sep, q($1), q($2), q($3)
    } else if (FILENAME ~ /classes\.tsv$/) {
        printf "%s(%d, %s, %s, 'default', %s)\n", sep, $1, q($2), q($3), q($4)
    } else if (FILENAME ~ /sources\.tsv$/) {
        printf "%s(%s, %s, %s)\n", sep, q($1), q($2), ($3 == "" ? "NULL" : q($3))
    } else if (FILENAME ~ /context\.tsv$/) {
        # applies_to: the category a terminator ends, or the indicator of an
        # anchor or blocker
        printf "%s(%d, %s, %s, %s, %s, %s, %s, 'default', %s)\n", sep, $1, q($2), q($3),
            nullable($4), ($5 == "" ? "NULL" : $5 + 0),
            ($2 == "terminator" ? nullable($6) : "NULL"),
            ($2 == "anchor" || $2 == "blocker" ? nullable($6) : "NULL"), q($7)
    } else {
        if ($4 != "t" && $4 != "f") {
            print "data.awk: " FILENAME ":" FNR ": ambiguous must be t or f" > "/dev/stderr"
            exit 1
        }
        printf "%s(%d, %s, %s, %s, 'default', %s)\n", sep, $1, q($2), q($3),
            ($4 == "t" ? "true" : "false"), q($5)
    }
}

END {
    flush()
    if (nutf8 == 0)
        exit 0
    print "INSERT INTO indicators.term (id, indicator, term, ambiguous, origin, source)"
    print "SELECT v.id, v.indicator, pg_catalog.convert_from(pg_catalog.decode(v.utf8, 'hex'), 'UTF8'),"
    print "       v.ambiguous, 'default', v.source"
    print "  FROM (VALUES"
    for (i = 1; i <= nutf8; i++)
        printf "    %s%s\n", utf8[i], (i < nutf8 ? "," : "")
    print "  ) AS v(id, indicator, utf8, ambiguous, source)"
    print " WHERE pg_catalog.getdatabaseencoding() OPERATOR(pg_catalog.=) ANY (ARRAY['UTF8', 'SQL_ASCII']);"
    print ""
    print "DO $$"
    print "BEGIN"
    print "    IF pg_catalog.getdatabaseencoding() OPERATOR(pg_catalog.<>) ALL (ARRAY['UTF8', 'SQL_ASCII']) THEN"
    printf "        RAISE NOTICE '%d emoji terms were not installed: database encoding %% cannot store emoji',\n", nutf8
    print "                     pg_catalog.getdatabaseencoding();"
    print "    END IF;"
    print "END"
    print "$$;"
}
