#!/usr/bin/env bash
# The whole system in demo mode, with the booth's screens, in one command (README quick start):
#   - headquarters in demo mode (hq-server.jar --demo) on a free loopback port, with a throwaway database; it trusts
#     the test authority the booth's emulated cards come from, and names the meeting server below as its Jitsi;
#   - the loopback meeting server standing in for Jitsi Meet (video-session.jar meet), checking headquarters' room
#     tokens with headquarters' demo app secret, with its lobby: the booth knocks, the clerk console admits it;
#   - the booth (kiosk-app.jar --demo), windowed, as headquarters' enrolled demo booth, with the emulated My Number
#     card in-process and the DEMO panel in the top right corner of the screen to insert and remove it.
#   - the clerk console (clerk-console.jar --demo), logged in by you as demo / madoguchi-demo (an administrator) or
#     demo2 / madoguchi-demo2: it lists the booth's call, answers it with video and decides the application.
# Everything stops with Ctrl-C or when the booth's window is closed.
#
#   ./scripts/demo.sh --booth                      (this script)
#   ./scripts/demo.sh --booth --persona gaiji      the persona first chosen in the demo panel
#   ./scripts/demo.sh --booth --lang en            the attract screen's language
#   ./scripts/demo.sh --booth --seconds 20         stop by itself after 20 s (a check; runs under xvfb-run without a display)
#
# Built jars are rebuilt when their sources are newer. The booth's data (key, store, log) and headquarters' are in a
# temporary directory removed at the end; DEMO_BOOTH_DATA=DIR keeps the booth's somewhere else.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=
persona=default
lang=ja
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
    --persona) persona=${2:?--persona needs an id}; shift 2 ;;
    --lang) lang=${2:?--lang needs a code}; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$seconds" in ''|*[!0-9]*) [ -z "$seconds" ] || { echo "--seconds needs a whole number" >&2; exit 2; } ;; esac

scripts/install-system-deps.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  if [ -n "$seconds" ]; then
    exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" --seconds "$seconds" --persona "$persona" --lang "$lang"
  fi
  echo "the booth needs a screen: run this in a desktop session (DISPLAY is not set)." >&2
  echo "to check that everything starts without one: $0 --seconds 20" >&2
  exit 1
fi
# a machine without a sound card: OpenJFX Media plays into ALSA's null device
[ -d /dev/snd ] || export ALSA_CONFIG_PATH="$PWD/kiosk-app/src/test/resources/alsa-null.conf"

hq_jar=hq-server/target/hq-server.jar
video_jar=video-session/target/video-session.jar
kiosk_jar=kiosk-app/target/kiosk-app.jar
console_jar=clerk-console/target/clerk-console.jar
sources=(pom.xml card-reader/pom.xml card-reader/src/main forms/pom.xml forms/src/main hq-link/pom.xml hq-link/src/main
  hq-server/pom.xml hq-server/src/main video-session/pom.xml video-session/src/main kiosk-app/pom.xml kiosk-app/src/main
  clerk-console/pom.xml clerk-console/src/main)
stale=false
for built in "$hq_jar" "$video_jar" "$kiosk_jar" "$console_jar"; do
  if [ ! -f "$built" ] || [ -n "$(find "${sources[@]}" -newer "$built" -print -quit)" ]; then
    stale=true
  fi
done
if $stale; then
  echo "== building hq-server.jar, video-session.jar, kiosk-app.jar and clerk-console.jar"
  mvn -B -ntp -q -DskipTests package
fi

