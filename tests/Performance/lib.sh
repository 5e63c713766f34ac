# Functions shared by run.sh, ab.sh and webhooks/webhooks.sh (sourced, not run).

# The Bootstrap administrator the benchmarks create and sign in with.
ADMIN_EMAIL=admin@example.com
ADMIN_PASSWORD='Adm1n!Passw0rd'

# run_portal WEB_PROJECT_FOLDER DLL DB URL [NAME=VALUE]...: runs the portal as in production, with that SQLite file and
# the Bootstrap administrator, listening on URL; extra NAME=VALUE pairs are added to its environment. It replaces the
# calling (sub)shell: run it as ( run_portal ... ) >>log 2>&1 &.
run_portal() {
  local web=$1 dll=$2 db=$3 url=$4
  shift 4
  cd "$web" || return 1
  # wrk replays the one cookie of the sign-in and never stores the renewed cookie that a browser gets when the
  # security stamp is re-validated (every minute by default): past the first minute every request would re-validate.
  # The interval is set to what a browser experiences in a run of this length: once, not on every request.
  exec env ASPNETCORE_ENVIRONMENT=Production "ConnectionStrings__Portal=Data Source=$db" \
    "Bootstrap__AdminEmail=$ADMIN_EMAIL" "Bootstrap__AdminPassword=$ADMIN_PASSWORD" \
    "Identity__SecurityStampValidationInterval=01:00:00" "$@" \
    dotnet "$dll" --urls "$url" --contentRoot "$web"
}

# sign_in BASE EMAIL PASSWORD DIR: signs in with curl as a browser would (GET the form, POST it with its antiforgery
# token and cookie) and prints the "Cookie:" value wrk replays (the jo.sms.auth cookie, in chunks if it is split).
# Returns non-zero with a message on stderr when any step fails.
sign_in() {
  local base=$1 email=$2 password=$3 dir=$4 jar token code cookie
  jar="$dir/cookies-$RANDOM.txt"
  curl -s --max-time 10 -c "$jar" -b "$jar" "$base/account/sign-in" >"$jar.html" || { echo "GET /account/sign-in failed" >&2; return 1; }
  token=$( { grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' "$jar.html" || true; } | head -n1 | sed 's/.*value="\([^"]*\)".*/\1/')
  [ -n "$token" ] || { echo "no antiforgery token on /account/sign-in" >&2; return 1; }
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -c "$jar" -b "$jar" \
    --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/account/sign-in")
  [ "$code" = 302 ] || { echo "sign-in answered $code" >&2; return 1; }
  cookie=$(awk -F'\t' 'NF >= 7 && $6 ~ /^jo\.sms\.auth/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
  [ -n "$cookie" ] || { echo "no jo.sms.auth cookie after sign-in" >&2; return 1; }
  printf '%s' "$cookie"
}

# free_port: prints a TCP port on 127.0.0.1 that no socket uses. It is taken below the kernel's range of ephemeral ports
# (/proc/sys/net/ipv4/ip_local_port_range, 32768-60999 here), where outgoing connections take their local ports: a port
# held by one of them refuses connections, so the old check found it free, and yet the portal could not bind it and
# exited at start-up (CI, 2026-11-24).
free_port() {
  local candidate low=20000 high
  high=$(awk '{ print $1 - 1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true)
  [ -n "$high" ] && [ "$high" -gt $(( low + 1000 )) ] || high=32767
  for _ in $(seq 1 50); do
    candidate=$(( low + RANDOM % (high - low + 1) ))
    if command -v ss >/dev/null 2>&1 && [ -n "$(ss -Htan "( sport = :$candidate )" 2>/dev/null)" ]; then
      continue
    fi
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}
