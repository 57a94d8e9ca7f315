#!/usr/bin/env bash
# Front-end performance run (see docs/performance.md for the numbers it produced and how to read them):
#   1. builds the benchmark project and the CLI in Release;
#   2. writes the generated pipelines (big1k/2k/10k/20k.dot) to benchmarks/generated/ (gitignored);
#   3. runs the BenchmarkDotNet suite (reports in BenchmarkDotNet.Artifacts/results/);
#   4. runs the --scaling probe (GC pauses vs the rest of Load at 5k..40k nodes) and the --paired
#      probe (the 20k/10k ratio from adjacent short blocks, which the VM's drift does not skew);
#   5. times `attractor validate`, Graphviz `dot -Tcanon` and Graphviz `nop` with hyperfine.
# Everything it measured is summarised in benchmarks/generated/summary.md.
#
# With --engine it runs only the engine-overhead measurement instead (issue 3; see "Engine overhead"
# in docs/performance.md): the EngineOverheadBenchmarks class (1,000 no-op nodes, linear and 10
# parallel branches) with a short in-process BenchmarkDotNet job, then the --engine-probe
# distribution (per-node times by position, from the events). Summary in
# benchmarks/generated/engine-summary.md.
#
# Issue 4's measurements ("Build integration" in docs/performance.md), one mode each:
#   --generator       the GeneratorBenchmarks class (the source generator over 100 pipelines of 20-50
#                     nodes: Cold run, OneFileEdit incremental run, NoChange run) with its short
#                     in-process job (`Attractor.Benchmarks.dll --generator`). Summary in
#                     benchmarks/generated/generator-summary.md.
#   --build-overhead  benchmarks/build-overhead.sh: packs the repository, then times no-op `dotnet build`s
#                     of a 100-pipeline project with and without Attractor.Build, RUNS rounds (default
#                     here 30, with WARMUP=3; the script alone defaults to 10 and 2). Its other settings
#                     (WORK_DIR, and ARTIFACTS_PATH, which defaults to /tmp/art-build-overhead there) pass
#                     through; LOAD_MAX/WAIT_MAX are this script's. Summary in
#                     benchmarks/generated/build-overhead-summary.md.
# Issue 6's measurements ("Agent loop" in docs/performance.md):
#   --agent           benchmarks/Attractor.Agent.Benchmarks: the per-turn probe of a 200-call session
#                     (--loop-probe, AGENT_PROBE_SESSIONS sessions), the whole-session BenchmarkDotNet class
#                     (--loop: 50/100/200 calls against an instant in-process provider), then grep and glob on a
#                     generated 50,000-file tree against ripgrep (--search; installs ripgrep if missing). Arguments
#                     after --agent go to both BenchmarkDotNet runs. Summary in benchmarks/generated/agent-summary.md.
# Issue 2's linearity under the garbage collector of each process that loads pipelines:
#   --host-gc         the BenchmarkDotNet Load benchmark (10k and 20k nodes, the suite's in-process
#                     job) under the runtime's default workstation concurrent GC (MSBuild, applications),
#                     with DOTNET_gcConcurrent=0, and with DOTNET_gcServer=1 (the compiler server, where
#                     the source generator runs: the SDK's VBCSCompiler.runtimeconfig.json sets
#                     System.GC.Server), HOST_GC_ROUNDS rounds (default 2) alternating, each with the
#                     20k/10k ratio (benchmarks/bdn-ratio.awk), and the median per setting at the end.
#                     HOST_GC_SETTINGS picks the settings (e.g. HOST_GC_SETTINGS=default).
#                     Summary in benchmarks/generated/host-gc-summary.md.
# Arguments after --engine, --generator, --agent or --host-gc go to BenchmarkDotNet, e.g. a quick check:
#   ./benchmarks/run-benchmarks.sh --generator --filter '*NoChange*' --iterationCount 3 --warmupCount 1
# and RUNS=1 WARMUP=0 ./benchmarks/run-benchmarks.sh --build-overhead checks the no-op-build mode.
#
# Measurements on a shared machine are only worth something when it is quiet: before each timed
# step the script waits (up to WAIT_MAX seconds) for the 1-minute load average to drop below
# LOAD_MAX, and it records the load it measured under.
#
# Environment:
#   LOAD_MAX=1.5        load average under which measuring starts
#   WAIT_MAX=1800       longest wait for that, in seconds (then it measures anyway and says so)
#   ARTIFACTS_PATH=     build with --artifacts-path (e.g. /tmp/art-bench) instead of bin/ and obj/
#   BDN_ARGS=           extra BenchmarkDotNet arguments, e.g. "--filter *Corpus*" (default: --filter '*')
#   SKIP_BDN=1          skip BenchmarkDotNet
#   SKIP_DOT10K=1       skip `dot -Tcanon big10k.dot`, which runs Graphviz's full layout (~30 min here)
#   DOT10K_TIMEOUT=3600 give up on `dot -Tcanon big10k.dot` after this many seconds
#   ENGINE_RUNS=/var/tmp/attractor-engine-bench   (--engine) where the benchmark's run directories go;
#                       deleted at the end (~150 MB until then). Not /tmp on the benchmark VM: its root file system is
#                       ext4 without a journal, where creating a file costs time proportional to the
#                       inodes freed in the last ~30 s in its block group, and /tmp is where everyone's
#                       builds delete thousands of files.
#   ENGINE_PROBE_RUNS=5 (--engine) measured runs per pipeline of the probe
#   ENGINE_TMPFS=1      (--engine) also run the probe on /dev/shm (no disk: the engine's CPU cost alone)
#   AGENT_PROBE_SESSIONS=10 (--agent) measured sessions of the per-turn probe
#   ATTRACTOR_SEARCH_TREE=/var/tmp/attractor-search-tree (--agent) where the 50,000-file tree is generated (~200 MB
#                       on disk, kept for the next run; regenerated when its version marker differs)
#   SKIP_LOOP=1 / SKIP_SEARCH=1 (--agent) leave out the loop or the search measurements
#   RUNS=30 WARMUP=3    (--build-overhead) timed rounds (one no-op build of each project per round) and
#                       untimed warm-up builds of each project
set -euo pipefail

