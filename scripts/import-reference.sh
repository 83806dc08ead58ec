#!/usr/bin/env bash
# The reference for the hours import: the same work done by the sqlite3 shell on the same file and schema.
#
#   scripts/import-reference.sh DATABASE FILE
#
# DATABASE is the SQLite file `sroi bench import` just used (its contract, 10.000 placements and paid_hours
# schema); it is copied, never changed. In the copy the hours are emptied, then imported twice the way a
# database would do it with no application in front: `.import` of the CSV into a staging table, then one
# INSERT … SELECT … ON CONFLICT DO UPDATE into paid_hours with a random UUID key per row (as the app's rows
# have). The first run inserts every row, the second replaces every row's hours. Candidates are found through
# a table of references (the app stores only pseudonyms, which the shell cannot compute). Prints both times.
set -euo pipefail
db="$1"; file="$2"
copy="${db%.sqlite}-reference.sqlite"
command -v sqlite3 >/dev/null || { echo "sqlite3 ontbreekt: apt-get install sqlite3" >&2; exit 1; }
rm -f "$copy" "$copy-wal" "$copy-shm"
sqlite3 "$db" ".backup '$copy'"
# The benchmark's own contract: the one whose placements the file made, in the file's order (K0, K1, …).
sqlite3 "$copy" <<'SQL'
DELETE FROM paid_hours;
CREATE TABLE refs (reference TEXT PRIMARY KEY, placement_id UUID NOT NULL);
INSERT INTO refs SELECT 'K' || (ROW_NUMBER() OVER (ORDER BY p.rowid) - 1), p.id FROM placements p
  JOIN contracts c ON c.id = p.contract_id WHERE c.title LIKE 'Importbank %'
  AND c.rowid = (SELECT MAX(rowid) FROM contracts WHERE title LIKE 'Importbank %');
VACUUM;
SQL
run() {
  local start end
  start=$(date +%s.%N)
  sqlite3 "$copy" <<SQL
CREATE TEMP TABLE staging (referentie TEXT, doelgroep TEXT, begindatum TEXT, uren_per_week TEXT, periode_van TEXT,
                           periode_tot TEXT, verloonde_uren TEXT);
.mode csv
.separator ";"
.import --skip 1 $file staging
INSERT INTO paid_hours (id, placement_id, period_start, period_end, hours)
  SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
               || substr('89AB', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
         r.placement_id, s.periode_van, s.periode_tot, CAST(round(CAST(replace(s.verloonde_uren, ',', '.') AS REAL) * 100) AS INTEGER)
  FROM staging s JOIN refs r ON r.reference = s.referentie WHERE true
  ON CONFLICT (placement_id, period_start, period_end) DO UPDATE SET hours = excluded.hours;
SQL
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.1f}'.replace('.', ','))"
}
first=$(run); second=$(run)
rows=$(sqlite3 "$copy" "SELECT COUNT(*) || ' urenregels, som ' || SUM(hours) FROM paid_hours")
echo "sqlite3-shell (referentie): eerste import $first s, opnieuw $second s; $rows"
rm -f "$copy" "$copy-wal" "$copy-shm"
