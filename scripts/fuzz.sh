#!/usr/bin/env bash
# Fuzzes every @FuzzTest target for SECONDS each (default 30) with Jazzer, one JVM per target (Jazzer fuzzes one
# test per JVM), without starting Maven per target. CI runs it after `mvn verify` with 5 seconds per target (a smoke
# run: scripts/test.sh); a campaign is the same script with more time, or one target by hand (docs/decisions/0031).
#
#   scripts/fuzz.sh [SECONDS] [Class#method ...]     e.g. scripts/fuzz.sh 600 jp.madoguchi.card.jpki.JpkiFuzzTest#verifyCms
#
# Needs the modules' test classes: run after `mvn verify` (or `mvn test-compile`). Arguments after the seconds pick
# targets; without, every one below. A finding fails the run; Jazzer writes the input into the test's Inputs folder
# (src/test/resources/.../<Test>Inputs/<method>/crash-…) — fix the code and keep the input as a named seed.
# Each module's growing corpus stays in its .cifuzz-corpus/ (git-ignored) for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(
        hq-link:jp.madoguchi.hqlink.message.ProtocolJsonFuzzTest#messages
        hq-link:jp.madoguchi.hqlink.message.ProtocolJsonFuzzTest#presenceFrames
        card-reader:jp.madoguchi.card.tlv.TlvFuzzTest#parseAll
        card-reader:jp.madoguchi.card.tlv.TlvFuzzTest#parseExactAndHeader
        card-reader:jp.madoguchi.card.mynumber.TextApFuzzTest#cardResponses
        card-reader:jp.madoguchi.card.jpki.JpkiFuzzTest#certificateInfo
        card-reader:jp.madoguchi.card.jpki.JpkiFuzzTest#verifyCms
        forms:jp.madoguchi.forms.catalogue.DefinitionFuzzTest#readDefinition
        forms:jp.madoguchi.forms.fill.SignedApplicationFuzzTest#read
        forms:jp.madoguchi.forms.fill.SignedApplicationFuzzTest#canonicalize
    )
fi
module_of() {
    case "$1" in
        *:*) echo "${1%%:*}" ;;
        jp.madoguchi.hqlink.*) echo hq-link ;;
        jp.madoguchi.card.*) echo card-reader ;;
        jp.madoguchi.forms.*) echo forms ;;
        *) echo "scripts/fuzz.sh: which module holds $1?" >&2; exit 2 ;;
    esac
}
modules=$(for t in "${targets[@]}"; do module_of "$t"; done | sort -u | paste -sd, -)
for m in ${modules//,/ }; do
    if [ ! -d "$m/target/test-classes" ]; then
        echo "scripts/fuzz.sh: $m has no test classes; run 'mvn verify' (or 'mvn test-compile') first" >&2
        exit 2
    fi
done
# the modules' test classpaths, from Maven once (test scope: jazzer-junit, JUnit's launcher, the libraries)
mvn -B -q -ntp ${MAVEN_ARGS:-} -pl "$modules" dependency:build-classpath \
    -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test >/dev/null
launcher=$(mktemp -d)
trap 'rm -rf "$launcher"' EXIT
javac -d "$launcher" -cp "$(cat "${modules%%,*}/target/fuzz-classpath.txt")" scripts/fuzz/RunFuzzTest.java
printf '%-70s %8s %10s %s\n' target seconds inputs result
failed=0
for t in "${targets[@]}"; do
    m=$(module_of "$t")
    test="${t#*:}"
    log="$m/target/fuzz-$(echo "$test" | tr '#' '-').log"
    start=$(date +%s)
    set +e
    (cd "$m" && JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${seconds}s" \
        java -cp "$launcher:target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)" RunFuzzTest "$test") \
        >"$log" 2>&1
    rc=$?
    set -e
    runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*' || true)
    if [ $rc -eq 0 ]; then result=ok; else result="FAILED (exit $rc, log: $log)"; failed=1; fi
    printf '%-70s %8s %10s %s\n' "$test" "$(( $(date +%s) - start ))" "${runs:-?}" "$result"
    if [ $rc -ne 0 ]; then tail -40 "$log"; fi
done
exit $failed
