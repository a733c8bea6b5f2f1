#!/usr/bin/env bash
# The video benchmark (README "Benchmark"): N calls over the loopback meeting server between a clerk session and a
# booth session (the production Chromium adapter, headless, fake camera and microphone); prints join→WAITING,
# join→IN_CALL, join→first remote video frame at the booth, and both browsers' memory (PSS), then the median.
# Target: under 3 s to the first frame. Usage: scripts/bench-video.sh [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh >/dev/null
mvn -B -ntp -q -DskipTests install -pl video-session -am
exec mvn -B -ntp -q -pl video-session exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=jp.madoguchi.video.bench.FirstFrameBenchmark -Dexec.args="${*:-5}"
