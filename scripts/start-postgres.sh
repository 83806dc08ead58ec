#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages when missing, starts it on 127.0.0.1:5432 and creates
# the role and database the tests use. Prints the DATABASE_URL to use. Safe to run more than once.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >/dev/null
db=${SROI_PG_DATABASE:-sroi_test}
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sroi') THEN CREATE ROLE sroi LOGIN PASSWORD 'sroi'; END IF;
END \$\$;
SQL
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '$db'\"" | grep -q 1; then
  su postgres -c "createdb -O sroi $db"
fi
echo "postgres://sroi:sroi@127.0.0.1:5432/$db"
