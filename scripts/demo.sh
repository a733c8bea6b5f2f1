#!/usr/bin/env bash
# Madoguchi in demo mode. Today the system is its card layer and its form engine: an emulated My
# Number card is put in a virtual reader (vsmartcard vpcd) of a pcscd of the demo's own; the card
# is read through the real PC/SC stack, the 住民票 application is filled from what it holds (書かない
# 窓口: the resident writes nothing) into the paper form (PDF), its screen preview (PNG), its
# canonical JSON and a receipt; the card signs that JSON and the signature is verified. Later
# modules (headquarters, booth, clerk console) join this script.
#
# The outputs are kept in ./demo-output/ (or $DEMO_OUTPUT) to look at afterwards; they hold only
# the emulated persona's synthetic data.
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
forms_jar=forms/target/forms.jar
if [ ! -f "$jar" ] || [ ! -f "$forms_jar" ] \
    || [ -n "$(find card-reader/src forms/src pom.xml card-reader/pom.xml forms/pom.xml -newer "$jar" -print -quit)" ] \
    || [ -n "$(find forms/src -newer "$forms_jar" -print -quit)" ]; then
  echo "== building card-reader.jar and forms.jar"
  mvn -B -ntp -q -DskipTests package -pl card-reader,forms -am
fi
output=${DEMO_OUTPUT:-demo-output}
mkdir -p "$output"

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
echo "== done: the card was read and signed through Java → libpcsclite → pcscd → vpcd → the emulated card."
echo "== look at $output/juminhyo.png (the preview), $output/juminhyo.pdf (the form), $output/application.json (what was signed)."
if $keep_running; then
  echo "== the card stays in \"$reader\" (PCSCLITE_CSOCK_NAME=$PCSCLITE_CSOCK_NAME); Ctrl-C to stop"
  wait "$emulator_pid"
fi