mode=frontend
case "${1:-}" in
  --engine) mode=engine; shift ;;
  --generator) mode=generator; shift ;;
  --build-overhead) mode=build-overhead; shift ;;
  --agent) mode=agent; shift ;;
  --host-gc) mode=host-gc; shift ;;
  "") ;;
  *) echo "unknown mode: $1 (--engine, --generator, --build-overhead, --agent, --host-gc, or none for the front-end run)" >&2; exit 2 ;;
esac

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export MSBUILDDISABLENODEREUSE=1

LOAD_MAX="${LOAD_MAX:-1.5}"
WAIT_MAX="${WAIT_MAX:-1800}"
DOT10K_TIMEOUT="${DOT10K_TIMEOUT:-3600}"
generated="$repo_root/benchmarks/generated"
summary="$generated/summary.md"

# log, load1, wait_for_quiet (shared with build-overhead.sh)
source "$repo_root/benchmarks/lib.sh"

# The first lines of every summary: when, what code, what machine.
machine_header() {
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo "(not a git checkout)")$(git diff --quiet HEAD -- "$@" 2>/dev/null || echo " (+ uncommitted changes in $*, or not a git checkout)")"
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
  echo "- .NET: $(dotnet --version) SDK, runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}')"
}

# Builds a benchmark project in Release (with --artifacts-path when ARTIFACTS_PATH is set) and
# sets build_args (for later builds) and built_dll (the project's assembly).
release_build() {
  local project="$1"
  build_args=(-c Release)
  if [ -n "${ARTIFACTS_PATH:-}" ]; then
    build_args+=(--artifacts-path "$ARTIFACTS_PATH")
    built_dll="$ARTIFACTS_PATH/bin/$project/release/$project.dll"
  else
    built_dll="$repo_root/benchmarks/$project/bin/Release/net10.0/$project.dll"
  fi

  log "building Release"
  dotnet build "${build_args[@]}" "benchmarks/$project/$project.csproj"
}

