#!/usr/bin/env bash
# Load test of the portal's pages (tests/Performance/README.md): builds the portal, seeds a SQLite database, starts the
# portal on 127.0.0.1, signs in, runs wrk against each path and prints requests/s, p50, p99, the portal's CPU time per
# request, the ratio to /health/live, start-up time, peak memory and the budgets of docs/performance.md (issue 24).
#
#   tests/Performance/run.sh            full run: ReadyToRun publish, 100,000 credentials, 20 s per path, then the
#                                       signed-callback benchmark (webhooks/webhooks.sh; about 15 minutes in all)
#   tests/Performance/run.sh --smoke    CI check that everything works: Debug build, 1,000 credentials, 2 s per path
#
# Options: --count N (credentials in prod), --duration S, --warmup S, --connections N (default for every path),
# --out FILE (Markdown tables), --jit (measure the Release build output instead of the ReadyToRun publish),
# --no-build, --no-webhooks (skip the signed-callback benchmark that a full run ends with). Loopback only; every step is bounded in time; the portal and the temporary files are removed on exit.
#
# To measure another page, add one `path` line in "The paths" below (and its seeding, if it needs data).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/tests/Performance"
# shellcheck source=lib.sh
. "$HERE/lib.sh"
COUNT=100000
SMALL_COUNT=100
CHANNELS=1000
DURATION=20
# 20 s per path: with less, the first paths are measured while the JIT still recompiles the hot code (tiered
# compilation with PGO, also over ReadyToRun code). With 5 s, the list's first page cost 0.825 ms of CPU per request and
# the same page measured later in the run 0.701 ms (docs/performance.md, fifth round).
WARMUP=20
CONNECTIONS=32
THREADS=2
BUILD=1
OUT=""
MODE=full
WEBHOOKS=1
FLAVOUR=r2r                       # r2r: dotnet publish -r linux-x64 -p:PublishReadyToRun=true; jit: dotnet build -c Release; debug
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) MODE=smoke; COUNT=1000; CHANNELS=100; DURATION=2; WARMUP=1; FLAVOUR=debug; WEBHOOKS=0 ;;
    --no-webhooks) WEBHOOKS=0 ;;
    --count) COUNT=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --out) OUT=$2; shift ;;
    --jit) FLAVOUR=jit ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
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
case "$FLAVOUR" in
  # What a deployment runs: framework-dependent, ahead-of-time compiled (ReadyToRun), so that start-up does not JIT.
  r2r) WEB_DLL="$WEB/bin/Release/net10.0/linux-x64/publish/JourneyOptimizer.Sms.Web.dll"; CONFIGURATION=Release ;;
  jit) WEB_DLL="$WEB/bin/Release/net10.0/JourneyOptimizer.Sms.Web.dll"; CONFIGURATION=Release ;;
  debug) WEB_DLL="$WEB/bin/Debug/net10.0/JourneyOptimizer.Sms.Web.dll"; CONFIGURATION=Debug ;;
esac
SEEDER_DLL="$SEEDER_PROJECT/bin/$CONFIGURATION/net10.0/JourneyOptimizer.Sms.Performance.Seeder.dll"
if [ "$BUILD" = 1 ]; then
  echo "== build ($FLAVOUR)"
  if [ "$FLAVOUR" = r2r ]; then
    timeout 900 dotnet publish "$WEB/JourneyOptimizer.Sms.Web.csproj" -c Release -r linux-x64 --self-contained false \
      -p:PublishReadyToRun=true -nologo -v q
  else
    timeout 900 dotnet build "$WEB/JourneyOptimizer.Sms.Web.csproj" -c "$CONFIGURATION" -nologo -v q
  fi
  timeout 900 dotnet build "$SEEDER_PROJECT/JourneyOptimizer.Sms.Performance.Seeder.csproj" -c "$CONFIGURATION" -nologo -v q
fi
[ -f "$WEB_DLL" ] && [ -f "$SEEDER_DLL" ] || fail "build first: $WEB_DLL or $SEEDER_DLL is missing"

