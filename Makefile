# indicators: PGXS build.
#
#   make && make install            the extension (PG_CONFIG=... to pick a server)
#   make unit                       C unit tests of the core (clang, ASan, UBSan)
#   make fuzz FUZZ_SECONDS=60       libFuzzer over the core
#   test/run                        everything, on a throwaway cluster (README)

EXTENSION = indicators
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)
MODULE_big = indicators
PGFILEDESC = "indicators - red flags of child sex trafficking in case notes"

# the pure core (no postgres.h) and the PostgreSQL glue
CORE = src/arena.o src/normalize.o src/tokenize.o src/lexicon.o src/match.o src/context.o \
       src/compound.o src/sort.o src/pattern.o src/stem.o src/map.o
GLUE = src/host.o src/cache.o src/call.o src/functions.o src/explain.o \
       src/tsparser.o src/tsdict.o src/tsphone.o src/versions.o src/job.o src/profile.o \
       src/restricted.o src/source.o
OBJS = $(CORE) $(GLUE)

DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA = $(wildcard sql/$(EXTENSION)--*--*.sql)

REGRESS = install normalize match context lexicon textsearch badinput job cases privileges security
ISOLATION = invalidation job
ISOLATION_OPTS = --inputdir=test/isolation
TAP_TESTS = 1
PROVE_TESTS = test/t/*.pl

PG_CONFIG ?= pg_config
PKG_CONFIG ?= pkg-config
ICU_CFLAGS := $(shell $(PKG_CONFIG) --cflags icu-uc icu-i18n)
ICU_LIBS := $(shell $(PKG_CONFIG) --libs icu-uc icu-i18n)
# server headers as system headers: -Wextra then judges only our code
PG_CPPFLAGS = -isystem $(shell $(PG_CONFIG) --includedir-server) $(ICU_CFLAGS)
PG_CFLAGS = -Wextra
# Snowball's libstemmer, linked in with its symbols kept inside the module:
# PostgreSQL's own dict_snowball.so defines the same names
STEMMER_LIBS = -l:libstemmer.a
SHLIB_LINK = $(ICU_LIBS) $(STEMMER_LIBS) -Wl,--exclude-libs,libstemmer.a
EXTRA_CLEAN = test/unit/unit test/fuzz/fuzz_match test/bench/core_bench output_iso src/categories.h

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

DATA_FILES = sql/indicators.tsv sql/sources.tsv sql/classes.tsv sql/lexicon.tsv sql/context.tsv
# the install script: the catalog and functions, the shipped data in place of
# the @DATA@ line, then nightly flagging, then per-case views and review
SQL_PARTS = sql/$(EXTENSION).sql sql/$(EXTENSION)-job.sql sql/$(EXTENSION)-cases.sql
# the kinds of context rule: @TRIGGERS@ and @KINDS@ become SQL lists of their
# names, @CATEGORY_ROWS@ lines the rows of indicators.context_categories()
categories = LC_ALL=C awk -f sql/categories.awk -v out=$(1) sql/categories.tsv
sql/$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS) sql/data.awk $(DATA_FILES) sql/categories.awk sql/categories.tsv
	LC_ALL=C awk -f sql/data.awk $(DATA_FILES) > $@.data
	$(call categories,rows) > $@.rows
	LC_ALL=C awk -v data=$@.data -v rows=$@.rows -v triggers="$$($(call categories,triggers))" \
		-v kinds="$$($(call categories,kinds))" \
		'/^@DATA@$$/ { while ((getline line < data) > 0) print line; next } \
		 /^@CATEGORY_ROWS@$$/ { while ((getline line < rows) > 0) print line; next } \
		 { gsub(/@TRIGGERS@/, triggers); gsub(/@KINDS@/, kinds); print }' $(SQL_PARTS) > $@.tmp
	rm -f $@.data $@.rows
	@# ASCII only, so that the script reads the same in every database encoding
	@if LC_ALL=C grep -n '[^[:print:][:space:]]' $@.tmp; then echo "$@: non-ASCII characters" >&2; rm -f $@.tmp; exit 1; fi
	mv $@.tmp $@

$(OBJS) $(OBJS:.o=.bc): $(wildcard src/*.h) src/categories.h

src/categories.h: sql/categories.tsv sql/categories.awk
	$(call categories,h) > $@.tmp && mv $@.tmp $@

# unit tests and fuzzing build the core alone, with sanitizers
CORE_SRC = $(CORE:.o=.c)
SAN_CC ?= clang
SAN_FLAGS = -std=gnu11 -g -O1 -Wall -Wextra -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined

test/unit/unit: $(CORE_SRC) $(wildcard src/*.h) src/categories.h $(wildcard test/unit/*.c test/unit/*.h)
	$(SAN_CC) $(SAN_FLAGS) $(ICU_CFLAGS) -o $@ $(CORE_SRC) test/unit/*.c $(ICU_LIBS) $(STEMMER_LIBS)

unit: test/unit/unit
	test/unit/unit

FUZZ_SECONDS ?= 60
test/fuzz/fuzz_match: $(CORE_SRC) $(wildcard src/*.h) src/categories.h test/fuzz/fuzz_match.c
	$(SAN_CC) $(SAN_FLAGS) -fsanitize=fuzzer $(ICU_CFLAGS) -o $@ $(CORE_SRC) test/fuzz/fuzz_match.c $(ICU_LIBS) $(STEMMER_LIBS)

fuzz: test/fuzz/fuzz_match
	rm -rf test/fuzz/corpus-work && mkdir -p test/fuzz/corpus-work
	test/fuzz/fuzz_match -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		-dict=test/fuzz/fuzz.dict test/fuzz/corpus-work test/fuzz/seeds

.PHONY: unit fuzz

# for test/suite: make print-REGRESS
print-%:
	@echo $($*)

# the matcher alone, for profiling (see test/bench/core_bench.c)
test/bench/core_bench: $(CORE_SRC) $(wildcard src/*.h) src/categories.h test/bench/core_bench.c
	$(CC) -std=gnu11 -O2 -g -Wall -Wextra $(ICU_CFLAGS) -o $@ $(CORE_SRC) test/bench/core_bench.c $(ICU_LIBS) $(STEMMER_LIBS)
