#!/usr/bin/env bash
# Load test of the API credentials pages (tests/Performance/README.md): builds Release, seeds a SQLite database,
# starts the portal on 127.0.0.1, signs in, runs wrk against each path and prints requests/s, p50, p99, the ratio to
# /health/live, start-up time, peak memory and the budgets of docs/performance.md.
#
#   tests/Performance/run.sh            full run: 100,000 credentials, 20 s per path (about 5 minutes)
#   tests/Performance/run.sh --smoke    CI check that everything works: 1,000 credentials, 3 s per path
#
# Options: --count N (credentials in prod), --duration S, --warmup S, --connections N, --out FILE (Markdown table),
# --no-build. Loopback only; every step is bounded in time; the portal and the temporary files are removed on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/tests/Performance"
COUNT=100000
SMALL_COUNT=100
DURATION=20
WARMUP=5
CONNECTIONS=32
THREADS=2
BUILD=1
OUT=""
MODE=full
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) MODE=smoke; COUNT=1000; DURATION=3; WARMUP=1 ;;
    --count) COUNT=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --out) OUT=$2; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for tool in dotnet curl; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing wrk"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null
  else
    echo "wrk is required: apt-get install -y wrk" >&2; exit 1
  fi
fi

WORK=$(mktemp -d -t jo-sms-perf.XXXXXX)
PORTAL_PID=""
stop_portal() {
  if [ -n "$PORTAL_PID" ] && kill -0 "$PORTAL_PID" 2>/dev/null; then
    kill -TERM "$PORTAL_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$PORTAL_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PORTAL_PID" 2>/dev/null || true
    wait "$PORTAL_PID" 2>/dev/null || true
  fi
  PORTAL_PID=""
}
cleanup() {
  stop_portal
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'echo "FAILED: line $LINENO: $BASH_COMMAND" >&2' ERR

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
fail() { echo "FAILED: $*" >&2; [ -f "$WORK/portal.log" ] && tail -n 20 "$WORK/portal.log" >&2; exit 1; }

WEB="$ROOT/src/JourneyOptimizer.Sms.Web"
SEEDER_PROJECT="$HERE/JourneyOptimizer.Sms.Performance.Seeder"
WEB_DLL="$WEB/bin/Release/net10.0/JourneyOptimizer.Sms.Web.dll"
SEEDER_DLL="$SEEDER_PROJECT/bin/Release/net10.0/JourneyOptimizer.Sms.Performance.Seeder.dll"
if [ "$BUILD" = 1 ]; then
  echo "== build (Release)"
  dotnet build "$WEB/JourneyOptimizer.Sms.Web.csproj" -c Release -nologo -v q
  dotnet build "$SEEDER_PROJECT/JourneyOptimizer.Sms.Performance.Seeder.csproj" -c Release -nologo -v q
fi
[ -f "$WEB_DLL" ] && [ -f "$SEEDER_DLL" ] || fail "build first (Release): $WEB_DLL or $SEEDER_DLL is missing"

PAGE_SIZE=50
DEEP_PAGE=$(( COUNT / PAGE_SIZE < 1000 ? COUNT / PAGE_SIZE : 1000 ))
[ "$DEEP_PAGE" -ge 2 ] || fail "--count must be at least $((2 * PAGE_SIZE))"
DB="$WORK/portal.db"
echo "== seed: $COUNT credentials in prod, $SMALL_COUNT in small"
seed_start=$(now_ms)
timeout 600 dotnet "$SEEDER_DLL" --db "$DB" --sandbox "prod:$COUNT" --sandbox "small:$SMALL_COUNT" \
  --page "$DEEP_PAGE" --info "$WORK/seed.txt" 2>&1 | grep -v 'No XML encryptor' || fail "seeding"
SEED_SECONDS=$(awk -v ms=$(( $(now_ms) - seed_start )) 'BEGIN { printf "%.1f", ms / 1000 }')
info() { grep -m1 "^$1=" "$WORK/seed.txt" | cut -d= -f2- ; }

PORT=""
for _ in $(seq 1 50); do
  candidate=$(( 20000 + RANDOM % 40000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then PORT=$candidate; break; fi
done
[ -n "$PORT" ] || fail "no free port"
BASE="http://127.0.0.1:$PORT"
ADMIN_EMAIL=admin@example.com
ADMIN_PASSWORD='Adm1n!Passw0rd'

# Starts the portal as in production; STARTUP_MS is the time until /health/ready answers 200.
# (Not called in $(...): PORTAL_PID must stay in this shell for stop_portal and the exit trap.)
STARTUP_MS=0
STARTUP_CPU_MS=0
start_portal() {
  local started ready code
  started=$(now_ms)
  ( cd "$WEB" && exec env ASPNETCORE_ENVIRONMENT=Production "ConnectionStrings__Portal=Data Source=$DB" \
      "Bootstrap__AdminEmail=$ADMIN_EMAIL" "Bootstrap__AdminPassword=$ADMIN_PASSWORD" \
      dotnet "$WEB_DLL" --urls "$BASE" --contentRoot "$WEB" ) >>"$WORK/portal.log" 2>&1 &
  PORTAL_PID=$!
  while true; do
    kill -0 "$PORTAL_PID" 2>/dev/null || fail "the portal exited at start-up"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$BASE/health/ready" || true)
    [ "$code" = 200 ] && break
    [ $(( $(now_ms) - started )) -lt 60000 ] || fail "the portal was not ready within 60 s"
    sleep 0.01
  done
  ready=$(now_ms)
  STARTUP_MS=$(( ready - started ))
  # CPU time (user + system, all threads) the portal used until then: much less sensitive to a busy machine.
  STARTUP_CPU_MS=$(awk -v tck="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / tck }' "/proc/$PORTAL_PID/stat")
}

echo "== start-up"
start_portal                     # first start on this database: also creates the Bootstrap administrator
FIRST_START_MS=$STARTUP_MS
FIRST_START_CPU_MS=$STARTUP_CPU_MS
stop_portal
start_portal                     # a regular restart: the portal the load runs below measure
START_MS=$STARTUP_MS
START_CPU_MS=$STARTUP_CPU_MS
echo "first start ${FIRST_START_MS} ms (CPU ${FIRST_START_CPU_MS} ms; creates the first administrator), restart ${START_MS} ms (CPU ${START_CPU_MS} ms)"

echo "== sign in"
JAR="$WORK/cookies.txt"
curl -s --max-time 10 -c "$JAR" -b "$JAR" "$BASE/account/sign-in" >"$WORK/sign-in.html"
TOKEN=$( { grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' "$WORK/sign-in.html" || true; } | head -n1 | sed 's/.*value="\([^"]*\)".*/\1/')
[ -n "$TOKEN" ] || fail "no antiforgery token on /account/sign-in"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -c "$JAR" -b "$JAR" \
  --data-urlencode "Input.Email=$ADMIN_EMAIL" --data-urlencode "Input.Password=$ADMIN_PASSWORD" \
  --data-urlencode "__RequestVerificationToken=$TOKEN" "$BASE/account/sign-in")
[ "$code" = 302 ] || fail "sign-in answered $code"
COOKIE=$(awk -F'\t' 'NF >= 7 && $6 ~ /^jo\.sms\.auth/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$JAR")
[ -n "$COOKIE" ] || fail "no jo.sms.auth cookie after sign-in"

cursor() { printf 'a%s' "$(printf '%s' "$1" | base64 -w0 | tr '+/' '-_' | tr -d '=')"; }
LIST=/sandboxes/prod/administration/channels/smssettings/apicredentials
SMALL_LIST=/sandboxes/small/administration/channels/smssettings/apicredentials
SEARCH_TEXT=growth
DEEP_URL="$LIST?cursor=$(cursor "$(info "prod.page_${DEEP_PAGE}_after")")"
EDIT_URL="$LIST/edit/$(info prod.edit_id)"
# The Sandboxes page (two rows, the same layout) is the floor: what any signed-in page of the portal costs.
NAMES=("/health/live" "list, first page" "list, page $DEEP_PAGE" "list, name search" "Edit page" "list, first page ($SMALL_COUNT)" "Sandboxes page (layout floor)")
KEYS=(live first deep search edit small floor)
URLS=("/health/live" "$LIST" "$DEEP_URL" "$LIST?q=$SEARCH_TEXT" "$EDIT_URL" "$SMALL_LIST" "/administration/sandboxes")

# Each path must answer 200 with the expected content before it is measured (a redirect to sign-in would be fast too).
get() { curl -s --max-time 10 -H "Cookie: $COOKIE" -w '\n%{http_code}' "$BASE$1"; }
expect() {
  local body
  body=$(get "$1")
  [ "$(tail -n1 <<<"$body")" = 200 ] || fail "GET $1 answered $(tail -n1 <<<"$body")"
  grep -qF -- "$2" <<<"$body" || fail "GET $1 does not show '$2'"
}
expect /health/live Healthy
expect "$LIST" 'data-testid="credentials-table"'
page2_href=$(get "$LIST" | { grep -o '<a [^>]*rel="next"[^>]*>' || true; } | head -n1 | sed 's/.* href="\([^"]*\)".*/\1/; s/&amp;/\&/g')
[ "$page2_href" = "$LIST?cursor=$(cursor "$(info prod.page_2_after)")" ] \
  || fail "the computed cursor differs from the page's own Next link ($page2_href)"
expect "$DEEP_URL" ">$(info "prod.page_${DEEP_PAGE}_first")<"
expect "$LIST?q=$SEARCH_TEXT" ">Growth "
expect "$EDIT_URL" 'data-testid="token-hint"'
expect "$SMALL_LIST" 'data-testid="credentials-table"'
expect /administration/sandboxes '<table'

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== warm-up: ${WARMUP} s per path"
for url in "${URLS[@]}"; do
  timeout $(( WARMUP + 30 )) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 5s -H "Cookie: $COOKIE" "$BASE$url" >/dev/null
done

echo "== load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s per path"
declare -A RPS P50 P99 ERR
for i in "${!URLS[@]}"; do
  line=$(timeout $(( DURATION + 30 )) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s \
    -H "Cookie: $COOKIE" -s "$HERE/report.lua" "$BASE${URLS[$i]}" | grep '^WRK_RESULT' || true)
  [ -n "$line" ] || fail "wrk gave no result for ${URLS[$i]}"
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  k=${KEYS[$i]}
  RPS[$k]=$(field rps); P50[$k]=$(field p50_ms); P99[$k]=$(field p99_ms)
  ERR[$k]=$(( $(field socket_errors) + $(field http_errors) ))
  printf '  %-28s %10s req/s   p50 %8s ms   p99 %8s ms   errors %s\n' "${NAMES[$i]}" "${RPS[$k]}" "${P50[$k]}" "${P99[$k]}" "${ERR[$k]}"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
PEAK_MB=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$PORTAL_PID/status")
RSS_MB=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PORTAL_PID/status")
for url in "$LIST" "$EDIT_URL"; do expect "$url" '<main'; done   # still signed in after the runs
# When wrk stops it drops its open connections: the requests in flight are cancelled (RequestAborted) and the request
# log records them as errors. Those are counted apart; any other error fails the run.
LOG_CANCELLED=$( { grep '"@l":"\(Error\|Fatal\)"' "$WORK/portal.log" || true; } | grep -c 'TaskCanceledException\|OperationCanceledException' || true)
LOG_ERRORS=$(( $(grep -c '"@l":"\(Error\|Fatal\)"' "$WORK/portal.log" || true) - LOG_CANCELLED ))
if [ "$LOG_ERRORS" -gt 0 ]; then
  { grep '"@l":"\(Error\|Fatal\)"' "$WORK/portal.log" | grep -v 'TaskCanceledException\|OperationCanceledException' | head -n 3 | cut -c1-600; } >&2 || true
fi
stop_portal

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v v="$1" -v op="$2" -v limit="$3" 'BEGIN { ok = (op == ">=" ? v >= limit : v <= limit); print (ok ? "met" : "MISSED") }'; }

{
  echo "| path | requests/s | ratio to /health/live | p50 (ms) | p99 (ms) | errors |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for i in "${!URLS[@]}"; do
    k=${KEYS[$i]}
    printf '| %s | %.0f | %s | %.2f | %.2f | %s |\n' "${NAMES[$i]}" "${RPS[$k]}" "$(ratio "${RPS[$k]}" "${RPS[live]}")" "${P50[$k]}" "${P99[$k]}" "${ERR[$k]}"
  done
  echo
  echo "| budget | measured | limit | verdict |"
  echo "| --- | ---: | ---: | --- |"
  r=$(ratio "${RPS[first]}" "${RPS[live]}"); echo "| list first page, share of /health/live req/s | $r | >= 0.15 | $(verdict "$r" ">=" 0.15) |"
  echo "| list first page p99 at $CONNECTIONS connections | ${P99[first]} ms | <= 25 ms | $(verdict "${P99[first]}" "<=" 25) |"
  r=$(ratio "${RPS[deep]}" "${RPS[first]}"); echo "| page $DEEP_PAGE vs first page req/s | $r | >= 0.80 | $(verdict "$r" ">=" 0.8) |"
  r=$(ratio "${RPS[search]}" "${RPS[first]}"); echo "| name search vs first page req/s | $r | >= 0.80 | $(verdict "$r" ">=" 0.8) |"
  r=$(ratio "${RPS[first]}" "${RPS[small]}"); echo "| first page, $COUNT vs $SMALL_COUNT credentials req/s | $r | >= 0.80 | $(verdict "$r" ">=" 0.8) |"
  r=$(ratio "${RPS[edit]}" "${RPS[live]}"); echo "| Edit page, share of /health/live req/s | $r | >= 0.15 | $(verdict "$r" ">=" 0.15) |"
  echo "| start-up to first /health/ready 200 (restart; CPU ${START_CPU_MS} ms) | ${START_MS} ms | <= 2000 ms | $(verdict "$START_MS" "<=" 2000) |"
  echo "| start-up, first start (creates the administrator; CPU ${FIRST_START_CPU_MS} ms) | ${FIRST_START_MS} ms | <= 2000 ms | $(verdict "$FIRST_START_MS" "<=" 2000) |"
  echo "| peak working set (VmHWM) | ${PEAK_MB} MB | <= 300 MB | $(verdict "$PEAK_MB" "<=" 300) |"
} >"$WORK/results.md"

echo
echo "== results ($MODE: $COUNT credentials in prod, $SMALL_COUNT in small, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s)"
cat "$WORK/results.md"
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), .NET $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }'), $(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2)"
echo "seeding: ${SEED_SECONDS} s; memory at the end: ${RSS_MB} MB resident; errors in the portal log: ${LOG_ERRORS} (plus ${LOG_CANCELLED} requests cancelled when wrk disconnected)"
echo "load average (1/5/15 min) before the runs: ${LOAD_BEFORE}; after: ${LOAD_AFTER}"
if [ "$MODE" = smoke ]; then
  echo "NOTE: --smoke proves that the script and the pages work; 3 s runs are too short for the verdicts to mean anything."
fi
if awk -v l="${LOAD_BEFORE%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
  echo "WARNING: the machine was busy before the runs (load above $(nproc)): absolute numbers are low, ratios less reliable."
fi
[ -n "$OUT" ] && cp "$WORK/results.md" "$OUT"

total_errors=0
for k in "${KEYS[@]}"; do total_errors=$(( total_errors + ERR[$k] )); done
[ "$total_errors" = 0 ] || fail "$total_errors failed requests during the load runs"
[ "$LOG_ERRORS" = 0 ] || fail "the portal logged $LOG_ERRORS errors"
echo "OK"