PAGE_SIZE=50
DEEP_PAGE=$(( COUNT / PAGE_SIZE < 1000 ? COUNT / PAGE_SIZE : 1000 ))
[ "$DEEP_PAGE" -ge 2 ] || fail "--count must be at least $((2 * PAGE_SIZE))"
DB="$WORK/portal.db"
echo "== seed: $COUNT credentials in prod, $SMALL_COUNT in small"
seed_start=$(now_ms)
timeout 600 dotnet "$SEEDER_DLL" --db "$DB" --sandbox "prod:$COUNT" --sandbox "small:$SMALL_COUNT" \
  --page "$DEEP_PAGE" --channels "$CHANNELS" --info "$WORK/seed.txt" 2>&1 | grep -v 'No XML encryptor' || fail "seeding"
info() { grep -m1 "^$1=" "$WORK/seed.txt" | cut -d= -f2- ; }
# More data for other paths goes here (into "$DB", before the portal starts; append KEY=VALUE lines to "$WORK/seed.txt"
# to read them with `info KEY` in the paths below).
SEED_SECONDS=$(awk -v ms=$(( $(now_ms) - seed_start )) 'BEGIN { printf "%.1f", ms / 1000 }')

PORT=$(free_port || true)
[ -n "$PORT" ] || fail "no free port"
BASE="http://127.0.0.1:$PORT"

# Starts the portal as in production; STARTUP_MS is the time until /health/ready answers 200.
# (Not called in $(...): PORTAL_PID must stay in this shell for stop_portal and the exit trap.)
STARTUP_MS=0
STARTUP_CPU_MS=0
start_portal() {
  local started ready code
  started=$(now_ms)
  ( run_portal "$WEB" "$WEB_DLL" "$DB" "$BASE" ) >>"$WORK/portal.log" 2>&1 &
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
COOKIE=$(sign_in "$BASE" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$WORK") || fail "sign-in"

cursor() { printf 'a%s' "$(printf '%s' "$1" | base64 -w0 | tr '+/' '-_' | tr -d '=')"; }
LIST=/sandboxes/prod/administration/channels/smssettings/apicredentials
SMALL_LIST=/sandboxes/small/administration/channels/smssettings/apicredentials
SEARCH_TEXT=growth

# ---- The paths --------------------------------------------------------------------------------------------------
# path KEY "NAME" URL [options]: one measured row, in this order. KEY names it in the budgets below.
#   --expect TEXT       GET the URL once before the runs: it must answer 200 and contain TEXT (a redirect to the
#                       sign-in page would be fast too). Without it the URL is not checked before the run.
#   --script FILE       a wrk Lua script (request(), init(args), ...) for POSTs, signatures, rotating URLs; run.sh
#                       appends report.lua to it, so it must not define done(). Relative to tests/Performance.
#   --arg VALUE         passed to the script's init(args) (repeat for several).
#   --connections N     wrk connections for this path (default --connections, 32).
#   --anonymous         without the signed-in cookie (e.g. provider callbacks).
# Every response >= 400 and every socket error counts as a failed request and fails the run.
KEYS=()
declare -A NAME URL EXPECT SCRIPT SCRIPT_ARGS CONNS ANON
path() {
  local key=$1
  KEYS+=("$key"); NAME[$key]=$2; URL[$key]=$3; EXPECT[$key]=""; SCRIPT[$key]=""; SCRIPT_ARGS[$key]=""
  CONNS[$key]=$CONNECTIONS; ANON[$key]=0
  shift 3
  while [ $# -gt 0 ]; do
    case "$1" in
      --expect) EXPECT[$key]=$2; shift ;;
      --script) SCRIPT[$key]=$2; shift ;;
      --arg) SCRIPT_ARGS[$key]+="$2"$'\n'; shift ;;
      --connections) CONNS[$key]=$2; shift ;;
      --anonymous) ANON[$key]=1 ;;
      *) fail "path $key: unknown option $1" ;;
    esac
    shift
  done
}

path live "/health/live" /health/live --expect Healthy
path first "list, first page" "$LIST" --expect 'data-testid="credentials-table"'
path deep "list, page $DEEP_PAGE" "$LIST?cursor=$(cursor "$(info "prod.page_${DEEP_PAGE}_after")")" \
  --expect ">$(info "prod.page_${DEEP_PAGE}_first")<"
path search "list, name search" "$LIST?q=$SEARCH_TEXT" --expect ">Growth "
path edit "Edit page" "$LIST/edit/$(info prod.edit_id)" --expect 'data-testid="token-hint"'
path small "list, first page ($SMALL_COUNT)" "$SMALL_LIST" --expect 'data-testid="credentials-table"'
# Channel configurations: the first page (50) of $CHANNELS Active configurations in prod.
path channels "channel configurations list" "/sandboxes/prod/administration/channels/generalsettings/channelconfigurations" \
  --expect 'data-testid="configurations-table"'
