-- thesaurus.sql: the shipped lexicon as a thesaurus dictionary file, the
-- way one would index it without the extension (test/bench/run installs
-- it as tsearch_data/indicators_bench.ths).
--
--   psql -At -f test/bench/thesaurus.sql > indicators_bench.ths
--
-- One line per term made of plain words: its words (each stop word of the
-- English stemmer as "?", as the thesaurus requires), then the code.
-- Terms with emoji, digits or prefixes are left out: the default parser
-- cannot give them to a dictionary whole.
SELECT string_agg(CASE WHEN ts_lexize('english_stem', w) = '{}' THEN '?' ELSE w END,
                  ' ' ORDER BY n) || ' : *' || t.indicator
  FROM indicators.term t,
       regexp_split_to_table(t.key, ' ') WITH ORDINALITY AS x(w, n)
 WHERE t.enabled AND t.key ~ '^[a-z]+( [a-z]+)*$'
 GROUP BY t.id, t.indicator
HAVING bool_or(ts_lexize('english_stem', w) <> '{}')
 ORDER BY t.id;