. scripts/lib/demo-hq.sh
work=$(mktemp -d /tmp/madoguchi-booth-demo.XXXXXX)
booth_data=${DEMO_BOOTH_DATA:-$work/booth}
meet_pid=
booth_pid=
console_pid=
stop_pid() { # PID NAME: SIGTERM, then SIGKILL after 15 s
  local pid=$1 waited=0
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 150 ]; do sleep 0.1; waited=$((waited + 1)); done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$2 did not stop within 15 s of SIGTERM; killing it" >&2
    kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
}
cleanup() {
  set +e
  stop_pid "$booth_pid" "the booth"
  stop_pid "$console_pid" "the clerk console"
  stop_pid "$meet_pid" "the meeting server"
  demo_hq_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
meet_port=
for _ in $(seq 1 50); do
  candidate=$(( (RANDOM % 20000) * 2 + 20002 ))
  if port_is_free "$candidate"; then meet_port=$candidate; break; fi
done
[ -n "$meet_port" ] || { echo "no free TCP port found for the meeting server" >&2; exit 1; }

echo "== headquarters (demo), its Jitsi domain being the loopback meeting server at 127.0.0.1:$meet_port"
export MADOGUCHI_HQ_JITSI_DOMAIN="127.0.0.1:$meet_port"
demo_hq_start "$hq_jar" "$work/hq" "$work/test-authority"
unset MADOGUCHI_HQ_JITSI_DOMAIN
echo "\$ MADOGUCHI_HQ_JITSI_DOMAIN=127.0.0.1:$meet_port hq-server --demo --port $HQ_PORT --data-dir $work/hq --test-authority $work/test-authority &"
grep -v -e '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T' -e 'enrolment code' "$HQ_LOG"

echo
echo "== the loopback meeting server (a Jitsi Meet stand-in), checking headquarters' room tokens"
echo "\$ video-session meet --port $meet_port --app-secret-file $work/hq/demo/jitsi-secret &"
java -jar "$video_jar" meet --port "$meet_port" --app-secret-file "$work/hq/demo/jitsi-secret" \
  > "$work/meet.log" 2>&1 &
meet_pid=$!
for _ in $(seq 1 300); do
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$meet_port/external_api.js" && break
  kill -0 "$meet_pid" 2>/dev/null || { echo "the meeting server exited; its output:" >&2; cat "$work/meet.log" >&2; exit 1; }
  sleep 0.2
done
curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$meet_port/external_api.js" \
  || { echo "the meeting server did not answer within 60 s; its output:" >&2; cat "$work/meet.log" >&2; exit 1; }

echo
echo "== the booth (demo mode): the DEMO panel in the top right corner inserts and removes the emulated card"
echo "\$ kiosk-app --demo --data-dir $booth_data --hq-url $HQ_URL --booth-dir $HQ_BOOTH_DIR --test-authority $work/test-authority --persona $persona --lang $lang &"
# the booth's shipped JVM options (README "Starting the booth"): a small serial-collected heap, and its class-data
# sharing archive, made by its first start (written when it stops) and mapped by the starts after it
mkdir -p "$booth_data"
booth_jvm=(-XX:+UseSerialGC -Xms32m -Xmx256m -XX:TieredStopAtLevel=1)
if [ -f "$booth_data/booth.jsa" ]; then
  booth_jvm+=("-XX:SharedArchiveFile=$booth_data/booth.jsa")
else
  # -Xlog:cds=off: writing the archive lists every class it cannot take (old picocli bytecode...) as a warning
  booth_jvm+=("-XX:ArchiveClassesAtExit=$booth_data/booth.jsa" "-Xlog:cds=off" "-Xlog:cds+dynamic=off")
fi
java "${booth_jvm[@]}" -jar "$kiosk_jar" --demo --data-dir "$booth_data" --hq-url "$HQ_URL" --booth-dir "$HQ_BOOTH_DIR" \
  --test-authority "$work/test-authority" --persona "$persona" --lang "$lang" &
booth_pid=$!

echo
echo "== the clerk console (demo mode): log in as demo / madoguchi-demo (administrator) or demo2 / madoguchi-demo2"
console_lang=ja
[ "$lang" = "ja" ] || [ "$lang" = "ja-easy" ] || console_lang=en
echo "\$ clerk-console --demo --hq-url $HQ_URL --hq-ca $HQ_BOOTH_DIR/hq-ca.pem --lang $console_lang &"
java -jar "$console_jar" --demo --hq-url "$HQ_URL" --hq-ca "$HQ_BOOTH_DIR/hq-ca.pem" --lang "$console_lang" \
  > "$work/clerk-console.log" 2>&1 &
console_pid=$!

cat <<CLERK

== the resident's journey: at the booth, choose a language and 住民票の写し, insert the card with the DEMO panel,
   answer, sign, and ask for a clerk; in the clerk console the call appears: answer it (F2), look at the application
   and its badges, and decide (F6 accept, F7 ask for a correction, F8 reject); the booth shows the decision.
The demo card's secrets are on the DEMO panel (default persona: PIN 1234, signature password ABC123).
Logs: the booth's $booth_data/logs/booth.log, headquarters' $HQ_LOG, the clerk console's $work/clerk-console.log,
the meeting server's $work/meet.log.
Ctrl-C or closing the booth's window stops everything.
CLERK

if [ -n "$seconds" ]; then
  for _ in $(seq 1 "$seconds"); do
    kill -0 "$booth_pid" 2>/dev/null || break
    kill -0 "$console_pid" 2>/dev/null || break
    sleep 1
  done
  if ! kill -0 "$console_pid" 2>/dev/null; then
    status=0
    wait "$console_pid" || status=$?
    console_pid=
    echo "the clerk console exited by itself (status $status) within $seconds s; its output:" >&2
    cat "$work/clerk-console.log" >&2
    exit 1
  fi
  if ! kill -0 "$booth_pid" 2>/dev/null; then
    status=0
    wait "$booth_pid" || status=$?
    booth_pid=
    echo "the booth exited by itself (status $status) within $seconds s" >&2
    exit 1
  fi
  echo "== $seconds s are up: stopping the booth, the clerk console, the meeting server and headquarters"
  exit 0
fi
status=0
wait "$booth_pid" || status=$?
booth_pid=
echo "== the booth has stopped (status $status): stopping the meeting server and headquarters"
exit "$status"