# --- source generator (--generator) ------------------------------------------------------------
if [ "$mode" = generator ]; then
  release_build Attractor.Benchmarks
  bench_dll="$built_dll"
  mkdir -p "$generated"
  generator_summary="$generated/generator-summary.md"
  {
    echo "# Source generator run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    machine_header src/Attractor.Generators src/Attractor.Dot benchmarks/Attractor.Benchmarks
    echo
  } > "$generator_summary"

  load_before="$(wait_for_quiet)"
  log "BenchmarkDotNet, generator (load $load_before)"
  rm -rf BenchmarkDotNet.Artifacts/results
  dotnet "$bench_dll" --generator "$@"
  load_after="$(load1)"
  {
    echo "## BenchmarkDotNet: \`Attractor.Benchmarks.dll --generator${*:+ $*}\` (load average $load_before before, $load_after after)"
    echo
    cat BenchmarkDotNet.Artifacts/results/*GeneratorBenchmarks-report-github.md
    echo
  } >> "$generator_summary"
  log "done: $generator_summary"
  exit 0
fi

# --- agent loop and search tools (--agent) -----------------------------------------------------
if [ "$mode" = agent ]; then
  if ! command -v rg >/dev/null; then
    log "installing ripgrep"
    apt-get update >/dev/null && apt-get install -y ripgrep >/dev/null
  fi

  release_build Attractor.Agent.Benchmarks
  agent_dll="$built_dll"
  mkdir -p "$generated"
  agent_summary="$generated/agent-summary.md"
  loads() { cut -d' ' -f1-3 /proc/loadavg | sed 's/ / \/ /g'; }
  {
    echo "# Agent loop and search tools run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    machine_header src/Attractor.Agent src/Attractor.Llm benchmarks/Attractor.Agent.Benchmarks
    echo "- ripgrep: $(rg --version | head -1)"
    echo
    echo "Load averages are 1 / 5 / 15 minutes, from /proc/loadavg."
    echo
  } > "$agent_summary"

  if [ "${SKIP_LOOP:-0}" != 1 ]; then
    load_probe="$(wait_for_quiet)"
    loads_before="$(loads)"
    log "loop probe (load $load_probe)"
    probe_out="$(dotnet "$agent_dll" --loop-probe "${AGENT_PROBE_SESSIONS:-10}")"
    {
      echo "## Per-turn probe: \`Attractor.Agent.Benchmarks.dll --loop-probe ${AGENT_PROBE_SESSIONS:-10}\` (load averages $loads_before before, $(loads) after)"
      echo
      echo "$probe_out"
      echo
    } >> "$agent_summary"

    load_loop="$(wait_for_quiet)"
    loads_before="$(loads)"
    log "BenchmarkDotNet, agent loop (load $load_loop)"
    rm -rf BenchmarkDotNet.Artifacts/results
    dotnet "$agent_dll" --loop "$@"
    {
      echo "## BenchmarkDotNet: \`Attractor.Agent.Benchmarks.dll --loop${*:+ $*}\` (load averages $loads_before before, $(loads) after)"
      echo
      cat BenchmarkDotNet.Artifacts/results/*AgentLoopBenchmarks-report-github.md
      echo
    } >> "$agent_summary"
  fi

  if [ "${SKIP_SEARCH:-0}" != 1 ]; then
    log "generating the search tree (once)"
    tree="$(dotnet "$agent_dll" --generate-tree)"
    load_search="$(wait_for_quiet)"
    loads_before="$(loads)"
    log "BenchmarkDotNet, grep and glob (load $load_search)"
    rm -rf BenchmarkDotNet.Artifacts/results
    if [ "$#" -gt 0 ]; then dotnet "$agent_dll" --search --filter '*' "$@"; else dotnet "$agent_dll" --search; fi
    {
      echo "## BenchmarkDotNet: \`Attractor.Agent.Benchmarks.dll --search${*:+ --filter '*' $*}\` on $tree ($(find "$tree" -type f -not -name .complete | wc -l) files, $(du -sh "$tree" | cut -f1) on disk, $(df -T "$tree" | awk 'NR==2 {print $2}'); load averages $loads_before before, $(loads) after)"
      echo
      for report in BenchmarkDotNet.Artifacts/results/*GrepBenchmarks-report-github.md BenchmarkDotNet.Artifacts/results/*GlobBenchmarks-report-github.md; do
        cat "$report"
        echo
      done
    } >> "$agent_summary"
  fi

  log "done: $agent_summary"
  exit 0
fi

# --- the 20k/10k ratio under each host's garbage collector (--host-gc) ---------------------------
if [ "$mode" = host-gc ]; then
  release_build Attractor.Benchmarks
  bench_dll="$built_dll"
  mkdir -p "$generated"
  host_gc_summary="$generated/host-gc-summary.md"
  {
    echo "# Load under each host's GC, run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    machine_header src/Attractor.Dot benchmarks/Attractor.Benchmarks
    echo "- the SDK's compiler server: $(grep -o '"System.GC.Server": *[a-z]*' "$(dirname "$(readlink -f "$(command -v dotnet)")")"/sdk/*/Roslyn/bincore/VBCSCompiler.runtimeconfig.json 2>/dev/null | head -1 || echo 'runtimeconfig not found')"
    echo
  } > "$host_gc_summary"

  # One run is not a verdict on a shared VM (docs/performance.md, sixth round): the summary ends
  # with each setting's median over the rounds.
  host_gc_settings="${HOST_GC_SETTINGS:-default DOTNET_gcConcurrent=0 DOTNET_gcServer=1}"
  declare -A ratios=()
  for round in $(seq 1 "${HOST_GC_ROUNDS:-2}"); do
    for setting in $host_gc_settings; do
      settings=()
      [ "$setting" = default ] || settings=("$setting")
      load_before="$(wait_for_quiet)"
      log "round $round, GC $setting (load $load_before)"
      rm -rf BenchmarkDotNet.Artifacts/results
      env "${settings[@]}" dotnet "$bench_dll" --filter '*GeneratedPipelineBenchmarks.Load*' "$@"
      report="$(ls BenchmarkDotNet.Artifacts/results/*GeneratedPipelineBenchmarks-report-github.md)"
      ratio_lines="$(awk -f "$repo_root/benchmarks/bdn-ratio.awk" "$report")"
      ratios[$setting]+="$(sed -n 's/.*= \([0-9.]*\)x$/\1/p' <<<"$ratio_lines" | tr '\n' ' ')"
      {
        echo "## Round $round, GC: $setting (load average $load_before before, $(load1) after)"
        echo
        echo "$ratio_lines"
        echo
        grep '^|' "$report"
        echo
      } >> "$host_gc_summary"
    done
  done

  {
    echo "## 20k / 10k: median per GC setting"
    echo
    for setting in $host_gc_settings; do
      # shellcheck disable=SC2086 # one ratio per word
      printf '%s\n' ${ratios[$setting]} | sort -n | awk -v setting="$setting" '
        { v[NR] = $1 }
        END {
          median = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "- %s: **%.2fx** (%d runs:", setting, median, NR
          for (i = 1; i <= NR; i++) printf " %s", v[i]
          print ")"
        }'
    done
    echo
  } >> "$host_gc_summary"

  log "done: $host_gc_summary"
  exit 0
