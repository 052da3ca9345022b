-- corpus.sql: a deterministic synthetic case-note corpus for the benchmark.
--
--   psql -v notes=200000 [-v dense=1] -f test/bench/corpus.sql
--
-- Makes table bench_note(id, case_id, note): notes of about 600 characters
-- built from ordinary case-note sentences; about 4% carry one sentence with
-- an indicator phrase, and about 5% a quoted message with non-ASCII text
-- (accented names, emoji).  With dense=1, the corpus of a caseload of
-- at-risk youth: 10% with an indicator sentence, 10% with an ambiguous word
-- in innocent use (a name that is a slang word, "track practice", "daddy"
-- for a father), 10% with non-ASCII text.  The choice of sentences is
-- arithmetic on the note id, so every run makes the same table.  All text
-- is synthetic.

\set ON_ERROR_STOP on
SET client_min_messages = warning;
\if :{?notes}
\else
\set notes 200000
\endif
\if :{?dense}
\else
\set dense 0
\endif

DROP TABLE IF EXISTS bench_note;
CREATE TABLE bench_note (id int PRIMARY KEY, case_id int NOT NULL, note text NOT NULL);

CREATE TEMP TABLE plain_sentence (n int, s text);
INSERT INTO plain_sentence
SELECT row_number() OVER () - 1, s FROM unnest(ARRAY[
 'Worker met with the youth and the foster parent at the placement home.',
 'Youth reports that school is going well and that she enjoys art class.',
 'Discussed the upcoming court hearing and the visitation schedule with the family.',
 'Foster parent states that the youth has been following house rules this week.',
 'Youth attended her scheduled therapy appointment on Tuesday afternoon.',
 'Worker reviewed the case plan goals with the youth and her guardian ad litem.',
 'The youth was observed to be calm, engaged and appropriately dressed for the weather.',
 'Grandmother called to ask about transportation for the weekend visit.',
 'Youth and worker talked about her plans for the summer and a possible part-time job.',
 'Medication log reviewed with the foster parent; doses given as prescribed.',
 'Worker contacted the school counselor, who reports steady progress in math.',
 'Youth asked about contact with her younger brother; a sibling visit will be arranged.',
 'Placement home was clean and safe; the youth has her own bedroom.',
 'Youth expressed interest in joining the library reading group.',
 'Worker provided bus passes for the next two weeks of appointments.',
 'Team meeting held to review services; all parties agreed to continue the current plan.',
 'Youth completed her homework during the visit and showed the worker her science project.',
 'Foster parent requested respite care for two days later this month.',
 'Worker explained the independent living program and gave the youth a brochure.',
 'The youth said she feels supported at home and at school.',
 'Birth mother attended the supervised visit and brought lunch for the family.',
 'Youth has a dental cleaning scheduled for next month.',
 'Worker and youth completed the budgeting worksheet from her independent living class.',
 'Caseworker updated the contact information for the youth''s aunt.',
 'Youth reported no concerns at this time and was in good spirits.',
 'The court report is due on Friday; the worker is gathering school records.',
 'Youth practiced cooking a simple meal with the foster parent this weekend.',
 'Worker observed a positive interaction between the youth and her foster siblings.',
 'Youth will start a summer tutoring program at the community center.',
 'Follow-up home visit scheduled in two weeks.',
 'Youth was polite and talkative during the visit and answered all questions.',
 'Worker discussed healthy relationships and online safety as part of routine education.'
]) AS s;

CREATE TEMP TABLE flag_sentence (n int, s text);
INSERT INTO flag_sentence
SELECT row_number() OVER () - 1, s FROM unnest(ARRAY[
 'During the search staff found a hotel key card and two prepaid Visa cards in her backpack.',
 'Youth was recovered at a motel near the interstate after three days missing.',
 'Foster parent found a second phone hidden under the mattress.',
 'Youth has a new barcode tattoo on her neck and would not explain the tattoo.',
 'This is her 4th runaway episode since January; she left placement without permission.',
 'Messages on the tablet mention a choosing fee and a daily quota.',
 'An older boyfriend picked her up from school and holds her ID.',
 'Youth had a box of condoms and lube in her purse.',
 'School reports 15 unexcused absences this term and that she sleeps in class.',
 'Detective located posted ads on MegaPersonals with her photo.',
 'She was taken out of state while missing and doesn''t know what city she stayed in.',
 'Youth gave a false name to officers and claimed to be 19.'
]) AS s;

