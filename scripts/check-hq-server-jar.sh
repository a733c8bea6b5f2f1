#!/usr/bin/env bash
# The issue's acceptance check for the executable jar: `java -jar hq-server/target/hq-server.jar
# --demo --port PORT` answers GET /health on that port, over plain HTTP and over HTTPS (verified
# against the demo device CA it prints). Builds the jar if it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=hq-server/target/hq-server.jar
if [ ! -f "$jar" ] || [ -n "$(find hq-server/src hq-server/pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -B -ntp -q -DskipTests package -pl hq-server -am
fi
data=$(mktemp -d)
port=
for _ in $(seq 1 50); do
  candidate=$(( (RANDOM % 20000) + 30000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "no free port found" >&2; exit 1; }
java -jar "$jar" --demo --port "$port" --data-dir "$data" --test-authority "$data/authority" >"$data/out.txt" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$data/out.txt"; echo "hq-server exited early" >&2; exit 1; }
  sleep 0.5
done
echo "plain HTTP: $(curl -fsS "http://127.0.0.1:$port/health")"
echo "HTTPS:      $(curl -fsS --cacert "$data/device-ca/device-ca.cert.pem" "https://localhost:$port/health")"
code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$data/device-ca/device-ca.cert.pem" "https://localhost:$port/api/v1/applications")
[ "$code" = 401 ] || { echo "a booth endpoint without a client certificate answered $code, not 401" >&2; exit 1; }
echo "booth endpoint without a client certificate: 401 (as it should)"
