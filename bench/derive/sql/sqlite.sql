-- bench/derive: the ten derived measures of def.json written as SQL for
-- the sqlite3 shell, over recs.csv (gen.js) in the current directory.
-- Run as `sqlite3 DB <sqlite.sql`; run.sh times the part before the
-- "@@ compute" line (the import) and the part after it (the measures)
-- apart.  Output: one row per measure, period and breakdown ("" for the
-- whole), tab separated: measure, period, breakdown, value, numerator,
-- denominator (value empty when there is none: no denominator, no
-- records for a median).
--
-- The rules are the derive engine's (include/vitals/derive.h), for a
-- quarter from its first day F to its last day L:
--   open at the period end: start <= L and (no end or end > L);
--   started in the period: F <= start <= L;
--   duration: from the start to the end if it ended by L, else to L;
--   over M months: start < (that end less M months, the day of the
--   month kept or the month's last day: SQLite's date() would roll
--   over, so it is worked out by hand below);
--   age at L: whole years from the first day of the month of birth,
--   unknown (no band, no age filter passed) when negative or absent;
--   subsequent: the child has an earlier record of the kind; re-referral
--   within 12 months: the child's previous referral started no more than
--   12 months before (gen.js never starts two records of a kind for a
--   child on one day, so the previous one is lag()).

PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE raw (child_id TEXT, kind TEXT, birth_month TEXT, start TEXT,
                  "end" TEXT, category TEXT, source TEXT, reason TEXT);
.import --csv --skip 1 recs.csv raw
-- @@ compute
.mode tabs
.headers off
PRAGMA temp_store = MEMORY;

-- The twenty quarters the five censuses cover: 2020Q2 ... 2025Q1.
CREATE TEMP TABLE periods AS
WITH RECURSIVE q(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM q WHERE n < 19),
d AS (SELECT date('2020-04-01', printf('+%d months', 3 * n)) AS first FROM q),
e AS (SELECT first, date(first, '+3 months', '-1 day') AS last FROM d),
f AS (SELECT *, CAST(substr(last, 1, 4) AS INT) AS ly,
             CAST(substr(last, 6, 2) AS INT) AS lm,
             CAST(substr(last, 9, 2) AS INT) AS ld FROM e),
g AS (SELECT *, printf('%04d-%02d-01', (ly * 12 + lm - 7) / 12,
                       (ly * 12 + lm - 7) % 12 + 1) AS m6 FROM f)
SELECT substr(first, 1, 4) || 'Q' || ((CAST(substr(first, 6, 2) AS INT) + 2) / 3)
         AS period,
       julianday(first) AS fj, julianday(last) AS lj, ly, lm,
       julianday(m6) + min(ld, CAST(strftime('%d', m6, '+1 month', '-1 day') AS INT))
         - 1 AS lj_m6
FROM g;

-- Breakdown codes: '' is the whole measure.
CREATE TEMP TABLE bands (kind TEXT, code TEXT);
INSERT INTO bands VALUES ('', ''), ('age', 'under-11'), ('age', '11-and-over'),
  ('cp', 'NEG'), ('cp', 'EMO'), ('cp', 'PHY'), ('cp', 'SAB'), ('cp', 'MUL'),
  ('need', 'N0'), ('need', 'N1'), ('need', 'N2'), ('need', 'N3'), ('need', 'N4'),
  ('need', 'N5'), ('need', 'N6'), ('need', 'N7'), ('need', 'N8'), ('need', 'N9');

-- The records, with what the filters need worked out once.
CREATE TEMP TABLE r AS
WITH a AS (
  SELECT child_id, kind, category, start, nullif("end", '') AS "end",
         CASE WHEN birth_month <> '' THEN CAST(substr(birth_month, 1, 4) AS INT) END AS by,
         CASE WHEN birth_month <> '' THEN CAST(substr(birth_month, 6, 2) AS INT) END AS bmo,
         CAST(substr(start, 1, 4) AS INT) * 12 + CAST(substr(start, 6, 2) AS INT) - 13 AS k12,
         CAST(substr(start, 9, 2) AS INT) AS sd,
         CASE WHEN "end" <> '' THEN CAST(substr("end", 1, 4) AS INT) * 12
                                  + CAST(substr("end", 6, 2) AS INT) - 7 END AS k6,
         CAST(substr("end", 9, 2) AS INT) AS ed
  FROM raw),
b AS (
  SELECT *, printf('%04d-%02d-01', k12 / 12, k12 % 12 + 1) AS f12,
         CASE WHEN k6 IS NOT NULL THEN printf('%04d-%02d-01', k6 / 12, k6 % 12 + 1) END AS f6
  FROM a)
