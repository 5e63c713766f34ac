#!/usr/bin/env bash
# The activity lists with a million stored webhook events (issue 27): are the pages flat? Seeds a SQLite database with
# EVENTS events in sandbox prod and SMALL in sandbox small (half inbound messages, half delivery receipts; a sixth as
# many delivery statuses), starts the portal (Release build) as in production, signs in, and measures each activity
# page with wrk in both sandboxes: the ratio large/small of req/s is what "flat" means (1.0: the page does not feel the
# million). Prints a Markdown table for docs/performance.md. Run it on a quiet machine (load average < 0.5).
#
#   tests/Performance/events.sh [--events 1000000] [--small 1000] [--duration 20] [--warmup 5] [--connections 32] [--no-build]
#   tests/Performance/events.sh --smoke   the Debug build, 3,000 events, 1 s per page: does the script work (numbers mean nothing)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/tests/Performance"
# shellcheck source=lib.sh
. "$HERE/lib.sh"
EVENTS=1000000
SMALL=1000
DURATION=20
WARMUP=5
CONNECTIONS=32
BUILD=1
CONFIGURATION=Release
while [ $# -gt 0 ]; do
  case "$1" in
    --events) EVENTS=$2; shift ;;
    --small) SMALL=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --no-build) BUILD=0 ;;
    --smoke) EVENTS=3000; SMALL=300; DURATION=1; WARMUP=1; CONFIGURATION=Debug ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for tool in dotnet curl wrk; do
  command -v "$tool" >/dev/null || { echo "$tool is required (apt-get install -y $tool)" >&2; exit 1; }
done
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${LOAD_BEFORE%% *}" 'BEGIN { exit !(l >= 0.5) }'; then
  echo "warning: load average $LOAD_BEFORE: the machine is not quiet, the numbers will not be comparable" >&2
fi

WORK=$(mktemp -d -t jo-sms-events.XXXXXX)
PORTAL_PID=""
cleanup() {
  if [ -n "$PORTAL_PID" ] && kill -0 "$PORTAL_PID" 2>/dev/null; then
    kill -TERM "$PORTAL_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$PORTAL_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PORTAL_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "FAILED: $*" >&2; [ -f "$WORK/portal.log" ] && tail -n 20 "$WORK/portal.log" >&2; exit 1; }

WEB="$ROOT/src/JourneyOptimizer.Sms.Web"
SEEDER_PROJECT="$HERE/JourneyOptimizer.Sms.Performance.Seeder"
WEB_DLL="$WEB/bin/$CONFIGURATION/net10.0/JourneyOptimizer.Sms.Web.dll"
SEEDER_DLL="$SEEDER_PROJECT/bin/$CONFIGURATION/net10.0/JourneyOptimizer.Sms.Performance.Seeder.dll"
if [ "$BUILD" = 1 ]; then
  echo "== build ($CONFIGURATION)"
  timeout 900 dotnet build "$WEB/JourneyOptimizer.Sms.Web.csproj" -c "$CONFIGURATION" -nologo -v q
  timeout 900 dotnet build "$SEEDER_PROJECT/JourneyOptimizer.Sms.Performance.Seeder.csproj" -c "$CONFIGURATION" -nologo -v q
fi
[ -f "$WEB_DLL" ] && [ -f "$SEEDER_DLL" ] || fail "build first ($CONFIGURATION)"

DB="$WORK/portal.db"
echo "== seed: $EVENTS events in prod, $SMALL in small"
timeout 1800 dotnet "$SEEDER_DLL" --db "$DB" --sandbox prod:100 --sandbox small:100 \
  --events "prod:$EVENTS" --events "small:$SMALL" --info "$WORK/seed.txt" 2>&1 | grep -v 'No XML encryptor' || fail "seeding"
info() { grep -m1 "^$1=" "$WORK/seed.txt" | cut -d= -f2- ; }

PORT=$(free_port) || fail "no free port"
BASE="http://127.0.0.1:$PORT"
( run_portal "$WEB" "$WEB_DLL" "$DB" "$BASE" ) >>"$WORK/portal.log" 2>&1 &
PORTAL_PID=$!
for _ in $(seq 1 600); do
  kill -0 "$PORTAL_PID" 2>/dev/null || fail "the portal exited at start-up"
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$BASE/health/ready" || true)" = 200 ] && break
  sleep 0.1
