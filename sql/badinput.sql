-- badinput: odd and hostile notes.  Never a crash, never a wrong position;
-- long work can be cancelled.

-- empty, white space only
SELECT indicators.flags('') AS empty, indicators.flags(E' \t\r\n\n ') AS blank,
       indicators.normalize('') AS empty_normalized,
       (SELECT count(*) FROM indicators.match('')) AS empty_matches,
       (SELECT count(*) FROM indicators.tokens('')) AS empty_tokens;
-- only emoji, only combining marks, only control characters, only joiners
SELECT * FROM indicators.tokens('🌹🌹👑');
SELECT indicators.flags_all('🌹🌹👑') AS only_emoji, indicators.flags('🌹🌹👑') AS no_anchor;
SELECT type, pos, len FROM indicators.tokens(E'\u0301\u0302\u0303');
SELECT type, pos, len FROM indicators.tokens(E'\x01\x02\x7f\u0085\u200D\uFE0F');
SELECT indicators.flags(E'\u0301\u0302\u0303') AS only_marks,
       indicators.flags(E'\x01\x02\x03\x1b[0m') AS only_controls;
-- a mark or joiner at the start, a skin tone or keycap mark alone
SELECT type, token, key FROM indicators.tokens(E'\u0301pimp \u200Dpimp 🏽 \u20E3');
-- unassigned and private-use code points, noncharacters
SELECT type, pos, len FROM indicators.tokens(E'\U0010FFFF\uE000\uFDD0 pimp');
-- one very long word, then a match (positions stay right after it)
SELECT m.term, m.pos, m.len, m.pos = 100002 AS right_pos
  FROM indicators.match(repeat('x', 100000) || ' pimp') m;
-- a long run of single letters (one spaced-out word) and of emoji modifiers
SELECT type, len FROM indicators.tokens(repeat('a ', 50000));
SELECT count(*), max(len) FROM indicators.tokens('🌹' || repeat(E'\U0001F3FD', 10000));
-- leetspeak that branches at every character is bounded
SELECT indicators.flags(repeat('1', 60) || 'l') AS many_ones;

-- A 100 MB note: found at the start, the middle and the end.
CREATE TEMP TABLE big (t text);
ALTER TABLE big ALTER COLUMN t SET STORAGE EXTERNAL;
INSERT INTO big
SELECT 'pimp ' || repeat('Youth attended school today. ', 1750000) || ' hotel key card '
       || repeat('Worker met the family at home. ', 1750000) || ' ran away';
SELECT pg_column_size(t) > 100000000 AS over_100mb FROM big;
SELECT indicators.flags(t) FROM big;
SELECT indicators.has(t, 'runs_away') FROM big;
SELECT m.indicator, m.term, m.pos, substr(big.t, m.pos, m.len) = m.matched AS same
  FROM big, indicators.match(big.t) m;

-- ... and it can be cancelled: the scan checks for interrupts as it goes.
SET statement_timeout = '10ms';
SELECT indicators.flags(t || t || t) FROM big;
SELECT count(*) FROM big, indicators.tokens(big.t);
RESET statement_timeout;
-- the backend is fine afterwards
SELECT indicators.flags('She ran away.') AS still_works;
DROP TABLE big;