SELECT child_id, kind, category, by, bmo,
       julianday(start) AS s, julianday("end") AS e,
       lag(julianday(start)) OVER (PARTITION BY child_id, kind ORDER BY start) AS prev_s,
       julianday(f12) + min(sd, CAST(strftime('%d', f12, '+1 month', '-1 day') AS INT)) - 1
         AS s_m12,
       julianday(f6) + min(ed, CAST(strftime('%d', f6, '+1 month', '-1 day') AS INT)) - 1
         AS e_m6
FROM b;
CREATE INDEX r_kind_s ON r (kind, s);

-- Records open at each period's end, and started in each period, with
-- the child's age at the period end and the record's duration.
CREATE TEMP VIEW at_end AS
SELECT p.period, p.lj, p.lj_m6, r.*,
       CASE WHEN r.by IS NOT NULL AND p.ly - r.by - (p.lm < r.bmo) >= 0
            THEN p.ly - r.by - (p.lm < r.bmo) END AS age,
       CASE WHEN r.e IS NOT NULL AND r.e <= p.lj THEN r.e ELSE p.lj END AS dur_end,
       CASE WHEN r.e IS NOT NULL AND r.e <= p.lj THEN r.e_m6 ELSE p.lj_m6 END AS dur_end_m6
FROM periods p JOIN r ON r.s <= p.lj AND (r.e IS NULL OR r.e > p.lj);

CREATE TEMP VIEW started AS
SELECT p.period, p.lj, p.lj_m6, r.*,
       CASE WHEN r.by IS NOT NULL AND p.ly - r.by - (p.lm < r.bmo) >= 0
            THEN p.ly - r.by - (p.lm < r.bmo) END AS age,
       CASE WHEN r.e IS NOT NULL AND r.e <= p.lj THEN r.e ELSE p.lj END AS dur_end,
       CASE WHEN r.e IS NOT NULL AND r.e <= p.lj THEN r.e_m6 ELSE p.lj_m6 END AS dur_end_m6
FROM periods p JOIN r ON r.s BETWEEN p.fj AND p.lj;

-- 1. CP plans for neglect at the period end, by age band.
WITH h AS (SELECT period, CASE WHEN age < 11 THEN 'under-11' WHEN age >= 11 THEN '11-and-over' END AS band
           FROM at_end WHERE kind = 'cp-plan' AND category = 'NEG'),
c AS (SELECT period, '' AS band, count(*) AS n FROM h GROUP BY period
      UNION ALL SELECT period, band, count(*) FROM h WHERE band IS NOT NULL GROUP BY period, band)
SELECT 'd01-cp-neg-open', p.period, b.code, coalesce(c.n, 0), coalesce(c.n, 0), NULL
FROM periods p JOIN bands b ON b.kind IN ('', 'age')
LEFT JOIN c ON c.period = p.period AND c.band = b.code;

-- 2. CP plans at the period end, by latest category of abuse.
WITH h AS (SELECT period, category AS band FROM at_end WHERE kind = 'cp-plan'),
c AS (SELECT period, '' AS band, count(*) AS n FROM h GROUP BY period
      UNION ALL SELECT period, band, count(*) FROM h GROUP BY period, band)
SELECT 'd02-cp-open-cat', p.period, b.code, coalesce(c.n, 0), coalesce(c.n, 0), NULL
FROM periods p JOIN bands b ON b.kind IN ('', 'cp')
LEFT JOIN c ON c.period = p.period AND c.band = b.code;

-- 3. CIN plans for neglect (N1) open over six months, as a percentage of
--    those open, by age band.
WITH h AS (SELECT period, CASE WHEN age < 11 THEN 'under-11' WHEN age >= 11 THEN '11-and-over' END AS band,
                  s < dur_end_m6 AS over
           FROM at_end WHERE kind = 'cin-plan' AND category = 'N1'),
c AS (SELECT period, '' AS band, sum(over) AS n, count(*) AS d FROM h GROUP BY period
      UNION ALL SELECT period, band, sum(over), count(*) FROM h WHERE band IS NOT NULL GROUP BY period, band)
SELECT 'd03-cin-n1-6m', p.period, b.code,
       CASE WHEN c.d > 0 THEN 100.0 * c.n / c.d END, coalesce(c.n, 0), coalesce(c.d, 0)
FROM periods p JOIN bands b ON b.kind IN ('', 'age')
LEFT JOIN c ON c.period = p.period AND c.band = b.code;

-- 4. Referrals in the period whose child's previous referral started no
--    more than 12 months before, as a percentage of referrals.
WITH h AS (SELECT period, prev_s IS NOT NULL AND prev_s >= s_m12 AS re
           FROM started WHERE kind = 'referral'),
c AS (SELECT period, '' AS band, sum(re) AS n, count(*) AS d FROM h GROUP BY period)
SELECT 'd04-reref-12m', p.period, b.code,
       CASE WHEN c.d > 0 THEN 100.0 * c.n / c.d END, coalesce(c.n, 0), coalesce(c.d, 0)
