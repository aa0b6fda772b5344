#!/usr/bin/env bash
# Installs wrk when missing, builds the portal and the bench in Release, runs the bench and writes docs/benchmarks.md.
# Options are passed to the bench: --connections N --warmup-seconds N --duration-seconds N --burst N
#   --seed-users N (100000; 0 skips the seeding and the admin pages) --admin-connections N --admin-warmup-seconds N
# Other commands: --seed-only <database file> [--seed-users N]   fills a new portal database and exits
#                 --explain <database file>                      plans and times of the admin list's queries on it
set -euo pipefail
cd "$(dirname "$0")/.."

# The load generator, in a process of its own: Debian's wrk package, installed as root and without questions.
if ! command -v wrk >/dev/null 2>&1; then
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    as_root=(sudo -n)
  fi
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk
fi

dotnet build bench/WebPortal.Bench/WebPortal.Bench.csproj -c Release -nologo -v quiet
dotnet bench/WebPortal.Bench/bin/Release/net10.0/WebPortal.Bench.dll "$@"
