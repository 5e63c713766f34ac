#!/usr/bin/env bash
# Side-by-side comparison of two builds of the portal (tests/Performance/README.md, "Comparing two builds"): publishes
# A (a git revision, HEAD by default) and B (this working tree, uncommitted changes included) as run.sh does, seeds one
# database (100,000 credentials in prod, 1,000 channel configurations) and gives each portal its own copy, starts both
# and then, round after round, runs wrk against A and B in turn (the order alternates), so that both meet the same
# machine at the same moment. Prints req/s and the portal's CPU time per request for each run, and B/A per path.
#
#   tests/Performance/ab.sh [--base REV] [--rounds N] [--duration S] [--warmup S] [--connections N] [--count N]
#                           [--seed-each] [--env-a NAME=VALUE]... [--env-b NAME=VALUE]... [PATH_KEY...]
#
# --seed-each: seed each portal's database with its own revision's seeder (for a change to what the seeder writes, such
# as the Data Protection key ring), instead of one database from this working tree's seeder for both.
# --env-a/--env-b: extra environment for one portal, to compare a setting on the same build (--base HEAD with a clean
# working tree), e.g. --env-b Kestrel__Limits__MaxResponseBufferSize=262144.
# PATH_KEY: live, first, edit, channels, floor (default: first edit channels live). Before its rounds, each path is
# warmed up on both portals for --warmup seconds (20; the JIT recompiles the hot code in the first seconds). Loopback
# only; the portals, the worktree and the temporary files are removed on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/tests/Performance"
# shellcheck source=lib.sh
. "$HERE/lib.sh"
BASE_REV=HEAD
ROUNDS=5
DURATION=10
WARMUP=20
CONNECTIONS=32
COUNT=100000
KEYS=()
ENV_A=()
ENV_B=()
SEED_EACH=0
while [ $# -gt 0 ]; do
  case "$1" in
    --base) BASE_REV=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --count) COUNT=$2; shift ;;
    --seed-each) SEED_EACH=1 ;;
    --env-a) ENV_A+=("$2"); shift ;;
    --env-b) ENV_B+=("$2"); shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) KEYS+=("$1") ;;
  esac
  shift
