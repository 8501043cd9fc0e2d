-- bench/derive: the ten derived measures of def.json written as SQL for
-- DuckDB, over recs.csv (gen.js) in the current directory, run by
-- duckdb.js (@duckdb/node-api).  run.sh times the part before the
-- "@@ compute" line (the import) and the part after it apart.  The
-- same output and the same rules as sqlite.sql (see there); DuckDB's
-- "date - INTERVAL n MONTH" keeps the day of the month or takes the
-- month's last day, as the engine does.

CREATE TABLE r0 AS
SELECT * FROM read_csv('recs.csv', header = true, nullstr = '',
  columns = {'child_id': 'VARCHAR', 'kind': 'VARCHAR', 'birth_month': 'VARCHAR',
             'start': 'DATE', 'end': 'DATE', 'category': 'VARCHAR',
             'source': 'VARCHAR', 'reason': 'VARCHAR'});
-- @@ compute

-- The twenty quarters the five censuses cover: 2020Q2 ... 2025Q1.
CREATE TEMP TABLE periods AS
SELECT strftime(f, '%Y') || 'Q' || ((month(f) + 2) // 3) AS period,
       f AS fd, l AS ld, year(l) AS ly, month(l) AS lm,
       CAST(l - INTERVAL 6 MONTH AS DATE) AS ld_m6
FROM (SELECT f, CAST(f + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE) AS l
      FROM (SELECT CAST(DATE '2020-04-01' + to_months(3 * n) AS DATE) AS f
            FROM range(20) t(n)));

-- Breakdown codes: '' is the whole measure.
CREATE TEMP TABLE bands (kind VARCHAR, code VARCHAR);
INSERT INTO bands VALUES ('', ''), ('age', 'under-11'), ('age', '11-and-over'),
  ('cp', 'NEG'), ('cp', 'EMO'), ('cp', 'PHY'), ('cp', 'SAB'), ('cp', 'MUL'),
  ('need', 'N0'), ('need', 'N1'), ('need', 'N2'), ('need', 'N3'), ('need', 'N4'),
  ('need', 'N5'), ('need', 'N6'), ('need', 'N7'), ('need', 'N8'), ('need', 'N9');

-- The records, with what the filters need worked out once.
CREATE TEMP TABLE r AS
SELECT child_id, kind, category, start AS s, "end" AS e,
       CAST(substr(birth_month, 1, 4) AS INTEGER) AS by,
       CAST(substr(birth_month, 6, 2) AS INTEGER) AS bmo,
       lag(start) OVER (PARTITION BY child_id, kind ORDER BY start) AS prev_s,
       CAST(start - INTERVAL 12 MONTH AS DATE) AS s_m12,
       CAST("end" - INTERVAL 6 MONTH AS DATE) AS e_m6
FROM r0;

CREATE TEMP VIEW at_end AS
SELECT p.period, p.ld, r.*,
       CASE WHEN p.ly - r.by - CAST(p.lm < r.bmo AS INTEGER) >= 0
            THEN p.ly - r.by - CAST(p.lm < r.bmo AS INTEGER) END AS age,
       CASE WHEN r.e IS NOT NULL AND r.e <= p.ld THEN r.e ELSE p.ld END AS dur_end,
       CASE WHEN r.e IS NOT NULL AND r.e <= p.ld THEN r.e_m6 ELSE p.ld_m6 END AS dur_end_m6
FROM periods p JOIN r ON r.s <= p.ld AND (r.e IS NULL OR r.e > p.ld);

CREATE TEMP VIEW started AS
SELECT p.period, p.ld, r.*,
       CASE WHEN p.ly - r.by - CAST(p.lm < r.bmo AS INTEGER) >= 0
            THEN p.ly - r.by - CAST(p.lm < r.bmo AS INTEGER) END AS age,
       CASE WHEN r.e IS NOT NULL AND r.e <= p.ld THEN r.e ELSE p.ld END AS dur_end,
       CASE WHEN r.e IS NOT NULL AND r.e <= p.ld THEN r.e_m6 ELSE p.ld_m6 END AS dur_end_m6
FROM periods p JOIN r ON r.s BETWEEN p.fd AND p.ld;

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
                  CAST(s < dur_end_m6 AS INTEGER) AS over
           FROM at_end WHERE kind = 'cin-plan' AND category = 'N1'),
c AS (SELECT period, '' AS band, sum(over) AS n, count(*) AS d FROM h GROUP BY period
      UNION ALL SELECT period, band, sum(over), count(*) FROM h WHERE band IS NOT NULL GROUP BY period, band)
SELECT 'd03-cin-n1-6m', p.period, b.code,
       CASE WHEN c.d > 0 THEN 100.0 * c.n / c.d END, coalesce(c.n, 0), coalesce(c.d, 0)
FROM periods p JOIN bands b ON b.kind IN ('', 'age')
LEFT JOIN c ON c.period = p.period AND c.band = b.code;

-- 4. Referrals in the period whose child's previous referral started no
--    more than 12 months before, as a percentage of referrals.
WITH h AS (SELECT period, CAST(coalesce(prev_s >= s_m12, false) AS INTEGER) AS re
           FROM started WHERE kind = 'referral'),
c AS (SELECT period, '' AS band, sum(re) AS n, count(*) AS d FROM h GROUP BY period)
SELECT 'd04-reref-12m', p.period, b.code,
       CASE WHEN c.d > 0 THEN 100.0 * c.n / c.d END, coalesce(c.n, 0), coalesce(c.d, 0)
FROM periods p JOIN bands b ON b.kind = ''
LEFT JOIN c ON c.period = p.period AND c.band = b.code;

-- 5. CP plans started in the period that are the child's second or
--    subsequent, as a percentage of those started, by category.
WITH h AS (SELECT period, category AS band, CAST(prev_s IS NOT NULL AS INTEGER) AS sub
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
c AS (SELECT period, band, median(days) AS med, count(*) AS n FROM x GROUP BY period, band)
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
c AS (SELECT period, band, median(days) AS med, count(*) AS n FROM x GROUP BY period, band)
SELECT 'd10-cin-11-median', p.period, b.code, c.med, coalesce(c.n, 0), NULL
FROM periods p JOIN bands b ON b.kind IN ('', 'need')
LEFT JOIN c ON c.period = p.period AND c.band = b.code;
