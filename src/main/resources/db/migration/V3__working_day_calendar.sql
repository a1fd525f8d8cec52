-- 工作日历: the days that differ from the Monday-to-Friday week. HOLIDAY is an official day off
-- (法定节假日及调休放假), WORKDAY a weekend day worked in exchange (调休上班).
CREATE TABLE calendar_day (
    day        date        PRIMARY KEY,
    kind       varchar(8)  NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
    name       varchar(32) NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by varchar(64)
);

-- The years whose arrangement has been entered; other years count weekdays only.
CREATE TABLE calendar_year (
    year       integer     PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    note       varchar(200),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The State Council's arrangements for 2025 and 2026 (国务院办公厅部分节假日安排的通知).
INSERT INTO calendar_year (year, note) VALUES
    (2025, '国务院办公厅关于2025年部分节假日安排的通知'),
    (2026, '国务院办公厅关于2026年部分节假日安排的通知');

INSERT INTO calendar_day (day, kind, name)
SELECT d::date, 'HOLIDAY', name
  FROM (VALUES
        ('2025-01-01', '2025-01-01', '元旦'),
        ('2025-01-28', '2025-02-04', '春节'),
        ('2025-04-04', '2025-04-06', '清明节'),
        ('2025-05-01', '2025-05-05', '劳动节'),
        ('2025-05-31', '2025-06-02', '端午节'),
        ('2025-10-01', '2025-10-08', '国庆节、中秋节'),
        ('2026-01-01', '2026-01-03', '元旦'),
        ('2026-02-15', '2026-02-23', '春节'),
        ('2026-04-04', '2026-04-06', '清明节'),
        ('2026-05-01', '2026-05-05', '劳动节'),
        ('2026-06-19', '2026-06-21', '端午节'),
        ('2026-09-25', '2026-09-27', '中秋节'),
        ('2026-10-01', '2026-10-07', '国庆节')) AS h(first_day, last_day, name),
       generate_series(first_day::date, last_day::date, interval '1 day') AS d;

INSERT INTO calendar_day (day, kind, name) VALUES
    ('2025-01-26', 'WORKDAY', '春节调休上班'),
    ('2025-02-08', 'WORKDAY', '春节调休上班'),
    ('2025-04-27', 'WORKDAY', '劳动节调休上班'),
    ('2025-09-28', 'WORKDAY', '国庆节调休上班'),
    ('2025-10-11', 'WORKDAY', '国庆节调休上班'),
    ('2026-01-04', 'WORKDAY', '元旦调休上班'),
    ('2026-02-14', 'WORKDAY', '春节调休上班'),
    ('2026-02-28', 'WORKDAY', '春节调休上班'),
    ('2026-05-09', 'WORKDAY', '劳动节调休上班'),
    ('2026-09-20', 'WORKDAY', '国庆节调休上班'),
    ('2026-10-10', 'WORKDAY', '国庆节调休上班');
