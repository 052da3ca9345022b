# categories.awk: the kinds of context rule, from sql/categories.tsv (the one
# list of them), as the C header src/categories.h or as SQL.
#
#   LC_ALL=C awk -f sql/categories.awk -v out=h sql/categories.tsv > src/categories.h
#   LC_ALL=C awk -f sql/categories.awk -v out=triggers sql/categories.tsv
#   LC_ALL=C awk -f sql/categories.awk -v out=kinds sql/categories.tsv
#   LC_ALL=C awk -f sql/categories.awk -v out=rows sql/categories.tsv
#
# Columns: category (its name in SQL), kind (trigger: a context category
# that applies to mentions, with its own columns in match() and the
# mentions; rule: the other kinds), counts (trigger: whether a mention it
# applies to still counts), flag (trigger: match()'s boolean column), shown
# (trigger: how explain() says what set it), description.  Triggers come
# first; the order is the order of the categories' bits.
#
# "triggers" and "kinds" print an SQL list of the names ('negation', ...);
# "rows" prints the VALUES rows of indicators.context_categories().
BEGIN { FS = "\t"; n = 0 }

function q(s) { gsub(/'/, "''", s); return "'" s "'" }
function cstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }

NR == 1 {
    if ($0 != "category\tkind\tcounts\tflag\tshown\tdescription") {
        print "categories.tsv: unexpected header" > "/dev/stderr"; exit 1
    }
    next
}
$0 == "" { next }
{
    if ($2 != "trigger" && $2 != "rule") {
        print "categories.tsv: line " NR ": kind is trigger or rule" > "/dev/stderr"; exit 1
    }
    if ($2 == "trigger" && seen_rule) {
        print "categories.tsv: line " NR ": triggers come first" > "/dev/stderr"; exit 1
    }
    if ($2 == "rule") seen_rule = 1
    name[n] = $1; kind[n] = $2; counts[n] = $3; flag[n] = $4; shown[n] = $5; desc[n] = $6
    n++
}

END {
    if (out == "h") {
        print "/* src/categories.h: made by sql/categories.awk from sql/categories.tsv; do not edit */"
        print "#ifndef INDICATORS_CATEGORIES_H"
        print "#define INDICATORS_CATEGORIES_H"
        print ""
        print "/*"
        print " * The context categories (trigger kinds), in bit order:"
        print " * X(enum name, SQL name, a mention it applies to still counts,"
        print " *   match()'s column, how explain() says what set it)"
        print " */"
        print "#define IND_CATEGORY_LIST(X) \\"
        for (i = 0; i < n; i++)
            if (kind[i] == "trigger")
                printf "\tX(IND_%s, %s, %s, %s, %s) \\\n", toupper(name[i]), cstr(name[i]),
                    counts[i] == "yes" ? "true" : "false", cstr(flag[i]), cstr(shown[i])
        print ""
        print "/* The other kinds of context rule: X(enum name, SQL name) */"
        print "#define IND_RULE_KIND_LIST(X) \\"
        for (i = 0; i < n; i++)
            if (kind[i] == "rule")
                printf "\tX(IND_%s, %s) \\\n", toupper(name[i]), cstr(name[i])
        print ""
        print "#endif"
    } else if (out == "triggers" || out == "kinds") {
        s = ""
        for (i = 0; i < n; i++)
            if (out == "kinds" || kind[i] == "trigger")
                s = s (s == "" ? "" : ", ") q(name[i])
        print s
    } else if (out == "rows") {
        for (i = 0; i < n; i++)
            printf "%s(%s, %s, %s, %s, %s, %s)\n", i ? "," : "", q(name[i]), q(kind[i]),
                counts[i] == "" ? "NULL" : (counts[i] == "yes" ? "true" : "false"),
                flag[i] == "" ? "NULL" : q(flag[i]), shown[i] == "" ? "NULL" : q(shown[i]), q(desc[i])
    } else {
        print "categories.awk: out is h, triggers, kinds or rows" > "/dev/stderr"; exit 1
    }
}
