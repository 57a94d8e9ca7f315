#!/usr/bin/env bash
# Issue 4: what Attractor.Build adds to a no-op `dotnet build` of a project with 100 pipelines
# (target: at most 5% slower than the same project without the package). See "Build integration"
# in docs/performance.md for the numbers and how to read them.
#
# In a temporary directory it:
#   1. packs the repository (`dotnet pack Attractor.Build.sln -c Release`) into packages/, with a
#      version of its own, so the consumer gets exactly what users get from the package;
#   2. creates two console projects from one template, each with the same 100 generated .dot files
#      (benchmarks/Attractor.Benchmarks --generate-project) and the same Program.cs: `with/` has
#      <PackageReference Include="Attractor.Build" />, `without/` does not. Without the package the
#      .dot files are plain None items, so the difference is the package alone;
#   3. restores and builds each once (the with/ build compiles the 100 generated runners), then
#      times RUNS no-op `dotnet build --no-restore -nodeReuse:false` of each, alternating, with
#      hyperfine when installed (otherwise a loop over `date +%s%N`), and prints medians and the ratio.
# Both projects use one nuget.config (only packages/ as a source) and one fresh global packages
# folder, so a package of the same version restored earlier on this machine is never picked up.
#
# Environment:
#   RUNS=10             timed no-op builds of each project
#   WARMUP=2            untimed no-op builds of each before timing (disk cache, first-run JIT)
#   LOAD_MAX=1.5        wait (up to WAIT_MAX s) for the 1-minute load average to drop below this
#   WAIT_MAX=600
#   WORK_DIR=           where to work (default: a new mktemp -d under /var/tmp); kept when given
#   ARTIFACTS_PATH=/tmp/art-build-overhead   artifacts path of the pack and of the generator tool
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-2}"
LOAD_MAX="${LOAD_MAX:-1.5}"
WAIT_MAX="${WAIT_MAX:-600}"
ARTIFACTS_PATH="${ARTIFACTS_PATH:-/tmp/art-build-overhead}"
version="0.1.0-buildoverhead"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
# A fresh MSBuild per build: reused nodes would carry evaluation caches from one project's build
# into the other's and make the order of the runs matter.
export MSBUILDDISABLENODEREUSE=1

# log, load1, wait_for_quiet
source "$repo_root/benchmarks/lib.sh"

if [ -n "${WORK_DIR:-}" ]; then
  work="$WORK_DIR"
  mkdir -p "$work"
else
  # Not /tmp: other builds on the benchmark VM delete thousands of files there, which slows file
  # creation in the same block groups (see ENGINE_RUNS in run-benchmarks.sh).
  work="$(mktemp -d /var/tmp/attractor-build-overhead.XXXXXX)"
  trap 'rm -rf "$work"' EXIT
fi
packages="$work/packages"
global_packages="$work/global-packages"
# Wins over nuget.config's globalPackagesFolder; set both in case the machine sets NUGET_PACKAGES.
export NUGET_PACKAGES="$global_packages"

log "packing Attractor.Build $version into $packages"
dotnet pack "$repo_root/Attractor.Build.sln" -c Release -o "$packages" --artifacts-path "$ARTIFACTS_PATH" \
  "-p:Version=$version" -nologo -tl:off -v:q >/dev/null

log "generating the 100 pipelines"
dotnet build "$repo_root/benchmarks/Attractor.Benchmarks/Attractor.Benchmarks.csproj" -c Release \
  --artifacts-path "$ARTIFACTS_PATH" -nologo -tl:off -v:q >/dev/null
rm -rf "$work/pipelines"
dotnet "$ARTIFACTS_PATH/bin/Attractor.Benchmarks/release/Attractor.Benchmarks.dll" --generate-project "$work/pipelines" >&2

