#!/usr/bin/env bash
# Fuzzes one target with AFL++ through SharpFuzz: fuzz/afl.sh TARGET [SECONDS]   (targets: see `list`)
# Installs afl++ (apt) and the sharpfuzz instrumenter (dotnet tool, into .local/) when missing; publishes the
# harness into .local/fuzz/TARGET, writes the seeds, instruments DepHealth.Core, Tomlyn and YamlDotNet in a copy,
# and runs afl-fuzz for SECONDS (default 600). Crashes land in .local/fuzz/TARGET/findings/default/crashes;
# replay them with: dotnet .local/fuzz/TARGET/plain/DepHealth.Fuzz.dll replay TARGET FILE…
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/afl.sh TARGET [SECONDS]}
seconds=${2:-600}

command -v afl-fuzz >/dev/null || { apt-get update -qq && apt-get install -y -qq afl++ >/dev/null; }
[ -x .local/tools/sharpfuzz ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path .local/tools >/dev/null

out=.local/fuzz/$target
dotnet publish fuzz/DepHealth.Fuzz -c Release -o "$out/plain" --nologo -v q
# Seeds come from the plain copy: instrumented code only runs under afl-fuzz (it writes to AFL's shared memory).
rm -rf "$out/seeds" && dotnet "$out/plain/DepHealth.Fuzz.dll" seeds "$target" "$out/seeds"
rm -rf "$out/bin" && cp -r "$out/plain" "$out/bin"
for dll in DepHealth.Core.dll Tomlyn.dll YamlDotNet.dll; do
  .local/tools/sharpfuzz "$out/bin/$dll"
done

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
afl-fuzz -V "$seconds" -i "$out/seeds" -o "$out/findings" -t 10000 -m none -- dotnet "$out/bin/DepHealth.Fuzz.dll" afl "$target" || true
stats="$out/findings/default/fuzzer_stats"
[ -f "$stats" ] && grep -E '^(execs_done|execs_per_sec|saved_crashes|saved_hangs|corpus_count|edges_found)' "$stats"
crashes=$(find "$out/findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
echo "$target: $crashes crash input(s) in $out/findings/default/crashes"
