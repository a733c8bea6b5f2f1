#!/usr/bin/env bash
# The project's test command: the README's quick start and CI (.ci/run) run exactly this.
# It installs the system packages the tests need (pcscd, vsmartcard-vpcd, ...) when missing,
# then runs every module's unit and integration tests (mvn verify), then a short fuzzing run of every Jazzer target
# (scripts/fuzz.sh, 5 seconds each), then the install test of the
# Linux packages (scripts/package-test.sh: builds the .debs with -Ppackage, installs, runs, upgrades,
# removes and purges them, leaving the machine as it was). Arguments go to both Maven runs (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh
mvn -B -ntp verify "$@"
printf '\n==================== mvn verify passed; next: 5 seconds of fuzzing per target ====================\n'
MAVEN_ARGS="$*" scripts/fuzz.sh 5
printf '\n==================== fuzzing found nothing; next: the package install test ====================\n'
exec scripts/package-test.sh "$@"
