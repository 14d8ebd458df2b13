#!/usr/bin/env bash
# Back up a Parley site: the database (SQLite online backup or pg_dump), media and secret key.
#
#   PARLEY_DATA_DIR=/var/lib/parley [DATABASE_URL=postgres://...] deploy/backup.sh [DEST_DIR]
#
# Writes DEST_DIR/parley-backup-YYYYmmdd-HHMMSS.tar.gz (DEST_DIR defaults to the current
# directory) and prints its path. Safe while the site is running: SQLite's backup API and
# pg_dump both take a consistent snapshot. The cache and collected static files are left
# out: Parley rebuilds them.
set -euo pipefail
umask 077

data_dir=${PARLEY_DATA_DIR:-./parley-data}
dest=${1:-.}
python=${PARLEY_PYTHON:-python3}
[ -d "$data_dir" ] || { echo "backup: no data dir at $data_dir" >&2; exit 1; }
mkdir -p "$dest"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/parley-backup"
out="$work/parley-backup"

if [ -n "${DATABASE_URL:-}" ]; then
  case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) echo "backup: only SQLite and PostgreSQL are supported (DATABASE_URL=$DATABASE_URL)" >&2; exit 1 ;;
  esac
  # Custom format: compressed, and pg_restore can restore it into an empty or older database.
  pg_dump --format=custom --no-owner --no-privileges --file="$out/database.pgdump" "$DATABASE_URL"
  echo "postgresql" > "$out/ENGINE"
else
  db="$data_dir/parley.sqlite3"
  [ -f "$db" ] || { echo "backup: no SQLite database at $db" >&2; exit 1; }
  # The online backup API copies a consistent snapshot even while the server writes (WAL).
  "$python" - "$db" "$out/parley.sqlite3" <<'PY'
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
target.execute("PRAGMA journal_mode=DELETE")
target.close(); source.close()
PY
  echo "sqlite" > "$out/ENGINE"
fi

[ -f "$data_dir/secret_key" ] && cp -p "$data_dir/secret_key" "$out/secret_key"
[ -d "$data_dir/media" ] && cp -a "$data_dir/media" "$out/media"
date -u +%Y-%m-%dT%H:%M:%SZ > "$out/CREATED"

archive="$dest/parley-backup-$(date -u +%Y%m%d-%H%M%S).tar.gz"
tar -C "$work" -czf "$archive" parley-backup
echo "$archive"
