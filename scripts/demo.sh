#!/usr/bin/env bash
# Madoguchi in demo mode. Today the system is its card layer: an emulated My Number card is put in a
# virtual reader (vsmartcard vpcd) of a pcscd of the demo's own, and the IT staff's tool reads it,
# lists its certificates, signs an application with it and verifies the signature, all through the
# real PC/SC stack. Later modules (headquarters, booth, clerk console) join this script.
#
#   ./scripts/demo.sh                 walk through it once and stop
#   ./scripts/demo.sh --keep-running  leave the card in the reader afterwards, until Ctrl-C
#   PERSONA=long-address ./scripts/demo.sh    another built-in persona (emulate --list-personas)
set -euo pipefail
cd "$(dirname "$0")/.."
keep_running=false
[ "${1:-}" = "--keep-running" ] && keep_running=true
persona=${PERSONA:-default}

scripts/install-system-deps.sh
jar=card-reader/target/card-reader.jar
if [ ! -f "$jar" ] || [ -n "$(find card-reader/src pom.xml card-reader/pom.xml -newer "$jar" -print -quit)" ]; then
  echo "== building card-reader.jar"
  mvn -B -ntp -q -DskipTests package -pl card-reader -am
fi

. scripts/lib/private-pcscd.sh
work=$(mktemp -d /tmp/madoguchi-demo.XXXXXX)
emulator_pid=
cleanup() {
  set +e # a stopped emulator's exit status must not cut the clean-up short
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
tool() {
  local shown="" arg
  for arg in "$@"; do
    case "$arg" in *" "*) shown="$shown \"$arg\"" ;; *) shown="$shown $arg" ;; esac
  done
  echo
  echo "\$ card-reader$shown"
  java -jar "$jar" "$@"
}

echo "== putting the emulated My Number card (persona: $persona) into \"$reader\""
java -jar "$jar" emulate --vpcd "127.0.0.1:$VPCD_PORT" --persona "$persona" --authority "$work/authority" &
emulator_pid=$!
for _ in $(seq 1 100); do
  java -jar "$jar" readers 2>/dev/null | grep -q "^$reader.*card present" && break
  sleep 0.2
done

pin=$(java -jar "$jar" emulate --list-personas --lang en | awk -v p="$persona" '$1 == p { print $3 }')
password=$(java -jar "$jar" emulate --list-personas --lang en | awk -v p="$persona" '$1 == p { print $7 }')

tool readers
tool info --reader "$reader" --pin "$pin"
tool info --reader "$reader" --pin "$pin" --json
tool certs --reader "$reader"
printf '{"procedure":"住民票の写し","copies":1,"purpose":"勤務先へ提出"}\n' > "$work/application.json"
tool sign --reader "$reader" --password "$password" --in "$work/application.json" --out "$work/application.p7s"
tool verify --in "$work/application.p7s" --roots "$work/authority/trust"

echo
echo "== done: everything ran through Java → libpcsclite → pcscd → vpcd → the emulated card."
if $keep_running; then
  echo "== the card stays in \"$reader\" (PCSCLITE_CSOCK_NAME=$PCSCLITE_CSOCK_NAME); Ctrl-C to stop"
  wait "$emulator_pid"
fi
