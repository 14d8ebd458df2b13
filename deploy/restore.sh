#!/usr/bin/env bash
# Restore a Parley backup made by backup.sh into a data dir (and database).
#
#   PARLEY_DATA_DIR=/var/lib/parley [DATABASE_URL=postgres://...] deploy/restore.sh ARCHIVE [--force]
#
# Stop the server and worker first. Refuses to overwrite an existing SQLite database or
# secret key unless --force is given. For PostgreSQL the target database must exist (it
# may be empty); existing Parley tables in it are replaced. Afterwards run `parley migrate`
# (or `parley serve`, which migrates) when restoring into a newer Parley.
set -euo pipefail
umask 077

archive=${1:?usage: restore.sh ARCHIVE [--force]}
force=${2:-}
data_dir=${PARLEY_DATA_DIR:-./parley-data}
[ -f "$archive" ] || { echo "restore: no archive at $archive" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$archive"
src="$work/parley-backup"
[ -f "$src/ENGINE" ] || { echo "restore: $archive is not a Parley backup" >&2; exit 1; }
engine=$(cat "$src/ENGINE")
mkdir -p "$data_dir"

if [ -f "$data_dir/secret_key" ] && [ "$force" != "--force" ] && [ -f "$src/secret_key" ] \
   && ! cmp -s "$data_dir/secret_key" "$src/secret_key"; then
  echo "restore: $data_dir/secret_key exists and differs; use --force to replace it" >&2; exit 1
fi

case "$engine" in
  sqlite)
    if [ -n "${DATABASE_URL:-}" ]; then
      echo "restore: this is a SQLite backup but DATABASE_URL is set; unset it" >&2; exit 1
    fi
    if [ -f "$data_dir/parley.sqlite3" ] && [ "$force" != "--force" ]; then
      echo "restore: $data_dir/parley.sqlite3 exists; use --force to replace it" >&2; exit 1
    fi
    rm -f "$data_dir/parley.sqlite3-wal" "$data_dir/parley.sqlite3-shm"
    cp "$src/parley.sqlite3" "$data_dir/parley.sqlite3"
    ;;
  postgresql)
    : "${DATABASE_URL:?restore: set DATABASE_URL to the PostgreSQL database to restore into}"
    pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
      --dbname="$DATABASE_URL" "$src/database.pgdump"
    ;;
  *) echo "restore: unknown engine $engine" >&2; exit 1 ;;
esac

[ -f "$src/secret_key" ] && cp -p "$src/secret_key" "$data_dir/secret_key"
if [ -d "$src/media" ]; then
  mkdir -p "$data_dir/media"
  cp -a "$src/media/." "$data_dir/media/"
fi
# Pages cached before the restore describe another database.
rm -rf "$data_dir/cache"
echo "Restored $engine backup from $(cat "$src/CREATED") into $data_dir"
echo "Next: parley migrate (or parley serve), and clear Redis if PARLEY_CACHE_URL points there."