fi

# --- no-op build overhead (--build-overhead) ---------------------------------------------------
if [ "$mode" = build-overhead ]; then
  if [ "$#" -gt 0 ]; then
    echo "--build-overhead takes no arguments; set RUNS, WARMUP, WORK_DIR, ARTIFACTS_PATH, LOAD_MAX, WAIT_MAX" >&2
    exit 2
  fi
  mkdir -p "$generated"
  overhead_summary="$generated/build-overhead-summary.md"
  overhead_table="$(mktemp)"
  trap 'rm -f "$overhead_table"' EXIT
  load_start="$(load1)"
  log "build overhead: RUNS=${RUNS:-30} WARMUP=${WARMUP:-3} (load $load_start); build-overhead.sh waits for a quiet machine before timing"
  # build-overhead.sh packs and builds first, then waits (wait_for_quiet, same LOAD_MAX/WAIT_MAX)
  # right before the timed rounds, and prints the load before and after them.
  RUNS="${RUNS:-30}" WARMUP="${WARMUP:-3}" LOAD_MAX="$LOAD_MAX" WAIT_MAX="$WAIT_MAX" \
    "$repo_root/benchmarks/build-overhead.sh" > "$overhead_table"
  {
    echo "# No-op build overhead run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    machine_header src targets
    echo "- load average when the script started: $load_start"
    echo
    cat "$overhead_table"
  } > "$overhead_summary"
  cat "$overhead_table"
  log "done: $overhead_summary"
  exit 0
fi

