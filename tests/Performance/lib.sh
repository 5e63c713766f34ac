# Functions shared by run.sh and ab.sh (sourced, not run).

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

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local candidate
  for _ in $(seq 1 50); do
    candidate=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}

# cursor KEY: the list's keyset cursor for "after KEY" (what the page's Next link carries).
cursor() { printf 'a%s' "$(printf '%s' "$1" | base64 -w0 | tr '+/' '-_' | tr -d '=')"; }
