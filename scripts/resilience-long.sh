#!/usr/bin/env bash
# The real-time fault tests that take minutes and so are not in the default test run (issue 9): the kiosk-app tests
# tagged long-faults, run with -Plong-faults. Today: headquarters unreachable for 3 minutes while residents sign 30
# applications and the booth restarts once, then back on the same port (HeadquartersOutageLongTest). Prints the
# numbers as a table (also in kiosk-app/target/resilience/). Takes about 4 minutes.
# Usage: scripts/resilience-long.sh [maven arguments, e.g. -o -Dresilience.outage.seconds=300 -Dresilience.applications=50]
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf kiosk-app/target/resilience
# -Dgroups keeps the other modules (built with -am) from running their own tests
status=0
mvn -B -ntp -q -pl kiosk-app -am test -Plong-faults -Dgroups=long-faults -Dsurefire.failIfNoSpecifiedTests=false "$@" \
  || status=$?
echo
for table in kiosk-app/target/resilience/*.txt; do
  [ -f "$table" ] && cat "$table" && echo
done
exit "$status"
