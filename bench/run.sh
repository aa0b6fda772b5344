#!/usr/bin/env bash
# Installs wrk (and HAProxy, PostgreSQL, Redis) when missing, publishes the portal and builds the bench in Release, runs the bench and writes docs/benchmarks.md.
# Options are passed to the bench: --connections N --warmup-seconds N --duration-seconds N --burst N
#   --seed-users N (100000; 0 skips the seeding and the admin pages) --admin-connections N --admin-warmup-seconds N
#   --no-scale-out (skips the two instances on PostgreSQL and Redis behind HAProxy)
# Other commands: --seed-only <database file> [--seed-users N]   fills a new portal database and exits
#                 --explain <database file>                      plans and times of the admin list's queries on it
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's packages, installed as root and without questions when missing: the load generator (wrk, a process of its
# own) and, for the several instances, the load balancer, the database and the cache (--no-scale-out needs none of them).
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if [[ " $* " != *" --no-scale-out "* ]]; then
  [ -x /usr/sbin/haproxy ] || command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    as_root=(sudo -n)
  fi
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

# The portal as deployed (Release, ReadyToRun; see src/WebPortal/WebPortal.csproj), run from where it is published.
# Seeding and the query plans use the portal's database code through the bench's own build and start no portal.
if [[ " $* " != *" --seed-only "* && " $* " != *" --explain "* && " $* " != *" --explain-postgresql "* ]]; then
  rm -rf artifacts/bench/portal
  dotnet publish src/WebPortal/WebPortal.csproj -c Release -o artifacts/bench/portal -nologo -v quiet
fi
dotnet build bench/WebPortal.Bench/WebPortal.Bench.csproj -c Release -nologo -v quiet
dotnet bench/WebPortal.Bench/bin/Release/net10.0/WebPortal.Bench.dll "$@"