done
COOKIE=$(sign_in "$BASE" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$WORK") || fail "sign-in"

# The pages, each in both sandboxes: NAME|PATH (relative to the sandbox's webhooks)|TEXT the page must show.
hooks() { printf '/sandboxes/%s/administration/channels/smssettings/webhooks' "$1"; }
PAGES=(
  "inbound messages, first page|/inboundmessages|data-testid=\"inbound-table\""
  "inbound messages, halfway down|/inboundmessages?cursor=@middle|data-testid=\"inbound-table\""
  "inbound messages, number search|/inboundmessages?q=%2B4420|data-testid=\"inbound-table\""
  "delivery statuses, first page|/feedback|data-testid=\"feedback-table\""
  "one message's receipts|/feedback?reference=@sid|data-testid=\"feedback-events\""
)
url_of() { # SANDBOX PATH
  local path=${2/@middle/$(info "$1.inbound_middle_cursor")}
  printf '%s%s' "$(hooks "$1")" "${path/@sid/$(info "$1.message_sid")}"
}
run_wrk() { # URL DURATION: prints rps and p99
  local line
  line=$(timeout $(( $2 + 30 )) wrk -t2 -c"$CONNECTIONS" -d"$2s" --timeout 5s -s "$HERE/report.lua" -H "Cookie: $COOKIE" "$BASE$1" | grep '^WRK_RESULT' || true)
  [ -n "$line" ] || fail "wrk gave no result for $1"
  [ "$(sed -n 's/.* socket_errors=\([0-9]*\).*/\1/p' <<<"$line")" = 0 ] && [ "$(sed -n 's/.* http_errors=\([0-9]*\).*/\1/p' <<<"$line")" = 0 ] \
    || fail "failed requests on $1: $line"
  printf '%s %s\n' "$(sed -n 's/.* rps=\([^ ]*\).*/\1/p' <<<"$line")" "$(sed -n 's/.* p99_ms=\([^ ]*\).*/\1/p' <<<"$line")"
}

echo "== check, warm up, measure (${DURATION} s per page and sandbox)"
TABLE="| page | req/s ($SMALL events) | req/s ($EVENTS events) | large/small | p99 ms (small) | p99 ms (large) |
| --- | ---: | ---: | ---: | ---: | ---: |"
for entry in "${PAGES[@]}"; do
  IFS='|' read -r name path text <<<"$entry"
  declare -A R=() P=()
  for sandbox in small prod; do
    url=$(url_of "$sandbox" "$path")
    body=$(curl -s --max-time 30 -H "Cookie: $COOKIE" -w '\n%{http_code}' "$BASE$url")
    [ "$(tail -n1 <<<"$body")" = 200 ] && grep -qF -- "$text" <<<"$body" || fail "GET $url: not the expected page"
    result=$(run_wrk "$url" "$WARMUP")
    result=$(run_wrk "$url" "$DURATION")
    R[$sandbox]=${result% *}
    P[$sandbox]=${result#* }
  done
  ratio=$(awk -v a="${R[prod]}" -v b="${R[small]}" 'BEGIN { printf "%.2f", a / b }')
  printf '  %-34s %10s req/s (small) %10s req/s (large)  ratio %s\n' "$name" "${R[small]}" "${R[prod]}" "$ratio"
  TABLE+=$'\n'"| $name | ${R[small]} | ${R[prod]} | $ratio | ${P[small]} | ${P[prod]} |"
done

echo
echo "$TABLE"
echo
echo "machine: $(nproc) cores, load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg); database $(du -h "$DB" | cut -f1)"
