-- normalize: every normalization rule, seen through indicators.normalize()
-- (the keys the matcher compares) and indicators.tokens().

-- case, width, ligatures, full case folding
SELECT indicators.normalize('The LIFE') AS plain,
       indicators.normalize('ｔｈｅ ｌｉｆｅ') AS fullwidth,
       indicators.normalize('ﬁve STRAßE') AS ligature_and_sharp_s;
-- styled letters: mathematical bold and script, small capitals, circled
SELECT indicators.normalize('𝐭𝐫𝐢𝐜𝐤') AS math_bold,
       indicators.normalize('𝓽𝓱𝓮 𝓰𝓪𝓶𝓮') AS math_script,
       indicators.normalize('ɢᴀᴍᴇ') AS small_capitals,
       indicators.normalize('ⓣⓡⓘⓒⓚ') AS circled;
-- diacritics, precomposed or combining; strike-through marks
SELECT indicators.normalize('café') AS precomposed,
       indicators.normalize(E'cafe\u0301') AS combining,
       indicators.normalize('t̶r̶i̶c̶k̶') AS struck_through;
-- look-alike letters from other scripts (Cyrillic о е, Greek ο, Cyrillic capitals)
SELECT indicators.normalize(E'h\u043et\u0435l') AS cyrillic,
       indicators.normalize(E'm\u03bftel') AS greek,
       indicators.normalize(E'\u0410\u0422M') AS cyrillic_capitals;
-- invisible characters inside words
SELECT indicators.normalize(E'tr\u200Bick') AS zero_width_space,
       indicators.normalize(E'tr\u00ADick') AS soft_hyphen,
       indicators.normalize(E'\uFEFFtrick') AS byte_order_mark;
-- letters spaced or dotted apart (three or more, same separator)
SELECT indicators.normalize('t r i c k') AS spaced,
       indicators.normalize('T.R.I.C.K.S') AS dotted,
       indicators.normalize('t-r-i-c-k') AS hyphenated,
       indicators.normalize('a b cab') AS two_are_not_enough;
-- apostrophes: dropped, and a final 's with them
SELECT indicators.normalize('DADDY''S rules') AS possessive,
       indicators.normalize('won’t talk') AS curly_apostrophe;
-- digits of other scripts; numbers keep . between digits, drop ,
SELECT indicators.normalize('٣ phones, 𝟐nd phone, $1,500.50') AS digits;
-- emoji: one key per sequence, no variation selector, skin tone or joiner
SELECT indicators.normalize('✈️ ✈ 👍🏽 👩‍👧 🇺🇸 #️⃣') AS emoji;

-- tokens(): type, position, original text, key
SELECT * FROM indicators.tokens('Chat: she is "in the l i f e" 🌹🌹 $200. ca$h');
-- leetspeak keeps its digits in the key (the matcher reads them as letters)
SELECT type, token, key FROM indicators.tokens('l1fe tr1ck$ 4th 800');
-- sentences and paragraphs are their own tokens
SELECT type, pos, len FROM indicators.tokens(E'one. two\n\nthree') WHERE type <> 'word';
