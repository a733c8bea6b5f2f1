#!/usr/bin/env bash
# Regenerates every screenshot in docs/screenshots/ (README: "Screenshots"):
#   - the booth's screens (kiosk.ui ScreenshotTool): every step and state in Japanese and English, large text and
#     high contrast variants, one Chinese screen — the real views, fed with the default persona's (and the gaiji
#     persona's) synthetic data and the real 住民票 preview and receipt rendered by the forms module;
#   - the booth's maintenance screens (IT staff PIN, diagnostics, outbox, logs, settings) in Japanese and English;
#   - the clerk console's screens (clerk-*.png): its journey against a real demo headquarters (login, queue, a call with
#     外字, the printed form, a tampered signature, a valid application, the decision's confirmation, history, admin)
#     and the board in English.
# Headless (JavaFX's Monocle, 1920x1080), no display needed; about a minute. Look at the PNGs afterwards for
# cut-off text and overlaps: a test cannot judge them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh
mvn -B -ntp -q -pl kiosk-app,clerk-console -am install -DskipTests
mvn -B -ntp -q -pl kiosk-app test -Dtest='ScreenshotTool,MaintenanceScreenshotsTest' \
  -Dmadoguchi.screenshots=true -Dsurefire.failIfNoSpecifiedTests=false
mvn -B -ntp -q -pl clerk-console test -Dtest='ConsoleJourneyTest,ConsoleInEnglishTest' \
  -Dmadoguchi.screenshots=true -Dsurefire.failIfNoSpecifiedTests=false
ls -1 docs/screenshots/booth-*.png docs/screenshots/maintenance-*.png docs/screenshots/clerk-*.png | wc -l | xargs echo "screenshots written to docs/screenshots/:"
