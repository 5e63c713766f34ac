#!/usr/bin/env bash
# The PostgreSQL migrations (src/JourneyOptimizer.Sms.Migrations.PostgreSql) from the current model.
#
#   scripts/postgresql-migrations.sh            regenerate the one Initial migration from the model: for as long as
#                                               no PostgreSQL installation has applied it (docs/configuration.md)
#   scripts/postgresql-migrations.sh add NAME   add a migration, as for SQLite and SQL Server
#
# MigrationsTests checks that all three migration sets match the model, so a model change without them fails the build's
# tests. No server is needed: the design-time factory builds the model offline.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROJECT="$ROOT/src/JourneyOptimizer.Sms.Migrations.PostgreSql"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null

case "${1:-}" in
  "")
    rm -rf "$PROJECT/Migrations"
    dotnet ef migrations add Initial --project "$PROJECT" --output-dir Migrations
    ;;
  add)
    [ -n "${2:-}" ] || { echo "usage: $0 add NAME" >&2; exit 2; }
    dotnet ef migrations add "$2" --project "$PROJECT" --output-dir Migrations
    ;;
  *)
    sed -n '2,9p' "$0" >&2
    exit 2
    ;;
esac
# The generated files start with a byte-order mark and are exempt from the style rules (**/Migrations/**.cs is
# generated code), so dotnet format leaves them as they are.
