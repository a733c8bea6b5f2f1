#!/usr/bin/env bash
# The headquarters load benchmark (README "Benchmark"): N booths enrolled over loopback TLS with
# their presence WebSockets open, submitting signed applications at a fixed rate; prints
# submissions per second, p50/p90/p99 latency and presence messages per second.
# Usage: scripts/bench-hq.sh [booths=500] [submissions-per-second=50] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh >/dev/null
mvn -B -ntp -q -DskipTests install -pl hq-server -am
exec mvn -B -ntp -q -pl hq-server exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=jp.madoguchi.hq.bench.LoadBenchmark -Dexec.args="${*:-500 50 20}"
