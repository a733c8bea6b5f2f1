#!/usr/bin/env bash
# The project's test command: the README's quick start and CI (.ci/run) run exactly this.
# It installs the system packages the tests need (pcscd, vsmartcard-vpcd, ...) when missing,
# then runs every module's unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh
exec mvn -B -ntp verify "$@"
