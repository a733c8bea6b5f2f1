#!/usr/bin/env bash
# The booth benchmark (README "Benchmark"): cold start to the attract screen against a bare JavaFX window started
# the same way from the same jar (N runs each, fresh JVMs, median and min), the booth's resident memory (RSS and
# PSS from /proc/PID/smaps_rollup) after 10 s idle on the attract screen, and the touches for a 住民票.
# Targets printed beside the results: start within 1.3x of the bare window, under 300 MB, at most 8 touches.
# The booth runs in demo mode, connected to a demo headquarters started here. Without a display it runs itself
# under xvfb-run. Usage: scripts/bench-booth.sh [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
scripts/install-system-deps.sh >/dev/null
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$@"
fi
# a machine without a sound card: OpenJFX Media plays into ALSA's null device
[ -d /dev/snd ] || export ALSA_CONFIG_PATH="$PWD/kiosk-app/src/test/resources/alsa-null.conf"

echo "== building kiosk-app.jar and hq-server.jar"
mvn -B -ntp -q -DskipTests install -pl kiosk-app,hq-server -am
video_tests=$(ls video-session/target/video-session-*-tests.jar | head -n 1)

. scripts/lib/demo-hq.sh
work=$(mktemp -d /tmp/madoguchi-bench-booth.XXXXXX)
cleanup() {
  set +e
  demo_hq_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== starting headquarters (demo) for the booth to connect to"
# headquarters makes the test authority in $work/test-authority; the booth's demo card is issued by the same one
demo_hq_start hq-server/target/hq-server.jar "$work/hq" "$work/test-authority"

mvn -B -ntp -q -pl kiosk-app exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=jp.madoguchi.kiosk.bench.StartupBenchmark -Dorg.slf4j.simpleLogger.logFile="$work/touches.log" \
  -Dexec.args="$runs $PWD/kiosk-app/target/kiosk-app.jar $PWD/kiosk-app/target/test-classes:$PWD/$video_tests $work --hq-url $HQ_URL --booth-dir $HQ_BOOTH_DIR"
