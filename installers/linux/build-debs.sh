#!/usr/bin/env bash
# Builds the Linux packages of Madoguchi from the shaded jars: for each application a jpackage app image
# (a native launcher and a runtime jlink'd with the JDK modules jdeps finds, plus the few it cannot see),
# then a .deb assembled with dpkg-deb around it, with its users, directories, systemd units and maintainer
# scripts (docs/decisions/0030-packaging.md says why jpackage makes the images and dpkg-deb the packages).
#
#   installers/linux/build-debs.sh --version 0.1.0-SNAPSHOT --root REPO --out installers/target
#
# Run by `mvn -Ppackage package` (installers/pom.xml) after the jars are built. Writes
#   OUT/images/{madoguchi-booth,madoguchi-clerk,madoguchi-hq}/   the app images
#   OUT/madoguchi-{booth,clerk,hq}_VERSION_amd64.deb              the packages
#   OUT/package-report.txt                                        size and build time of each
set -euo pipefail

version="" root="" out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --version) version="$2"; shift 2 ;;
        --root) root="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        *) echo "build-debs: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -n "$version" ] && [ -n "$root" ] && [ -n "$out" ] || { echo "usage: build-debs.sh --version V --root REPO --out DIR" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"

for tool in jpackage jdeps dpkg-deb dpkg-shlibdeps unzip; do
    command -v "$tool" >/dev/null || { echo "build-debs: $tool is missing (JDK 17's jpackage/jdeps; dpkg-dev for dpkg-shlibdeps)" >&2; exit 1; }
done

# Debian versions: 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT (sorts before 0.1.0); jpackage wants digits only.
deb_version="${version//-/\~}"
app_version="${version%%-*}"
arch="$(dpkg --print-architecture)"

# JDK modules the code reaches without naming them, which jdeps therefore cannot see:
#   jdk.crypto.ec  - ECDHE and EC keys in TLS (the device CA and booth keys are EC)
#   jdk.localedata - Japanese, Chinese, Korean, Vietnamese, Portuguese formats (和暦 dates); trimmed below
#   jdk.charsets   - Shift_JIS / EUC-JP, which card and form tools may meet
#   jdk.zipfs      - reading resources out of the jar as a file system
extra_modules="jdk.crypto.ec,jdk.localedata,jdk.charsets,jdk.zipfs"
jlink_options="--strip-debug --no-man-pages --no-header-files --strip-native-commands --include-locales=en,ja,zh,ko,vi,pt"

work="$out/packaging-work"
rm -rf "$work" "$out/images" "$out"/madoguchi-*.deb "$out/package-report.txt"
mkdir -p "$work" "$out/images"

# launcher (= package) name | jar | main class ("" = the jar's Main-Class) | folder here | what it is
apps=(
    "madoguchi-booth|$root/kiosk-app/target/kiosk-app.jar|jp.madoguchi.kiosk.app.BoothMain|booth|the resident's booth"
    "madoguchi-clerk|$root/clerk-console/target/clerk-console.jar|jp.madoguchi.clerk.app.ConsoleMain|clerk|the clerk console"
    "madoguchi-hq|$root/hq-server/target/hq-server.jar||hq|headquarters"
)

# 1. the JDK modules each jar needs, by jdeps, in parallel (about 12 s each)
for entry in "${apps[@]}"; do
    IFS='|' read -r name jar _ <<<"$entry"
    [ -f "$jar" ] || { echo "build-debs: $jar is missing: build the jars first (mvn -Ppackage package does)" >&2; exit 1; }
    ( jdeps --ignore-missing-deps --multi-release 17 --print-module-deps "$jar" >"$work/$name.modules" 2>"$work/$name.jdeps.log" \
        || { echo "build-debs: jdeps failed on $jar:" >&2; cat "$work/$name.jdeps.log" >&2; exit 1; } ) &
done
wait

report="$out/package-report.txt"
printf '%-18s %10s %12s %8s  %s\n' "package" ".deb MB" "installed MB" "build s" "JDK modules" >"$report"

for entry in "${apps[@]}"; do
    IFS='|' read -r name jar main dir what <<<"$entry"
    package="$name"
    started=$(date +%s.%N)
    modules="$(tail -n 1 "$work/$name.modules"),$extra_modules"
    if [ -z "$main" ]; then
        main="$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Main-Class: //p')"
    fi
    echo "build-debs: $package ($what): main class $main; JDK modules $modules"

    # 2. the app image: launcher + jlink'd runtime + the jar (JavaFX and its natives are inside the shaded jar)
    input="$work/$name-input"
    mkdir -p "$input"
    cp "$jar" "$input/"
    jpackage --type app-image --name "$name" --app-version "$app_version" --vendor "Madoguchi" \
        --input "$input" --main-jar "$(basename "$jar")" --main-class "$main" \
        --add-modules "$modules" --jlink-options "$jlink_options" \
        --java-options "-Dmadoguchi.package=$package" $( [ "$dir" = hq ] && echo --java-options -Djava.awt.headless=true ) \
        --dest "$out/images"
    image="$out/images/$name"

    # 3. the package tree
    tree="$work/$package-deb"
    mkdir -p "$tree/DEBIAN" "$tree/opt"
    cp -a "$image" "$tree/opt/$package"
    if [ "$dir" = hq ]; then
        # headquarters is headless (java.desktop is there for java.beans and image I/O only): without the X11
        # and sound libraries of AWT, the server's Depends holds no libx11, libxtst, libasound2
        rm -f "$tree/opt/$package/lib/runtime/lib/"{libawt_xawt.so,libjawt.so,libsplashscreen.so,libjsound.so}
    fi
    install -d "$tree/usr/share/doc/$package"
    install -m 0644 "$here/copyright" "$tree/usr/share/doc/$package/copyright"
    [ ! -f "$here/$dir/README" ] || install -m 0644 "$here/$dir/README" "$tree/usr/share/doc/$package/README"
    case "$package" in
        madoguchi-booth)
            install -D -m 0755 "$here/booth/madoguchi-booth" "$tree/usr/bin/madoguchi-booth"
            install -D -m 0755 "$here/booth/kiosk-session" "$tree/usr/lib/madoguchi-booth/kiosk-session"
            install -D -m 0644 "$here/booth/madoguchi-booth-kiosk.service" "$tree/lib/systemd/system/madoguchi-booth-kiosk.service"
            install -D -m 0644 "$here/booth/default" "$tree/etc/default/madoguchi-booth"
            install -D -m 0644 "$here/booth/50-madoguchi-booth-pcsc.rules" "$tree/usr/share/polkit-1/rules.d/50-madoguchi-booth-pcsc.rules"
            install -m 0755 "$here/booth/postinst" "$here/booth/prerm" "$here/booth/postrm" "$tree/DEBIAN/"
            echo "/etc/default/madoguchi-booth" >"$tree/DEBIAN/conffiles"
            # what the booth runs or talks to that is no library of the image: the card service, the browser
            # for the call, the Japanese/CJK fonts, sound, and the kiosk session's X server
            explicit="pcscd, chromium, fonts-ipaexfont-gothic, fonts-noto-cjk, fonts-noto-mono, libgl1-mesa-dri, xserver-xorg-core, xserver-xorg-input-libinput, xinit, x11-xserver-utils, adduser"
            recommends="pcsc-tools, alsa-utils"
            section="misc" ;;
        madoguchi-clerk)
            install -d "$tree/usr/bin"
            ln -s "/opt/$package/bin/$name" "$tree/usr/bin/madoguchi-clerk"
            install -D -m 0644 "$here/clerk/madoguchi-clerk.desktop" "$tree/usr/share/applications/madoguchi-clerk.desktop"
            explicit="chromium, fonts-ipaexfont-gothic, fonts-noto-cjk, fonts-noto-mono, libgl1-mesa-dri"
            recommends=""
            section="misc" ;;
        madoguchi-hq)
            install -D -m 0755 "$here/hq/madoguchi-hq" "$tree/usr/bin/madoguchi-hq"
            install -D -m 0644 "$here/hq/madoguchi-hq.service" "$tree/lib/systemd/system/madoguchi-hq.service"
            install -D -m 0640 "$here/hq/hq.properties" "$tree/etc/madoguchi/hq.properties"
            install -m 0755 "$here/hq/postinst" "$here/hq/prerm" "$here/hq/postrm" "$tree/DEBIAN/"
            echo "/etc/madoguchi/hq.properties" >"$tree/DEBIAN/conffiles"
            explicit="adduser, curl"
            recommends=""
            section="net" ;;
    esac

    # 4. Depends: the shared libraries the image's ELF files need (dpkg-shlibdeps, versioned by Debian's
    #    symbols files) plus, for the JavaFX apps, those of the JavaFX natives inside the shaded jar, which
    #    jpackage cannot see (toolchain-notes.md: its generated Depends lacks libgtk-3-0 and libgl1). The
    #    libavplugin-* natives are left out: they serve MP3/AAC through an ffmpeg the booth does not use (WAV).
    natives="$work/$name-natives"
    mkdir -p "$natives"
    unzip -q -j -o "$jar" 'lib*.so' -d "$natives" 2>/dev/null || true
    rm -f "$natives"/libavplugin*.so
    mkdir -p "$work/$name-shlibdeps/debian"
    printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$package" "$package" >"$work/$name-shlibdeps/debian/control"
    mapfile -t elves < <(find "$tree/opt/$package" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec sh -c 'head -c 4 "$1" | grep -q ELF' _ {} \; -print; find "$natives" -name '*.so')
    shlibs="$(cd "$work/$name-shlibdeps" && dpkg-shlibdeps -O --ignore-missing-info \
        -l"$tree/opt/$package/lib" -l"$tree/opt/$package/lib/runtime/lib" -l"$tree/opt/$package/lib/runtime/lib/server" -l"$natives" \
        "${elves[@]}" 2>"$work/$name.shlibdeps.log" | sed -n 's/^shlibs:Depends=//p')"
    depends="$shlibs, $explicit"

    installed_kb=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
    {
        echo "Package: $package"
        echo "Version: $deb_version"
        echo "Architecture: $arch"
        echo "Maintainer: Madoguchi <it@madoguchi.invalid>"
        echo "Installed-Size: $installed_kb"
        echo "Section: $section"
        echo "Priority: optional"
        echo "Depends: $depends"
        [ -n "$recommends" ] && echo "Recommends: $recommends"
        echo "Homepage: https://madoguchi.invalid/"
        echo "Description: Madoguchi: $what"
        sed 's/^$/./; s/^/ /' "$here/$dir/description"
    } >"$tree/DEBIAN/control"

    deb="$out/${package}_${deb_version}_${arch}.deb"
    dpkg-deb --root-owner-group -Zxz --build "$tree" "$deb" >/dev/null
    elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
    deb_mb=$(awk -v b="$(stat -c %s "$deb")" 'BEGIN { printf "%.1f", b / 1048576 }')
    inst_mb=$(awk -v k="$installed_kb" 'BEGIN { printf "%.1f", k / 1024 }')
    printf '%-18s %10s %12s %8s  %s\n' "$package" "$deb_mb" "$inst_mb" "$elapsed" "$modules" >>"$report"
    echo "build-debs: $deb ($deb_mb MB, installs $inst_mb MB, ${elapsed} s)"
done

rm -rf "$work"
echo "build-debs: done; sizes and times (the jdeps step, ~12 s in parallel, not included):"
cat "$report"
