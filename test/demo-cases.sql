-- demo-cases.sql: a small synthetic case database for test/demo.
-- Every name, case and note here is made up for the demo.

CREATE TABLE case_file (
    case_id     int PRIMARY KEY,
    opened      date NOT NULL,
    unit        text NOT NULL
);

CREATE TABLE case_note (
    note_id     int PRIMARY KEY,
    case_id     int NOT NULL REFERENCES case_file,
    written     date NOT NULL,
    author      text NOT NULL,
    note        text NOT NULL
);

INSERT INTO case_file VALUES
 (101, '2026-01-12', 'Foster care'),
 (102, '2026-02-03', 'Missing children'),
 (103, '2026-02-20', 'Foster care'),
 (104, '2026-03-07', 'Intake'),
 (105, '2026-03-15', 'Juvenile probation'),
 (106, '2026-04-02', 'Foster care');

INSERT INTO case_note VALUES
 -- 101: placement going well; nothing to flag
 (1, 101, '2026-01-14', 'caseworker', 'Home visit. Youth reports school is going well and she enjoys art class. Foster parent has no concerns.'),
 (2, 101, '2026-02-11', 'caseworker', 'Youth attended her therapy appointment and completed the budgeting worksheet.'),
 (3, 101, '2026-03-10', 'caseworker', 'Discussed the court hearing. Youth asked about a visit with her brother.'),

 -- 102: repeated missing episodes, found at a motel
 (4, 102, '2026-02-03', 'missing children analyst', 'Youth ran away from placement overnight; missing person report filed.'),
 (5, 102, '2026-02-19', 'missing children analyst', 'Second missing episode. Youth left placement without permission after school.'),
 (6, 102, '2026-03-02', 'detective', 'Youth was recovered at a motel near the interstate. Staff found a hotel key card and two prepaid Visa cards in her backpack.'),
 (7, 102, '2026-03-03', 'caseworker', 'Youth refused to answer questions about where she stayed and doesn''t know what city she was in.'),
 (8, 102, '2026-04-09', 'missing children analyst', 'This is her 4th runaway episode this year.'),

 -- 103: an older boyfriend, a second phone, messages in code
 (9, 103, '2026-02-21', 'caseworker', 'Foster parent reports an older boyfriend picks her up after school and holds her ID.'),
 (10, 103, '2026-03-05', 'caseworker', 'Foster parent found a second phone under the mattress.'),
 (11, 103, '2026-03-06', 'detective', 'Messages on the second phone: "u in the l i f e now? 🌹🌹 for the hour, t.r.i.c.k.s only, ask daddy".'),
 (12, 103, '2026-03-20', 'caseworker', 'Youth has a new barcode tattoo on her neck and would not explain the tattoo.'),

 -- 104: negated and hypothetical mentions (context detection is a later step)
 (13, 104, '2026-03-08', 'intake worker', 'Youth denies having a second phone. No signs of abuse were observed.'),
 (14, 104, '2026-03-09', 'intake worker', 'Safety plan discussed in case she runs away again.'),

 -- 105: school and behaviour
 (15, 105, '2026-03-16', 'probation officer', 'School reports 15 unexcused absences this term and that she sleeps in class.'),
 (16, 105, '2026-03-30', 'probation officer', 'Youth quit the team and no longer talks to her mother. Sudden change in behavior since January.'),
 (17, 105, '2026-04-14', 'probation officer', 'Youth was combative and cursed at the officer; gave a false name at first.'),

 -- 106: ordinary words that are not slang here
 (18, 106, '2026-04-03', 'caseworker', 'Youth ran track practice after school, then played a board game with her foster family.'),
 (19, 106, '2026-04-17', 'caseworker', 'Her daddy called to set a date for the next visit.');
