#!/usr/bin/env bash
# Madoguchi in demo mode: the whole system there is today, as a resident's journey. Headquarters
# (hq-server.jar --demo) opens on a free loopback port with a throwaway database. An emulated My
# Number card is put in a virtual reader (vsmartcard vpcd) of a pcscd of the demo's own; the card is
# read through the real PC/SC stack, the 住民票 application is filled from what it holds (書かない窓口:
# the resident writes nothing) into the paper form (PDF), its screen preview (PNG), its canonical
# JSON and a receipt; the card signs that JSON and the signature is verified. Then, with curl in
# place of the booth application and the clerk console (--booth shows both), the demo booth submits
# the signed application to headquarters over mutual TLS (and again with the same Idempotency-Key,
# which returns the same reference), asks for a clerk, and the demo clerk logs in, sees the queue
# and accepts the application. Then the video call runs on this machine (video-session.jar demo-call:
# a loopback Jitsi Meet stand-in and two headless Chromiums with a synthetic camera and microphone).
#
# The outputs are kept in ./demo-output/ (or $DEMO_OUTPUT) to look at afterwards; they hold only
# the emulated persona's synthetic data. Everything else (headquarters' data, the test authority,
# the demo booth's key) is in a temporary directory removed at the end.
#
#   ./scripts/demo.sh                 walk through it once and stop
#   ./scripts/demo.sh --keep-running  leave the card in the reader and headquarters running, until Ctrl-C
#   PERSONA=long-address ./scripts/demo.sh    another built-in persona (emulate --list-personas)
#   ./scripts/demo.sh --booth         instead: headquarters, the meeting server and the booth's screens with the
#                                     emulated card and its DEMO panel, until Ctrl-C (scripts/booth-demo.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--booth" ]; then
  shift
  exec scripts/booth-demo.sh "$@"
fi
keep_running=false
[ "${1:-}" = "--keep-running" ] && keep_running=true
persona=${PERSONA:-default}

scripts/install-system-deps.sh
jar=card-reader/target/card-reader.jar
forms_jar=forms/target/forms.jar
hq_jar=hq-server/target/hq-server.jar
video_jar=video-session/target/video-session.jar
sources=(pom.xml card-reader/pom.xml card-reader/src forms/pom.xml forms/src hq-link/pom.xml hq-link/src
  hq-server/pom.xml hq-server/src video-session/pom.xml video-session/src/main)
stale=false
for built in "$jar" "$forms_jar" "$hq_jar" "$video_jar"; do
  if [ ! -f "$built" ] || [ -n "$(find "${sources[@]}" -newer "$built" -print -quit)" ]; then
    stale=true
  fi
done
if $stale; then
  echo "== building card-reader.jar, forms.jar, hq-server.jar and video-session.jar"
  mvn -B -ntp -q -DskipTests package
fi
output=${DEMO_OUTPUT:-demo-output}
mkdir -p "$output"