done
[ ${#KEYS[@]} -gt 0 ] || KEYS=(first edit channels live)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }

WORK=$(mktemp -d -t jo-sms-ab.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  git -C "$ROOT" worktree remove --force "$WORK/base" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "FAILED: $*" >&2; exit 1; }

publish() {  # publish SOURCE_ROOT OUT
  timeout 900 dotnet publish "$1/src/JourneyOptimizer.Sms.Web/JourneyOptimizer.Sms.Web.csproj" -c Release -r linux-x64 \
    --self-contained false -p:PublishReadyToRun=true -nologo -v q -o "$2" >"$2.log" 2>&1 || { tail -n 20 "$2.log" >&2; fail "publish $1"; }
}
echo "== A: $(git -C "$ROOT" rev-parse --short "$BASE_REV") ($BASE_REV); B: the working tree ($(git -C "$ROOT" status --porcelain | wc -l) changed files)"
git -C "$ROOT" worktree add --detach -q "$WORK/base" "$BASE_REV"
echo "== publish A and B"
publish "$WORK/base" "$WORK/a"
publish "$ROOT" "$WORK/b"
seed() {  # seed SOURCE_ROOT NAME: builds that tree's seeder and seeds $WORK/NAME.db
  timeout 900 dotnet build "$1/tests/Performance/JourneyOptimizer.Sms.Performance.Seeder/JourneyOptimizer.Sms.Performance.Seeder.csproj" \
    -c Release -nologo -v q -o "$WORK/seeder-$2" >/dev/null || fail "seeder build ($1)"
  timeout 600 dotnet "$WORK/seeder-$2/JourneyOptimizer.Sms.Performance.Seeder.dll" --db "$WORK/$2.db" --sandbox "prod:$COUNT" \
    --page 2 --channels 1000 --info "$WORK/$2.txt" 2>&1 | grep -v 'No XML encryptor' || fail "seeding ($1)"
}
echo "== seed: $COUNT credentials in prod, 1,000 channel configurations$([ "$SEED_EACH" = 1 ] && echo ", each side with its own seeder")"
seed "$ROOT" seed
[ "$SEED_EACH" = 0 ] || seed "$WORK/base" seed-a
EDIT_ID=$(grep -m1 '^prod.edit_id=' "$WORK/seed.txt" | cut -d= -f2-)
if [ "$SEED_EACH" = 1 ] && [ "$(grep -m1 '^prod.edit_id=' "$WORK/seed-a.txt" | cut -d= -f2-)" != "$EDIT_ID" ]; then
  fail "the two seeders chose different credentials for the Edit page"
fi

LIST=/sandboxes/prod/administration/channels/smssettings/apicredentials
declare -A URL=(
  [live]=/health/live
  [first]=$LIST
  [edit]=$LIST/edit/$EDIT_ID
  [channels]=/sandboxes/prod/administration/channels/generalsettings/channelconfigurations
  [floor]=/administration/sandboxes
)
for k in "${KEYS[@]}"; do [ -n "${URL[$k]:-}" ] || fail "unknown path key $k (live, first, edit, channels, floor)"; done

declare -A BASEURL COOKIE PID
for side in a b; do
  if [ "$side" = a ] && [ "$SEED_EACH" = 1 ]; then cp "$WORK/seed-a.db" "$WORK/a.db"; else cp "$WORK/seed.db" "$WORK/$side.db"; fi
  if [ "$side" = a ]; then extra=("${ENV_A[@]}"); else extra=("${ENV_B[@]}"); fi
  port=$(free_port) || fail "no free port"
  BASEURL[$side]="http://127.0.0.1:$port"
  ( run_portal "$ROOT/src/JourneyOptimizer.Sms.Web" "$WORK/$side/JourneyOptimizer.Sms.Web.dll" "$WORK/$side.db" "${BASEURL[$side]}" \
      "${extra[@]}" ) >"$WORK/portal-$side.log" 2>&1 &
  PID[$side]=$!
  PIDS+=("$!")
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "${BASEURL[$side]}/health/ready" || true)" = 200 ] && break
    kill -0 "${PID[$side]}" 2>/dev/null || { tail -n 20 "$WORK/portal-$side.log" >&2; fail "portal $side exited"; }
    sleep 0.1
  done
  COOKIE[$side]=$(sign_in "${BASEURL[$side]}" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$WORK") || fail "sign-in on $side"
  for k in "${KEYS[@]}"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Cookie: ${COOKIE[$side]}" "${BASEURL[$side]}${URL[$k]}")
    [ "$code" = 200 ] || fail "$side: GET ${URL[$k]} answered $code"
  done
done

TCK=$(getconf CLK_TCK)
run() {  # run SIDE KEY [SECONDS]: prints "RPS CPU_MS_PER_REQUEST"
  local side=$1 key=$2 seconds=${3:-$DURATION} before after line
  before=$(awk '{ print $14 + $15 }' "/proc/${PID[$side]}/stat")
  line=$(timeout $(( seconds + 30 )) wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s -s "$HERE/report.lua" \
    -H "Cookie: ${COOKIE[$side]}" "${BASEURL[$side]}${URL[$key]}" | grep '^WRK_RESULT') || fail "wrk on $side ${URL[$key]}"
  after=$(awk '{ print $14 + $15 }' "/proc/${PID[$side]}/stat")
  grep -q 'socket_errors=0 http_errors=0' <<<"$line" || fail "errors on $side ${URL[$key]}: $line"
  awk -v l="$line" -v t=$(( after - before )) -v tck="$TCK" 'BEGIN {
    n = split(l, f, " "); for (i = 1; i <= n; i++) { split(f[i], kv, "="); v[kv[1]] = kv[2] }
    printf "%.0f %.3f\n", v["rps"], t * 1000 / tck / v["requests"] }'
}

echo "== per path: ${WARMUP} s warm-up on each portal, then $ROUNDS rounds of wrk -t2 -c$CONNECTIONS -d${DURATION}s on A and B"
for k in "${KEYS[@]}"; do
  ratios=()
  for side in a b; do run "$side" "$k" "$WARMUP" >/dev/null; done
  for r in $(seq 1 "$ROUNDS"); do
    if [ $(( r % 2 )) = 1 ]; then order=(a b); else order=(b a); fi
    declare -A res=()
    for side in "${order[@]}"; do res[$side]=$(run "$side" "$k"); done
    ratio=$(awk -v a="${res[a]%% *}" -v b="${res[b]%% *}" 'BEGIN { printf "%.3f", b / a }')
    printf '  %-9s round %d  A %6s req/s (CPU %s ms/req)   B %6s req/s (CPU %s ms/req)   B/A %s\n' "$k" "$r" \
      "${res[a]%% *}" "${res[a]##* }" "${res[b]%% *}" "${res[b]##* }" "$ratio"
    ratios+=("$ratio")
  done
  median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
  echo "  $k: median B/A $median over $ROUNDS rounds"
done
for side in a b; do
  errors=$( { grep '"@l":"\(Error\|Fatal\)"' "$WORK/portal-$side.log" || true; } | grep -vc 'TaskCanceledException\|OperationCanceledException' || true)
  [ "$errors" = 0 ] || fail "portal $side logged $errors errors"
done
echo "OK"