# The Sandboxes page (two rows, the same layout) is the floor: what any signed-in page of the portal costs.
path floor "Sandboxes page (layout floor)" /administration/sandboxes --expect '<table'
# The reference again, as a probe calls it: without the session cookie. /health/live above carries the cookie like every
# path (the budgets' reference since the first round), so it pays cookie authentication too; this row shows how much.
path anonymous "/health/live, no session cookie" /health/live --expect Healthy --anonymous
# ------------------------------------------------------------------------------------------------------------------

# wrk's arguments for a path (the Lua script is the path's own plus report.lua, which prints one WRK_RESULT line).
wrk_args() {
  local key=$1 lua="$WORK/wrk-$1.lua"
  if [ ! -f "$lua" ]; then
    if [ -n "${SCRIPT[$key]}" ]; then
      (cd "$HERE" && cat "${SCRIPT[$key]}") >"$lua" || fail "path $key: cannot read ${SCRIPT[$key]}"
      printf '\n' >>"$lua"
    fi
    cat "$HERE/report.lua" >>"$lua"
  fi
  WRK_ARGS=(-t"$THREADS" -c"${CONNS[$key]}" --timeout 5s -s "$lua")
  [ "${ANON[$key]}" = 1 ] || WRK_ARGS+=(-H "Cookie: $COOKIE")
  WRK_ARGS+=("$BASE${URL[$key]}")
  if [ -n "${SCRIPT_ARGS[$key]}" ]; then
    WRK_ARGS+=(--)
    while IFS= read -r a; do WRK_ARGS+=("$a"); done <<<"${SCRIPT_ARGS[$key]%$'\n'}"
  fi
}

# Each checked path must answer 200 with the expected content before it is measured.
get() { curl -s --max-time 10 -H "Cookie: $COOKIE" -w '\n%{http_code}' "$BASE$1"; }
expect() {
  local body
  body=$(get "$1")
  [ "$(tail -n1 <<<"$body")" = 200 ] || fail "GET $1 answered $(tail -n1 <<<"$body")"
  grep -qF -- "$2" <<<"$body" || fail "GET $1 does not show '$2'"
}
for k in "${KEYS[@]}"; do
  [ -z "${EXPECT[$k]}" ] || expect "${URL[$k]}" "${EXPECT[$k]}"
done
# The deep page's cursor is computed, not followed: it must equal what the page's own Next link carries.
page2_href=$(get "$LIST" | { grep -o '<a [^>]*rel="next"[^>]*>' || true; } | head -n1 | sed 's/.* href="\([^"]*\)".*/\1/; s/&amp;/\&/g')
[ "$page2_href" = "$LIST?cursor=$(cursor "$(info prod.page_2_after)")" ] \
  || fail "the computed cursor differs from the page's own Next link ($page2_href)"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$PORTAL_PID/stat"; }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== warm-up: ${WARMUP} s per path"
for k in "${KEYS[@]}"; do
  wrk_args "$k"
  timeout $(( WARMUP + 30 )) wrk -d"${WARMUP}s" "${WRK_ARGS[@]}" >/dev/null || fail "wrk failed on ${URL[$k]}"
done

