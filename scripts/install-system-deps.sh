#!/bin/sh
# Installs the Debian packages Madoguchi's card reader needs to build and test against a real
# PC/SC stack: pcscd (the PC/SC daemon), vsmartcard-vpcd (a virtual reader an emulator connects
# to over TCP), pcsc-tools (pcsc_scan, for looking at readers by hand) and libpcsclite1 (the
# client library javax.smartcardio / jnasmartcardio load); fonts-ipaexfont-mincho and
# fonts-ipaexfont-gothic (the Japanese fonts the forms module embeds, as subsets, in every PDF);
# postgresql (the server binaries, initdb and pg_ctl, with which hq-server's storage tests start a
# private throwaway cluster on loopback; no system cluster needs to be running); curl (with which
# scripts/demo.sh plays the booth and the clerk against headquarters' HTTPS API; a minimal Debian
# does not have it); chromium (the browser that carries the video call: video-session's tests start
# real headless Chromium processes with fake camera and microphone, and WebRtcMediaIT fails, never
# skips, without it), with fonts-liberation and libgl1-mesa-dri, which Debian only recommends but
# which Chromium's rendering expects; fonts-noto-cjk (the booth's screens in Chinese and Korean:
# IPAexGothic has no hangul and few simplified Chinese characters, and JavaFX does not fall back per
# character) and fonts-noto-mono (the booth's reference numbers and PIN dots); xvfb and xauth (xvfb-run:
# the booth's screens and the booth benchmark on a machine without a display); dpkg-dev (dpkg-shlibdeps, which
# computes the .debs' Depends) and unzip (the JavaFX natives out of the shaded jars) for `mvn -Ppackage package`
# and scripts/package-test.sh.
#
# Idempotent: only missing packages are installed, and `apt-get update` runs once, only when
# something is missing. Runs as root, or through sudo when that is available.
#
# Note: on a machine without systemd (containers, CI runners) installing pcscd does not start
# a daemon; the integration tests start their own private pcscd and do not need one running.
set -eu

PACKAGES="pcscd vsmartcard-vpcd pcsc-tools libpcsclite1 fonts-ipaexfont-mincho fonts-ipaexfont-gothic postgresql curl chromium fonts-liberation libgl1-mesa-dri fonts-noto-cjk fonts-noto-mono xvfb xauth dpkg-dev unzip"

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=""
for package in $PACKAGES; do
    if is_installed "$package"; then
        echo "already installed: $package"
    else
        missing="$missing $package"
    fi
done

if [ -z "$missing" ]; then
    echo "nothing to do: all of $PACKAGES are installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
    echo "not root: using sudo"
else
    echo "error: missing packages:$missing" >&2
    echo "error: installing them needs root, and sudo is not available." >&2
    echo "       Run this script as root, or: apt-get install$missing" >&2
    exit 1
fi

echo "installing:$missing"
echo "running: apt-get update"
$as_root apt-get update
echo "running: apt-get install -y --no-install-recommends$missing"
# shellcheck disable=SC2086 # the package list is meant to split into words
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y --no-install-recommends $missing

for package in $missing; do
    if ! is_installed "$package"; then
        echo "error: $package is still not installed after apt-get install" >&2
        exit 1
    fi
    echo "installed: $package"
done
