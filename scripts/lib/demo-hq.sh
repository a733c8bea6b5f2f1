# Sourced by the demo: headquarters (hq-server.jar) in demo mode, in the background on a free
# loopback port, with its database and demo material in a directory the caller owns and throws away.
#
#   demo_hq_start JAR DATA_DIR TEST_AUTHORITY_DIR
#       starts it and returns once GET /health answers ok AND the demo booth is enrolled (headquarters
#       answers /health a moment before it has made the demo clerk and booth). Sets HQ_PID, HQ_PORT,
#       HQ_URL (https://localhost:PORT, the name its TLS certificate holds), HQ_LOG (its output) and
#       HQ_BOOTH_DIR (the demo booth's booth.key.pem, booth.cert.pem, hq-ca.pem and booth-id).
#       TEST_AUTHORITY_DIR must already hold the card emulator's authority: if it were empty, HQ
#       would create an authority of its own there, which the emulator's cards do not chain to.
#   demo_hq_stop
#       stops it (SIGTERM, so it closes its database; SIGKILL if it has not gone after 15 s).

_hq_port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

demo_hq_start() {
  local jar=$1 data_dir=$2 authority=$3 tries=0 waited=0
  while :; do
    HQ_PORT=$(( (RANDOM % 20000) * 2 + 20001 )) # odd: the private pcscd's vpcd pairs start on even ports
    _hq_port_is_free "$HQ_PORT" && break
    tries=$((tries + 1))
    [ "$tries" -lt 50 ] || { echo "no free TCP port found for headquarters" >&2; return 1; }
  done
  HQ_URL="https://localhost:$HQ_PORT"
  HQ_BOOTH_DIR="$data_dir/demo/booth"
  HQ_LOG="$data_dir/hq-server.log"
  mkdir -p "$data_dir"
  java -jar "$jar" --demo --port "$HQ_PORT" --data-dir "$data_dir" --test-authority "$authority" \
    > "$HQ_LOG" 2>&1 &
  HQ_PID=$!
  # 60 s: a cold JVM on 2 busy cores starts in 3-10 s
  until curl -s --max-time 2 "http://127.0.0.1:$HQ_PORT/health" 2>/dev/null | grep -q '"status":"ok"' \
      && [ -s "$HQ_BOOTH_DIR/booth-id" ]; do
    if ! kill -0 "$HQ_PID" 2>/dev/null; then
      local status=0
      wait "$HQ_PID" 2>/dev/null || status=$?
      echo "headquarters exited before it was ready (exit status $status); its log:" >&2
      cat "$HQ_LOG" >&2
      HQ_PID=
      return 1
    fi
    waited=$((waited + 1))
    if [ "$waited" -gt 300 ]; then
      echo "headquarters did not answer http://127.0.0.1:$HQ_PORT/health with ok, with its demo booth enrolled, within 60 s; its log:" >&2
      cat "$HQ_LOG" >&2
      return 1
    fi
    sleep 0.2
  done
}

demo_hq_stop() {
  set +e
  if [ -n "${HQ_PID:-}" ]; then
    kill "$HQ_PID" 2>/dev/null
    local waited=0
    while kill -0 "$HQ_PID" 2>/dev/null && [ "$waited" -lt 150 ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    if kill -0 "$HQ_PID" 2>/dev/null; then
      echo "headquarters did not stop within 15 s of SIGTERM; killing it" >&2
      kill -KILL "$HQ_PID" 2>/dev/null
    fi
    wait "$HQ_PID" 2>/dev/null
    HQ_PID=
  fi
}