echo "== load: wrk -t$THREADS -d${DURATION}s per path, /health/live again after each"
TCK=$(getconf CLK_TCK)
declare -A RPS P50 P99 ERR CPU REF_RPS REF_CPU
# measure KEY: one wrk run of the path; sets M_RPS, M_P50, M_P99, M_ERR and M_CPU.
measure() {
  wrk_args "$1"
  local before after line
  before=$(cpu_ticks)
  line=$(timeout $(( DURATION + 30 )) wrk -d"${DURATION}s" "${WRK_ARGS[@]}" | grep '^WRK_RESULT' || true)
  after=$(cpu_ticks)
  [ -n "$line" ] || fail "wrk gave no result for ${URL[$1]}"
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  M_RPS=$(field rps); M_P50=$(field p50_ms); M_P99=$(field p99_ms)
  M_ERR=$(( $(field socket_errors) + $(field http_errors) ))
  # The portal's CPU time (all threads) per completed request: much less sensitive to a busy machine than req/s.
  M_CPU=$(awk -v t=$(( after - before )) -v n="$(field requests)" -v tck="$TCK" 'BEGIN { printf "%.3f", (n > 0 ? t * 1000 / tck / n : 0) }')
  printf '  %-32s %10s req/s   p50 %8s ms   p99 %8s ms   CPU %6s ms/req   errors %s\n' "${NAME[$1]}" "$M_RPS" "$M_P50" "$M_P99" "$M_CPU" "$M_ERR"
}
# The reference, /health/live, is measured before the first path and again after every path, and each path is compared
# with the mean of the two runs around it. The machine's speed drifts by 10-20% over a run (docs/performance.md, tenth
# round), and /health/live, at some 30,000 requests/s, moved the most: measured once at the start, it made the same
# pages' shares 0.13 in one run and 0.15 in the next. Its own row shows the median run; LIVE_RUNS lists them all.
LIVE_RUNS=()
live_errors=0
measure_live() { measure live; LIVE_RUNS+=("$M_RPS|$M_P50|$M_P99|$M_CPU"); live_errors=$(( live_errors + M_ERR )); }
measure_live
prev_rps=$M_RPS; prev_cpu=$M_CPU
for k in "${KEYS[@]}"; do
  [ "$k" != live ] || continue
  measure "$k"
  RPS[$k]=$M_RPS; P50[$k]=$M_P50; P99[$k]=$M_P99; ERR[$k]=$M_ERR; CPU[$k]=$M_CPU
  measure_live
  REF_RPS[$k]=$(awk -v a="$prev_rps" -v b="$M_RPS" 'BEGIN { printf "%.2f", (a + b) / 2 }')
  REF_CPU[$k]=$(awk -v a="$prev_cpu" -v b="$M_CPU" 'BEGIN { printf "%.4f", (a + b) / 2 }')
  prev_rps=$M_RPS; prev_cpu=$M_CPU
done
median_live=$(printf '%s\n' "${LIVE_RUNS[@]}" | sort -t'|' -k1,1g | awk -v n="${#LIVE_RUNS[@]}" 'NR == int((n + 1) / 2)')
IFS='|' read -r RPS[live] P50[live] P99[live] CPU[live] <<<"$median_live"
ERR[live]=$live_errors; REF_RPS[live]=${RPS[live]}; REF_CPU[live]=${CPU[live]}
LIVE_SPREAD=$(printf '%s\n' "${LIVE_RUNS[@]}" | cut -d'|' -f1 | sort -g | awk '{ v[NR] = $1 } END { printf "%.0f-%.0f req/s over %d runs", v[1], v[NR], NR }')
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
PEAK_MB=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$PORTAL_PID/status")
RSS_MB=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PORTAL_PID/status")
for k in first edit; do expect "${URL[$k]}" '<main'; done   # still signed in after the runs
# When wrk stops it drops its open connections: the requests in flight are cancelled (RequestAborted) and the request
# log records them as errors. Those are counted apart; any other error fails the run.
LOG_CANCELLED=$( { grep '"@l":"\(Error\|Fatal\)"' "$WORK/portal.log" || true; } | grep -c 'TaskCanceledException\|OperationCanceledException' || true)
LOG_ERRORS=$(( $(grep -c '"@l":"\(Error\|Fatal\)"' "$WORK/portal.log" || true) - LOG_CANCELLED ))
if [ "$LOG_ERRORS" -gt 0 ]; then
  { grep '"@l":"\(Error\|Fatal\)"' "$WORK/portal.log" | grep -v 'TaskCanceledException\|OperationCanceledException' | head -n 3 | cut -c1-600; } >&2 || true
fi
stop_portal

# Shares are printed with three decimals, and a budget compares them unrounded (0.146 is not 0.15).
ratio3() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v v="$1" -v op="$2" -v limit="$3" 'BEGIN { ok = (op == ">=" ? v >= limit : v <= limit); print (ok ? "met" : "MISSED") }'; }
has() { [ -n "${RPS[$1]:-}" ]; }
# budget "TEXT" MEASURED OP LIMIT [UNIT]
budget() { echo "| $1 | $2${5:-} | $3 $4${5:-} | $(verdict "$2" "$3" "$4") |"; }
# share KEY LIMIT "TEXT": req/s of KEY as a share of /health/live's; versus A B LIMIT "TEXT": req/s of A over B's.
share() { has "$1" && budget "$3" "$(ratio3 "${RPS[$1]}" "${REF_RPS[$1]}")" ">=" "$2" || true; }
versus() { has "$1" && has "$2" && budget "$4" "$(ratio3 "${RPS[$1]}" "${RPS[$2]}")" ">=" "$3" || true; }
p99() { has "$1" && budget "$3 p99 at ${CONNS[$1]} connections" "${P99[$1]}" "<=" "$2" " ms" || true; }

