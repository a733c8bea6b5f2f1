<#
.SYNOPSIS
  Builds the Windows installers (.msi) of the booth and the clerk console with jpackage.

.DESCRIPTION
  Run on a Windows build machine with a JDK 17 (jpackage, jdeps on the PATH) and the WiX Toolset 3.x
  (candle.exe, light.exe on the PATH: jpackage 17 needs WiX 3, not 4), from the repository root, after the
  jars are built on that machine or copied from a Linux build (mvn -B -ntp -DskipTests package):
    kiosk-app\target\kiosk-app.jar, clerk-console\target\clerk-console.jar

  The shaded jars hold JavaFX for the platform they were built on: build them ON WINDOWS (the javafx
  dependencies resolve the "win" classifier there), or the image has Linux natives and JavaFX will not start.

  Output: installers\target\windows\madoguchi-booth-VERSION.msi and madoguchi-clerk-VERSION.msi.
  See installers\windows\README.md for installing and locking down a Windows booth.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installers\windows\build-msi.ps1 -Version 0.1.0
#>
param(
    [string] $Version = "0.1.0",
    [string] $Root = (Resolve-Path "$PSScriptRoot\..\..").Path
)
$ErrorActionPreference = "Stop"
Set-Location $Root   # the options files name installers\windows\... relative to the repository root

foreach ($tool in "jpackage", "jdeps", "candle", "light") {
    if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) {
        throw "$tool is not on the PATH (JDK 17 for jpackage/jdeps, WiX Toolset 3.x for candle/light)"
    }
}

# modules jdeps cannot see (see installers/linux/build-debs.sh): EC in TLS, locale data, charsets, zipfs
$extraModules = "jdk.crypto.ec,jdk.localedata,jdk.charsets,jdk.zipfs"
$out = Join-Path $Root "installers\target\windows"
New-Item -ItemType Directory -Force -Path $out | Out-Null

$apps = @(
    @{ Name = "madoguchi-booth"; Jar = "kiosk-app\target\kiosk-app.jar"; Options = "booth-msi.options" },
    @{ Name = "madoguchi-clerk"; Jar = "clerk-console\target\clerk-console.jar"; Options = "clerk-msi.options" }
)
foreach ($app in $apps) {
    $jar = Join-Path $Root $app.Jar
    if (-not (Test-Path $jar)) { throw "$jar is missing: mvn -B -ntp -DskipTests package first" }
    $started = Get-Date
    $modules = (& jdeps --ignore-missing-deps --multi-release 17 --print-module-deps $jar | Select-Object -Last 1)
    if ($LASTEXITCODE -ne 0) { throw "jdeps failed on $jar" }
    $input = Join-Path $out "$($app.Name)-input"
    Remove-Item -Recurse -Force $input -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Path $input | Out-Null
    Copy-Item $jar $input
    & jpackage "@$PSScriptRoot\$($app.Options)" `
        --input $input --main-jar (Split-Path $jar -Leaf) `
        --app-version $Version --add-modules "$modules,$extraModules" --dest $out
    if ($LASTEXITCODE -ne 0) { throw "jpackage failed for $($app.Name)" }
    Remove-Item -Recurse -Force $input
    $msi = Get-ChildItem $out -Filter "$($app.Name)-$Version.msi"
    "{0}: {1:N1} MB in {2:N0} s" -f $msi.Name, ($msi.Length / 1MB), ((Get-Date) - $started).TotalSeconds
}