CREATE TEMP TABLE ambiguous_sentence (n int, s text);
INSERT INTO ambiguous_sentence
SELECT row_number() OVER () - 1, s FROM unnest(ARRAY[
 'Her daddy picked her up after track practice and they went for ice cream.',
 'Youth watched the game with her foster brother and his friend Diamond.',
 'Her prom date is a classmate from the robotics club.',
 'She showed the worker a card trick she learned from her uncle.',
 'Molly from the tutoring program came by to help with algebra.',
 'Youth earned a certificate in the life skills class on Thursday.',
 'Her cousin Candy will braid her hair before the school picture day.',
 'She likes the track team and hopes to run the relay at the next meet.',
 'Youth said her daddy calls every Sunday from his job in another state.',
 'The foster parent took the kids to a ball game and bought them hot dogs.'
]) AS s;

CREATE TEMP TABLE quoted_sentence (n int, s text);
INSERT INTO quoted_sentence
SELECT row_number() OVER () - 1, s FROM unnest(ARRAY[
 'Youth showed a message from her cousin José: "see you Sunday 😊".',
 'Texts with her friend Zoë were about the school play 🎬 and a birthday party 🎂.',
 'Youth''s social media bio reads "art • music • family ❤️".',
 'The foster sibling Anaïs sent a photo of the new puppy 🐶 to the group chat.',
 'Message from her teacher: "Great job on the essay, keep it up! 👍🏽"'
]) AS s;

INSERT INTO bench_note (id, case_id, note)
SELECT g.id, 1 + g.id / 8,
       concat_ws(' ',
         (SELECT s FROM plain_sentence WHERE n = (g.id * 7 + 0) % 32),
         (SELECT s FROM plain_sentence WHERE n = (g.id * 13 + 5) % 32),
         (SELECT s FROM plain_sentence WHERE n = (g.id * 17 + 11) % 32),
         CASE WHEN :dense = 0 AND g.id % 25 = 3 THEN (SELECT s FROM flag_sentence WHERE n = (g.id / 25) % 12)
              WHEN :dense = 1 AND g.id % 10 = 3 THEN (SELECT s FROM flag_sentence WHERE n = (g.id / 10) % 12)
              WHEN :dense = 1 AND g.id % 10 = 5 THEN (SELECT s FROM ambiguous_sentence WHERE n = (g.id / 10) % 10) END,
         (SELECT s FROM plain_sentence WHERE n = (g.id * 19 + 3) % 32),
         CASE WHEN g.id % (CASE WHEN :dense = 1 THEN 10 ELSE 20 END) = 7
              THEN (SELECT s FROM quoted_sentence WHERE n = (g.id / 20) % 5) END,
         (SELECT s FROM plain_sentence WHERE n = (g.id * 23 + 17) % 32),
         (SELECT s FROM plain_sentence WHERE n = (g.id * 29 + 21) % 32),
         (SELECT s FROM plain_sentence WHERE n = (g.id * 31 + 13) % 32),
         (SELECT s FROM plain_sentence WHERE n = (g.id * 37 + 29) % 32))
  FROM generate_series(1, :notes) AS g(id);

ANALYZE bench_note;
SELECT count(*) AS notes, round(avg(length(note))) AS avg_chars,
       pg_size_pretty(sum(octet_length(note))) AS text_size,
       round(100.0 * count(*) FILTER (WHERE note ~ '[^ -~]') / count(*), 1) AS pct_non_ascii
  FROM bench_note;
