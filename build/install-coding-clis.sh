#!/usr/bin/env bash
# Copyright (c) Attractor.Build contributors. Licensed under the MIT License.
#
# Installs the three coding CLIs that the harness backends drive (Claude Code, Codex, Gemini CLI) from npm,
# at the versions the harness was verified against, into one cache folder. Idempotent: a version already
# installed is left alone. Prints the folder holding the three executables (node_modules/.bin) on its last line.
#
# Usage: build/install-coding-clis.sh [cache-dir]
#   cache-dir defaults to $ATTRACTOR_CODING_CLIS_DIR, else ~/.cache/attractor/coding-clis.
# Needs node >= 20 and npm. Tests find the CLIs through ATTRACTOR_CODING_CLIS_DIR (the same folder).
set -euo pipefail

readonly CLAUDE_CODE="@anthropic-ai/claude-code@2.1.328"
readonly CODEX="@openai/codex@0.169.0"
readonly GEMINI_CLI="@google/gemini-cli@0.61.0"

dir="${1:-${ATTRACTOR_CODING_CLIS_DIR:-$HOME/.cache/attractor/coding-clis}}"

command -v node >/dev/null || { echo "install-coding-clis: node (>= 20) is not installed" >&2; exit 1; }
command -v npm >/dev/null || { echo "install-coding-clis: npm is not installed" >&2; exit 1; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "install-coding-clis: node $(node --version) is too old; the Gemini CLI needs node >= 20" >&2
  exit 1
fi

mkdir -p "$dir"
stamp="$dir/.installed"
wanted="$CLAUDE_CODE $CODEX $GEMINI_CLI"

# The stamp is written only after a complete install whose binaries all answer --version.
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] \
  && "$dir/node_modules/.bin/claude" --version >/dev/null 2>&1 \
  && "$dir/node_modules/.bin/codex" --version >/dev/null 2>&1 \
  && "$dir/node_modules/.bin/gemini" --version >/dev/null 2>&1; then
  echo "install-coding-clis: already installed ($wanted)" >&2
  echo "$dir/node_modules/.bin"
  exit 0
fi

rm -f "$stamp"
# --prefix keeps everything inside the cache folder; the native binaries of Claude Code and Codex come as
# optional dependencies of their packages, so optional dependencies must not be omitted.
npm install --prefix "$dir" --no-audit --no-fund --no-save --include=optional --loglevel=error \
  "$CLAUDE_CODE" "$CODEX" "$GEMINI_CLI" >&2

for cli in claude codex gemini; do
  if ! "$dir/node_modules/.bin/$cli" --version >/dev/null 2>&1; then
    echo "install-coding-clis: $cli was installed but does not run ($dir/node_modules/.bin/$cli --version failed)" >&2
    exit 1
  fi
done

echo "$wanted" >"$stamp"
echo "install-coding-clis: installed $wanted into $dir" >&2
echo "$dir/node_modules/.bin"
