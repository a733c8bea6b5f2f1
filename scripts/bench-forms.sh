#!/usr/bin/env bash
# The forms benchmark (README "Benchmark"): for every procedure, the warm time to fill it from a
# sample card and render canonical JSON, the A4 PDF and the PNG preview, as a table.
# Extra arguments go to `forms.jar bench` (e.g. --iterations 100 --dir MUNICIPALITY_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh >/dev/null
jar=forms/target/forms.jar
if [ ! -f "$jar" ] || [ -n "$(find forms/src -newer "$jar" -print -quit)" ]; then
  mvn -B -ntp -q -DskipTests package -pl forms -am
fi
java -jar "$jar" bench "$@"