# --- engine overhead (--engine) ----------------------------------------------------------------
if [ "$mode" = engine ]; then
  release_build Attractor.Benchmarks
  bench_dll="$built_dll"
  mkdir -p "$generated"
  engine_summary="$generated/engine-summary.md"
  runs_root="${ENGINE_RUNS:-/var/tmp/attractor-engine-bench}"
  {
    echo "# Engine overhead run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo "(not a git checkout)")$(git diff --quiet HEAD -- src/Attractor.Pipelines benchmarks/Attractor.Benchmarks 2>/dev/null || echo ' (+ uncommitted changes in src/Attractor.Pipelines or benchmarks/Attractor.Benchmarks, or not a git checkout)')"
    echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
    echo "- .NET: $(dotnet --version) SDK, runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}')"
    echo "- run directories: $runs_root ($(df -T "$(dirname "$runs_root")" | awk 'NR==2 {print $2}'))"
    echo
  } > "$engine_summary"

  # Run directories are deleted only at the end: freed inodes slow every file created in their
  # block group for the next ~35 s on the benchmark VM (see ENGINE_RUNS), which would bill one
  # step's clean-up to the next step.
  if [ -e "$runs_root" ]; then
    rm -rf "$runs_root"
    sleep 40
  fi
  load_before="$(wait_for_quiet)"
  log "BenchmarkDotNet, engine overhead (load $load_before)"
  rm -rf BenchmarkDotNet.Artifacts/results
  ATTRACTOR_ENGINE_RUNS="$runs_root" dotnet "$bench_dll" --engine "$@"
  load_after="$(load1)"
  {
    echo "## BenchmarkDotNet: \`Attractor.Benchmarks.dll --engine\` (load average $load_before before, $load_after after)"
    echo
    cat BenchmarkDotNet.Artifacts/results/*EngineOverheadBenchmarks-report-github.md
    echo
  } >> "$engine_summary"

  load_probe="$(wait_for_quiet)"
  log "engine probe (load $load_probe)"
  {
    echo "## Probe: \`Attractor.Benchmarks.dll --engine-probe ${ENGINE_PROBE_RUNS:-5}\` (load average $load_probe before)"
    echo
    ATTRACTOR_ENGINE_RUNS="$runs_root" dotnet "$bench_dll" --engine-probe "${ENGINE_PROBE_RUNS:-5}"
    echo
  } >> "$engine_summary"

  if [ "${ENGINE_TMPFS:-0}" = 1 ]; then
    load_tmpfs="$(wait_for_quiet)"
    log "engine probe on /dev/shm (load $load_tmpfs)"
    {
      echo "## Probe on tmpfs (/dev/shm: no disk, no fsync cost; load average $load_tmpfs before)"
      echo
      ATTRACTOR_ENGINE_RUNS=/dev/shm/attractor-engine-bench dotnet "$bench_dll" --engine-probe "${ENGINE_PROBE_RUNS:-5}"
      echo
    } >> "$engine_summary"
    rm -rf /dev/shm/attractor-engine-bench
  fi

  rm -rf "$runs_root"
  log "done: $engine_summary"
  exit 0
fi

# --- tools -------------------------------------------------------------------------------------
if ! command -v dot >/dev/null || ! command -v nop >/dev/null || ! command -v hyperfine >/dev/null; then
  log "installing graphviz and hyperfine"
  apt-get update >/dev/null && apt-get install -y graphviz hyperfine >/dev/null
fi

# --- build -------------------------------------------------------------------------------------
release_build Attractor.Benchmarks
bench_dll="$built_dll"
if [ -n "${ARTIFACTS_PATH:-}" ]; then
  cli_dll="$ARTIFACTS_PATH/bin/Attractor.Cli/release/Attractor.Cli.dll"
else
  cli_dll="$repo_root/src/Attractor.Cli/bin/Release/net10.0/Attractor.Cli.dll"
fi
dotnet build "${build_args[@]}" src/Attractor.Cli/Attractor.Cli.csproj

# --- inputs ------------------------------------------------------------------------------------
mkdir -p "$generated"
log "generating pipelines"
dotnet "$bench_dll" --generate "$generated" 1000 2000 10000 20000 | tee "$generated/inputs.txt"

{
  echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "- commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src/Attractor.Dot src/Attractor.Cli benchmarks/Attractor.Benchmarks || echo ' (+ uncommitted changes in src/Attractor.Dot, src/Attractor.Cli or benchmarks/Attractor.Benchmarks)')"
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
  echo "- .NET: $(dotnet --version) SDK, runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}')"
  echo "- Graphviz: $(dot -V 2>&1), hyperfine: $(hyperfine --version)"
  echo
  echo '## Inputs'
  echo
  sed 's/^/    /' "$generated/inputs.txt"
  echo
} > "$summary"

# --- BenchmarkDotNet ---------------------------------------------------------------------------
if [ "${SKIP_BDN:-0}" != 1 ]; then
  load_before="$(wait_for_quiet)"
  log "BenchmarkDotNet (load $load_before)"
  bdn_args=(--filter '*')
  if [ -n "${BDN_ARGS:-}" ]; then
    read -r -a bdn_args <<< "$BDN_ARGS"
  fi
  rm -rf BenchmarkDotNet.Artifacts/results
  dotnet run "${build_args[@]}" --project benchmarks/Attractor.Benchmarks -- "${bdn_args[@]}"
  load_after="$(load1)"
  {
    echo "## BenchmarkDotNet (load average $load_before before, $load_after after)"
    echo
    for report in BenchmarkDotNet.Artifacts/results/*-report-github.md; do
      cat "$report"
      echo
    done
    # Linearity: Mean(20k) / Mean(10k) per method, from the CSV report.
    csv=BenchmarkDotNet.Artifacts/results/Attractor.Benchmarks.GeneratedPipelineBenchmarks-report.csv
    if [ -f "$csv" ]; then
      echo "Linearity (Mean at 20,000 nodes / Mean at 10,000 nodes; target <= 2.2):"
      echo
      python3 - "$csv" <<'PY'
import csv, sys
unit = {"ns": 1e-6, "μs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1e3}
means = {}
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    value, u = row["Mean"].replace(",", "").split()
    means[(row["Method"], row["NodeCount"])] = float(value) * unit[u]
for method in sorted({m for m, _ in means}):
    a, b = means.get((method, "10000")), means.get((method, "20000"))
    if a and b:
        print(f"    {method:<14} {a:8.1f} ms -> {b:8.1f} ms   ratio {b / a:.2f}")
PY
      echo
    fi
  } >> "$summary"
fi

# --- GC split (diagnostic) ---------------------------------------------------------------------
load_scaling="$(wait_for_quiet)"
log "scaling probe (load $load_scaling)"
{
  echo "## Scaling probe: \`dotnet Attractor.Benchmarks.dll --scaling 20\` (load average $load_scaling before)"
  echo
  dotnet "$bench_dll" --scaling 20
  echo
} >> "$summary"

# --- the 20k/10k ratio in adjacent pairs (the steadier linearity measurement) -----------------
load_paired="$(wait_for_quiet)"
log "paired ratio probe (load $load_paired)"
{
  echo "## Paired ratio: \`dotnet Attractor.Benchmarks.dll --paired 40\` (load average $load_paired before)"
  echo
  dotnet "$bench_dll" --paired 40
  echo
} >> "$summary"

# --- process-level comparison ------------------------------------------------------------------
cd "$generated"
rm -f cli.md dot-small.md dot-10k.md
load_cli="$(wait_for_quiet)"
log "hyperfine: attractor validate vs Graphviz nop (load $load_cli)"
hyperfine --warmup 2 --runs 10 --export-markdown cli.md \
  -n 'attractor validate big10k.dot' "dotnet $cli_dll validate big10k.dot" \
  -n 'attractor validate big20k.dot' "dotnet $cli_dll validate big20k.dot" \
  -n 'nop big10k.dot (Graphviz parse + canonical print, no layout)' 'nop big10k.dot > /dev/null' \
  -n 'dotnet Attractor.Cli.dll --version (process start-up only)' "dotnet $cli_dll --version"

load_dot="$(wait_for_quiet)"
log "hyperfine: dot -Tcanon on 1k and 2k nodes (load $load_dot)"
hyperfine --warmup 1 --runs 3 --export-markdown dot-small.md \
  'dot -Tcanon big1k.dot > /dev/null' \
  'dot -Tcanon big2k.dot > /dev/null'

dot10k_note="skipped (SKIP_DOT10K=1)"
if [ "${SKIP_DOT10K:-0}" != 1 ]; then
  load_dot10k="$(wait_for_quiet)"
  log "hyperfine: dot -Tcanon big10k.dot, one run, timeout ${DOT10K_TIMEOUT}s (load $load_dot10k)"
  if timeout "$DOT10K_TIMEOUT" hyperfine --runs 1 --export-markdown dot-10k.md 'dot -Tcanon big10k.dot > /dev/null'; then
    dot10k_note="see table (load average $load_dot10k before)"
  else
    dot10k_note="did not finish within ${DOT10K_TIMEOUT}s (load average $load_dot10k before)"
  fi
fi

{
  echo "## Process level, hyperfine"
  echo
  echo "Commands run in benchmarks/generated/; \`attractor\` is \`dotnet $cli_dll\`."
  echo
  echo "Load average before: $load_cli"
  echo
  cat cli.md
  echo
  echo "Load average before: $load_dot"
  echo
  cat dot-small.md
  echo
  echo "dot -Tcanon big10k.dot: $dot10k_note"
  echo
  [ -f dot-10k.md ] && [ "$dot10k_note" = "see table" ] && cat dot-10k.md
  echo
} >> "$summary"

log "done: $summary"
