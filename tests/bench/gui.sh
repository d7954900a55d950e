#!/usr/bin/env bash
# Live-control benchmark (not a test): Start → healthy (cold and warm), the request rate through
# the balancer inside the window while the charts update, the window's event-loop stalls, and
# HAProxy in front of the same workers as the reference. Prints a Markdown table.
# MIX=100:0:0 sends pages only (default 70:20:10 pages:API reads:API writes).
#   tests/bench/gui.sh [BUILD_DIR]   (default build-ci); CONNECTIONS (64), DURATION (10 s)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-ci}
if [ ! -d "$build" ]; then cmake --preset ci >/dev/null; fi
cmake --build "$build" --target topolab topolab_guibench >/dev/null
if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends haproxy
fi
exec "$build/tests/bench/topolab_guibench"