# One template, two projects: the only difference is the PackageReference line.
make_project() {
  local dir="$1" reference="$2"
  # From scratch: with a reused WORK_DIR, cp -r into an existing pipelines/ would nest a second copy.
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -r "$work/pipelines" "$dir/pipelines"
  cat > "$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$global_packages" />
  </config>
  <packageSources>
    <clear />
    <add key="attractor-local" value="$packages" />
  </packageSources>
</configuration>
XML
  cat > "$dir/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
$reference
  </ItemGroup>
</Project>
XML
  printf 'Console.WriteLine("hello");\n' > "$dir/Program.cs"
}
make_project "$work/with" "    <PackageReference Include=\"Attractor.Build\" Version=\"$version\" />"
make_project "$work/without" ""

for p in with without; do
  log "restore and first build: $p/"
  dotnet build "$work/$p/App.csproj" -c Release -nologo -tl:off -v:q -nodeReuse:false >/dev/null
done
# The comparison means nothing if the generator did not run: the last pipeline's runner must be in the assembly.
if ! grep -q Pipeline099Pipeline "$work/with/bin/Release/net10.0/App.dll"; then
  log "with/App.dll has no Pipeline099Pipeline runner: the generator did not run"
  exit 1
fi

# The measured command: a no-op build, nothing changed since the last one.
build_cmd() { echo "dotnet build $work/$1/App.csproj -c Release --no-restore -nodeReuse:false -nologo -tl:off -v:q"; }

load_before="$(wait_for_quiet)"
log "timing $RUNS no-op builds of each (load $load_before)"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

if command -v hyperfine >/dev/null; then
  # hyperfine runs all of one command, then all of the other; running it once per round with one
  # run of each keeps the two alternating, so a load change hits both alike.
  for p in with without; do
    for _ in $(seq "$WARMUP"); do $(build_cmd "$p") >/dev/null; done
  done
  : > "$work/times-with.txt"
  : > "$work/times-without.txt"
  for i in $(seq "$RUNS"); do
    hyperfine -N --runs 1 --style none --export-json "$work/round.json" \
      -n with "$(build_cmd with)" -n without "$(build_cmd without)" >/dev/null
    python3 - "$work/round.json" "$work" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    open(f"{sys.argv[2]}/times-{r['command']}.txt", "a").write(f"{r['times'][0] * 1000:.1f}\n")
PY
  done
  tool="hyperfine $(hyperfine --version | cut -d' ' -f2), one run of each per round"
else
  for p in with without; do
    for _ in $(seq "$WARMUP"); do $(build_cmd "$p") >/dev/null; done
  done
  : > "$work/times-with.txt"
  : > "$work/times-without.txt"
  for i in $(seq "$RUNS"); do
    for p in with without; do
      start=$(date +%s%N)
      $(build_cmd "$p") >/dev/null
      end=$(date +%s%N)
      echo "$(( (end - start) / 1000000 ))" >> "$work/times-$p.txt"
    done
  done
  tool="date +%s%N loop"
fi
load_after="$(load1)"

with_median=$(median < "$work/times-with.txt")
without_median=$(median < "$work/times-without.txt")
echo "## No-op dotnet build, 100 pipelines: with Attractor.Build vs without"
echo
echo "- $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$repo_root" rev-parse --short HEAD), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), .NET SDK $(dotnet --version)"
echo "- $RUNS runs each after $WARMUP warm-up builds, alternating ($tool); load average $load_before before, $load_after after"
echo "- command: $(build_cmd '<with|without>')"
echo
echo "| Project | Median [ms] | Min [ms] | Max [ms] | All runs [ms] |"
echo "|---|---:|---:|---:|---|"
for p in with without; do
  echo "| $p | $(median < "$work/times-$p.txt") | $(sort -n "$work/times-$p.txt" | head -1) | $(sort -n "$work/times-$p.txt" | tail -1) | $(paste -sd' ' "$work/times-$p.txt") |"
done
echo
awk -v a="$with_median" -v b="$without_median" 'BEGIN { r = a / b; printf "Ratio of medians (with / without): %.3f (%+.1f%%); target <= 1.05: %s\n", r, (r - 1) * 100, (r <= 1.05 ? "met" : "missed") }'