FROM periods p JOIN bands b ON b.kind = ''
LEFT JOIN c ON c.period = p.period AND c.band = b.code;

-- 5. CP plans started in the period that are the child's second or
--    subsequent, as a percentage of those started, by category.
WITH h AS (SELECT period, category AS band, prev_s IS NOT NULL AS sub
           FROM started WHERE kind = 'cp-plan'),
c AS (SELECT period, '' AS band, sum(sub) AS n, count(*) AS d FROM h GROUP BY period
      UNION ALL SELECT period, band, sum(sub), count(*) FROM h GROUP BY period, band)
SELECT 'd05-cp-subsequent', p.period, b.code,
       CASE WHEN c.d > 0 THEN 100.0 * c.n / c.d END, coalesce(c.n, 0), coalesce(c.d, 0)
FROM periods p JOIN bands b ON b.kind IN ('', 'cp')
LEFT JOIN c ON c.period = p.period AND c.band = b.code;

-- 6. Median days on a CP plan for the plans open at the period end, by
--    age band.
WITH h AS (SELECT period, CASE WHEN age < 11 THEN 'under-11' WHEN age >= 11 THEN '11-and-over' END AS band,
                  dur_end - s AS days
           FROM at_end WHERE kind = 'cp-plan'),
x AS (SELECT period, '' AS band, days FROM h
      UNION ALL SELECT period, band, days FROM h WHERE band IS NOT NULL),
o AS (SELECT period, band, days,
             row_number() OVER (PARTITION BY period, band ORDER BY days) AS rn,
             count(*) OVER (PARTITION BY period, band) AS n FROM x),
c AS (SELECT period, band, avg(days) AS med, max(n) AS n FROM o
      WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY period, band)
SELECT 'd06-cp-median-open', p.period, b.code, c.med, coalesce(c.n, 0), NULL
FROM periods p JOIN bands b ON b.kind IN ('', 'age')
LEFT JOIN c ON c.period = p.period AND c.band = b.code;

-- 7. First CP plans open at the period end for over 730 days.
WITH c AS (SELECT period, '' AS band, count(*) AS n FROM at_end
           WHERE kind = 'cp-plan' AND prev_s IS NULL AND dur_end - s > 730
           GROUP BY period)
SELECT 'd07-cp-first-2y', p.period, b.code, coalesce(c.n, 0), coalesce(c.n, 0), NULL
FROM periods p JOIN bands b ON b.kind = ''
LEFT JOIN c ON c.period = p.period AND c.band = b.code;

-- 8. Referrals in the period, by primary need.
WITH h AS (SELECT period, category AS band FROM started WHERE kind = 'referral'),
c AS (SELECT period, '' AS band, count(*) AS n FROM h GROUP BY period
      UNION ALL SELECT period, band, count(*) FROM h GROUP BY period, band)
SELECT 'd08-ref-need', p.period, b.code, coalesce(c.n, 0), coalesce(c.n, 0), NULL
FROM periods p JOIN bands b ON b.kind IN ('', 'need')
LEFT JOIN c ON c.period = p.period AND c.band = b.code;

-- 9. CIN plans open at the period end of children under 5, by need.
WITH h AS (SELECT period, category AS band FROM at_end
           WHERE kind = 'cin-plan' AND age < 5),
c AS (SELECT period, '' AS band, count(*) AS n FROM h GROUP BY period
      UNION ALL SELECT period, band, count(*) FROM h GROUP BY period, band)
SELECT 'd09-cin-under5', p.period, b.code, coalesce(c.n, 0), coalesce(c.n, 0), NULL
FROM periods p JOIN bands b ON b.kind IN ('', 'need')
LEFT JOIN c ON c.period = p.period AND c.band = b.code;

-- 10. Median days of the CIN plans started in the period of children 11
--     and over at its end (to their end, or to the period end), by need.
WITH h AS (SELECT period, category AS band, dur_end - s AS days FROM started
           WHERE kind = 'cin-plan' AND age >= 11),
x AS (SELECT period, '' AS band, days FROM h UNION ALL SELECT period, band, days FROM h),
o AS (SELECT period, band, days,
             row_number() OVER (PARTITION BY period, band ORDER BY days) AS rn,
             count(*) OVER (PARTITION BY period, band) AS n FROM x),
c AS (SELECT period, band, avg(days) AS med, max(n) AS n FROM o
      WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY period, band)
SELECT 'd10-cin-11-median', p.period, b.code, c.med, coalesce(c.n, 0), NULL
FROM periods p JOIN bands b ON b.kind IN ('', 'need')
LEFT JOIN c ON c.period = p.period AND c.band = b.code;
