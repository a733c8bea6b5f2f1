# Sourced by the demo and benchmark scripts: a pcscd of their own, with Debian's vpcd driver on a
# free TCP port, in a private mount namespace (pcscd's socket path is fixed at /run/pcscd), so a
# pcscd the machine may already run, and its readers, are left alone. Needs root.
#
# After private_pcscd_start: PCSCLITE_CSOCK_NAME is exported for the clients, VPCD_PORT is the
# port of "Virtual PCD 00 00" (VPCD_PORT+1 is "Virtual PCD 00 01"). private_pcscd_stop ends it.

VPCD_DRIVER=/usr/lib/pcsc/drivers/serial/libifdvpcd.so

_port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

private_pcscd_start() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "The demo and the benchmark start their own pcscd, which needs root: run them with sudo." >&2
    return 1
  fi
  PRIVATE_PCSCD_DIR=$(mktemp -d /tmp/madoguchi-pcscd.XXXXXX)
  local port tries=0
  while :; do
    port=$(( (RANDOM % 20000) * 2 + 20000 ))
    if _port_is_free "$port" && _port_is_free $((port + 1)); then break; fi
    tries=$((tries + 1))
    [ "$tries" -lt 50 ] || { echo "no free TCP port pair found for vpcd" >&2; return 1; }
  done
  VPCD_PORT=$port
  printf 'FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:0x%04X\nLIBPATH      %s\nCHANNELID    0x%04X\n' \
    "$port" "$VPCD_DRIVER" "$port" > "$PRIVATE_PCSCD_DIR/reader.conf"
  mkdir -p /run/pcscd "$PRIVATE_PCSCD_DIR/run"
  unshare --mount --propagation private sh -c \
    "mount --bind '$PRIVATE_PCSCD_DIR/run' /run/pcscd && exec pcscd -f -c '$PRIVATE_PCSCD_DIR/reader.conf'" \
    > "$PRIVATE_PCSCD_DIR/pcscd.log" 2>&1 &
  PRIVATE_PCSCD_PID=$!
  export PCSCLITE_CSOCK_NAME="$PRIVATE_PCSCD_DIR/run/pcscd.comm"
  local waited=0
  until [ -S "$PCSCLITE_CSOCK_NAME" ]; do
    sleep 0.1
    waited=$((waited + 1))
    if [ "$waited" -gt 100 ] || ! kill -0 "$PRIVATE_PCSCD_PID" 2>/dev/null; then
      echo "pcscd did not start; its log:" >&2
      cat "$PRIVATE_PCSCD_DIR/pcscd.log" >&2
      return 1
    fi
  done
}

private_pcscd_stop() {
  set +e
  if [ -n "${PRIVATE_PCSCD_PID:-}" ]; then
    # unshare exec'd sh which exec'd pcscd: the pid is pcscd's own
    kill "$PRIVATE_PCSCD_PID" 2>/dev/null || true
    wait "$PRIVATE_PCSCD_PID" 2>/dev/null || true
    PRIVATE_PCSCD_PID=
  fi
  if [ -n "${PRIVATE_PCSCD_DIR:-}" ]; then
    rm -rf "$PRIVATE_PCSCD_DIR"
  fi
  PRIVATE_PCSCD_DIR=
}
