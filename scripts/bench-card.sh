#!/usr/bin/env bash
# The card benchmark (README "Benchmark"): "read basic 4 info" and "sign a SHA-256 digest" in
# process and through the real stack, Java → libpcsclite → pcscd → vpcd → emulator, with the
# APDUs, bytes and time of each, and the emulator's own cost per APDU. Prints a table.
# Extra arguments go to `card-reader.jar bench` (e.g. --iterations 200).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh >/dev/null
jar=card-reader/target/card-reader.jar
if [ ! -f "$jar" ] || [ -n "$(find card-reader/src -newer "$jar" -print -quit)" ]; then
  mvn -B -ntp -q -DskipTests package -pl card-reader -am
fi
. scripts/lib/private-pcscd.sh
trap private_pcscd_stop EXIT
private_pcscd_start
java -jar "$jar" bench --vpcd "127.0.0.1:$VPCD_PORT" --reader "Virtual PCD 00 00" "$@"