{
  echo "| path | requests/s | /health/live around it (req/s) | ratio to /health/live | p50 (ms) | p99 (ms) | connections | portal CPU per request (ms) | CPU ratio to /health/live | errors |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for k in "${KEYS[@]}"; do
    printf '| %s | %.0f | %.0f | %s | %.2f | %.2f | %s | %.3f | %s | %s |\n' "${NAME[$k]}" "${RPS[$k]}" "${REF_RPS[$k]}" "$(ratio3 "${RPS[$k]}" "${REF_RPS[$k]}")" \
      "${P50[$k]}" "${P99[$k]}" "${CONNS[$k]}" "${CPU[$k]}" "$(ratio3 "${REF_CPU[$k]}" "${CPU[$k]}")" "${ERR[$k]}"
  done
  echo
  echo "/health/live: the median of its runs before the first path and after each path ($LIVE_SPREAD); each path's ratio is to the mean of the two runs around it."
  echo
  echo "| budget | measured | limit | verdict |"
  echo "| --- | ---: | ---: | --- |"
  # ---- The budgets (issue 24, docs/performance.md): add a line for a new path --------------------------------
  # Every page answers with p99 <= 50 ms at its connection count (the /health/live rows are the reference, not pages).
  for k in "${KEYS[@]}"; do
    case "$k" in live|anonymous) ;; *) p99 "$k" 50 "${NAME[$k]}" ;; esac
  done
  share first 0.10 "credentials list (first page, $COUNT credentials), share of /health/live req/s"
  share edit 0.10 "Edit page, share of /health/live req/s"
  share channels 0.10 "channel configurations list, share of /health/live req/s"
  versus first small 0.80 "first page, $COUNT vs $SMALL_COUNT credentials req/s"
  # -------------------------------------------------------------------------------------------------------------
  budget "start-up to ready, restart (first /health/ready 200; CPU ${START_CPU_MS} ms)" "$START_MS" "<=" 2000 " ms"
  budget "start-up to ready, first start (creates the administrator; CPU ${FIRST_START_CPU_MS} ms)" "$FIRST_START_MS" "<=" 2000 " ms"
  budget "peak working set (VmHWM)" "$PEAK_MB" "<=" 300 " MB"
} >"$WORK/results.md"

echo
echo "== results ($MODE, $FLAVOUR build: $COUNT credentials in prod, $SMALL_COUNT in small, wrk -t$THREADS -d${DURATION}s)"
cat "$WORK/results.md"
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), .NET $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }'), $(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2)"
echo "seeding: ${SEED_SECONDS} s; memory at the end: ${RSS_MB} MB resident; errors in the portal log: ${LOG_ERRORS} (plus ${LOG_CANCELLED} requests cancelled when wrk disconnected)"
echo "load average (1/5/15 min) before the runs: ${LOAD_BEFORE}; after: ${LOAD_AFTER}"
if [ "$MODE" = smoke ]; then
  echo "NOTE: --smoke proves that the script and the pages work (Debug build, ${DURATION} s runs): its numbers and verdicts mean nothing."
fi
if awk -v l="${LOAD_BEFORE%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
  echo "WARNING: the machine was busy before the runs (load above $(nproc)): absolute numbers are low, ratios less reliable."
fi
[ -n "$OUT" ] && cp "$WORK/results.md" "$OUT"

total_errors=0
for k in "${KEYS[@]}"; do total_errors=$(( total_errors + ERR[$k] )); done
[ "$total_errors" = 0 ] || fail "$total_errors failed requests during the load runs"
[ "$LOG_ERRORS" = 0 ] || fail "the portal logged $LOG_ERRORS errors"

# The last hot path: signed Twilio status callbacks at 64 connections, with their own portal (Release build), database
# and /health/live reference, and the stored == acknowledged check (tests/Performance/webhooks/README.md).
if [ "$WEBHOOKS" = 1 ]; then
  stop_portal
  echo
  echo "== signed Twilio status callbacks: tests/Performance/webhooks/webhooks.sh"
  "$HERE/webhooks/webhooks.sh" || fail "the signed-callback benchmark failed or missed its budget (output above)"
fi
echo "OK"