. scripts/lib/private-pcscd.sh
. scripts/lib/demo-hq.sh
work=$(mktemp -d /tmp/madoguchi-demo.XXXXXX)
emulator_pid=
cleanup() {
  set +e # a stopped emulator's exit status must not cut the clean-up short
  demo_hq_stop
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null
    wait "$emulator_pid" 2>/dev/null
  fi
  private_pcscd_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== starting a pcscd of the demo's own, with the virtual readers of vsmartcard-vpcd"
private_pcscd_start
reader="Virtual PCD 00 00"
# shows a command as a person would type it (quoting arguments with spaces), then runs it
shown() {
  local name=$1 jar_file=$2 line="" arg
  shift 2
  for arg in "$@"; do
    case "$arg" in *" "*) line="$line \"$arg\"" ;; *) line="$line $arg" ;; esac
  done
  echo
  echo "\$ $name$line"
  java -jar "$jar_file" "$@"
}
tool() { shown card-reader "$jar" "$@"; }
forms() { shown forms "$forms_jar" "$@"; }
# the value of the first "NAME":"..." in the JSON on stdin (headquarters' answers are compact JSON);
# empty if there is none
json_string() { { grep -o "\"$1\":\"[^\"]*\"" || true; } | head -n 1 | sed 's/^"[^"]*":"\(.*\)"$/\1/'; }
# hq_curl [--no-body] EXPECTED CURL-ARGS...: shows a curl command as a person would type it, with
# $booth, $hq_ca and $token for the demo booth's directory, HQ's CA and the clerk's token (never the
# token itself), then runs it; prints the HTTP status and, unless --no-body, the answer (indented if
# python3 is there); leaves the answer in $work/answer.json; fails unless the status is EXPECTED.
hq_curl() {
  local show_body=true line="" arg status expected
  [ "$1" != --no-body ] || { show_body=false; shift; }
  expected=$1
  shift
  for arg in "$@"; do
    case "$arg" in
      *\"*) line="$line '$arg'" ;;
      *" "*) line="$line \"$arg\"" ;;
      *) line="$line $arg" ;;
    esac
  done
  line=${line//"$booth"/\$booth}
  line=${line//"$hq_ca"/\$hq_ca}
  [ -z "$token" ] || line=${line//"$token"/\$token}
  echo
  echo "\$ curl -sS$line"
  status=$(curl -sS -o "$work/answer.json" -w '%{http_code}' "$@")
  echo "HTTP $status"
  if $show_body && [ -s "$work/answer.json" ]; then
    # a login's token is a credential: never shown
    sed 's/"token":"[^"]*"/"token":"(not shown)"/' "$work/answer.json" > "$work/shown.json"
    python3 -m json.tool --indent 2 --no-ensure-ascii "$work/shown.json" 2>/dev/null || { cat "$work/shown.json"; echo; }
  fi
  if [ "$status" != "$expected" ]; then
    echo "headquarters answered HTTP $status; the demo expected $expected. The end of its log:" >&2
    tail -n 20 "$HQ_LOG" >&2
    return 1
  fi
}

echo "== putting the emulated My Number card (persona: $persona) into \"$reader\""
java -jar "$jar" emulate --vpcd "127.0.0.1:$VPCD_PORT" --persona "$persona" --authority "$work/authority" &
emulator_pid=$!
# The emulator serves the card only once TestAuthority.loadOrCreate has written the authority into
# $work/authority, so "card present" also means headquarters, started next, trusts that very
# authority (started on an empty directory it would make one of its own, which the card's
# certificates do not chain to, and every signature would fail its chain check).
card_in=false
for _ in $(seq 1 100); do
  if java -jar "$jar" readers 2>/dev/null | grep -q "^$reader.*card present"; then
    card_in=true
    break
  fi
  kill -0 "$emulator_pid" 2>/dev/null || break
  sleep 0.2
done
if ! $card_in; then
  echo "the emulated card did not appear in \"$reader\" (is the emulator running? see its messages above)" >&2
  exit 1
fi

echo
echo "== opening headquarters in demo mode (its data in a temporary directory; it trusts the emulator's test authority)"
demo_hq_start "$hq_jar" "$work/hq" "$work/authority"
echo "\$ hq-server --demo --port $HQ_PORT --data-dir $work/hq --test-authority $work/authority &"
# its banner, without its log lines and without the one-time enrolment code for another booth
grep -v -e '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T' -e 'enrolment code' "$HQ_LOG"

pin=$(java -jar "$jar" emulate --list-personas --lang en | awk -v p="$persona" '$1 == p { print $3 }')
password=$(java -jar "$jar" emulate --list-personas --lang en | awk -v p="$persona" '$1 == p { print $7 }')

tool readers
tool info --reader "$reader" --pin "$pin"
tool certs --reader "$reader"

echo
echo "== the resident chose 住民票の写し: the card fills the form, the resident only answers"
echo "\$ card-reader info --reader \"$reader\" --pin $pin --json > $output/card.json"
java -jar "$jar" info --reader "$reader" --pin "$pin" --json > "$output/card.json"
cat "$output/card.json"
printf '{"copies": 2, "purpose": "work"}\n' > "$output/answers.json"
echo "answers: $(cat "$output/answers.json")"
forms list --lang en
forms fill --form juminhyo --card "$output/card.json" --answers "$output/answers.json" \
  --pdf "$output/juminhyo.pdf" --png "$output/juminhyo.png" --json "$output/application.json" \
  --receipt "$output/receipt.txt"
cat "$output/receipt.txt"

echo
echo "== the resident signs the canonical JSON of the application with the card"
tool sign --reader "$reader" --password "$password" --in "$output/application.json" --out "$output/application.p7s"
tool verify --in "$output/application.p7s" --roots "$work/authority/trust"

echo
echo "== the booth sends the signed application to headquarters, over mutual TLS as the demo booth"
booth=$HQ_BOOTH_DIR
hq_ca="$work/hq/device-ca/device-ca.cert.pem"
token=
echo "booth=$booth    # the demo booth ($(cat "$booth/booth-id")): its key, its certificate and HQ's CA, from enrolment"
echo "hq_ca=$hq_ca"
booth_key="$booth/booth.key.pem"
form_id=$(sed -n 's/.*"form":{"id":"\([^"]*\)".*/\1/p' "$output/application.json")
# the form's routing key is in its catalogue definition; the application JSON does not carry it
routing=$(sed -n 's/^routing: *//p' "forms/src/main/resources/jp/madoguchi/forms/catalogue/$form_id.yaml")
[ -n "$form_id" ] && [ -n "$routing" ] || { echo "cannot tell the form id or its routing from $output/application.json" >&2; exit 1; }
body_format="{\"v\":1,\"formId\":\"$form_id\",\"routing\":\"$routing\",\"canonicalJsonBase64\":\"%s\",\"cmsBase64\":\"%s\"}"
echo
echo "\$ printf '$body_format' \"\$(base64 -w0 $output/application.json)\" \"\$(base64 -w0 $output/application.p7s)\" > $output/submission.json"
# shellcheck disable=SC2059 # the format is ours, the base64 goes through %s
printf "$body_format" "$(base64 -w0 "$output/application.json")" "$(base64 -w0 "$output/application.p7s")" \
  > "$output/submission.json"
# the booth makes the key when it puts the application in its outbox, and keeps it for every resend
idempotency_key=$(cat /proc/sys/kernel/random/uuid)
submit() {
  hq_curl "$@" --cacert "$hq_ca" --cert "$booth/booth.cert.pem" --key "$booth_key" \
    -H "Idempotency-Key: $idempotency_key" -H "Content-Type: application/json" \
    --data-binary "@$output/submission.json" "$HQ_URL/api/v1/applications"
}
submit 201
cp "$work/answer.json" "$output/submission-receipt.json"
reference=$(json_string reference < "$work/answer.json")
status=$(json_string status < "$work/answer.json")
[ -n "$reference" ] || { echo "headquarters' receipt holds no reference" >&2; exit 1; }
echo "headquarters stored the application as $reference: $status"

echo
echo "== the booth never saw that answer (say the line dropped): it sends the application again, same Idempotency-Key"
submit --no-body 200
again=$(json_string reference < "$work/answer.json")
if [ "$again" != "$reference" ]; then
  echo "the resend got reference ${again:-(none)}, not $reference: headquarters stored the application twice" >&2
  exit 1
fi
if cmp -s "$work/answer.json" "$output/submission-receipt.json"; then
  echo "the same reference $reference came back, in the very same receipt, byte for byte (200, not 201: stored once)"
else
  echo "the same reference $reference came back (200, not 201: stored once), though the receipt differs from the first:"
  diff "$output/submission-receipt.json" "$work/answer.json" || true
fi

echo
echo "== the resident asks to talk to a clerk about $reference"
hq_curl 201 --cacert "$hq_ca" --cert "$booth/booth.cert.pem" --key "$booth_key" -H "Content-Type: application/json" \
  --data-binary "{\"v\":1,\"routing\":\"$routing\",\"procedureId\":\"$form_id\",\"priority\":false,\"reference\":\"$reference\"}" \
  "$HQ_URL/api/v1/calls"

echo
echo "== at headquarters the clerk logs in (the demo clerk, with curl; --booth has the clerk console), sees the queues and decides"
hq_curl 200 --cacert "$hq_ca" -H "Content-Type: application/json" \
  --data-binary '{"v":1,"username":"demo","password":"madoguchi-demo"}' "$HQ_URL/api/v1/clerk/login"
token=$(json_string token < "$work/answer.json")
[ -n "$token" ] || { echo "the clerk login answered no token" >&2; exit 1; }
hq_curl 200 --cacert "$hq_ca" -H "Authorization: Bearer $token" "$HQ_URL/api/v1/clerk/queues"
hq_curl 204 --cacert "$hq_ca" -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
  --data-binary "{\"v\":1,\"reference\":\"$reference\",\"outcome\":\"accepted\",\"message\":\"住民票の写し2通をお渡しします。\"}" \
  "$HQ_URL/api/v1/clerk/decisions"

echo
echo "== the resident and the clerk talk: the video call, all on this machine (a loopback stand-in for Jitsi Meet,"
echo "== room tokens minted as headquarters mints them, two headless Chromiums with a synthetic camera and microphone)"
shown video-session "$video_jar" demo-call --seconds 4

echo
echo "== headquarters' health (boothsOnline counts booths with their presence WebSocket open: the demo booth, being curl, opens none)"
hq_curl 200 --cacert "$hq_ca" "$HQ_URL/health"

echo
echo "== done: the card was read and signed through Java → libpcsclite → pcscd → vpcd → the emulated card;"
echo "== headquarters verified the signature, stored $reference once, queued the call and recorded the clerk's decision;"
echo "== the booth and the clerk saw and heard each other (video-session.jar demo-call; --show for the booth's screen)."
echo "== look at $output/juminhyo.png (the preview), $output/juminhyo.pdf (the form), $output/application.json (what was signed),"
echo "== $output/submission-receipt.json (headquarters' receipt)."
if $keep_running; then
  echo "== the card stays in \"$reader\" (PCSCLITE_CSOCK_NAME=$PCSCLITE_CSOCK_NAME)"
  echo "== headquarters stays at $HQ_URL (CA: $hq_ca; health: http://127.0.0.1:$HQ_PORT/health);"
  echo "== clerk login: demo / madoguchi-demo; the demo booth's credentials: $booth; its log: $HQ_LOG"
  echo "== Ctrl-C to stop both"
  wait "$emulator_pid" "$HQ_PID"
fi
