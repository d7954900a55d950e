#!/usr/bin/env bash
# Soak (not a test): the template under a fixed rate for an hour, a server killed and restarted
# every five minutes; prints RSS at start and end and the failures outside the kill windows.
#   tests/bench/soak.sh [BUILD_DIR]   (default build-ci); SOAK_MINUTES (60), SOAK_RATE (100),
#   SOAK_KILL_EVERY_S (300)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-ci}
if [ ! -d "$build" ]; then cmake --preset ci >/dev/null; fi
cmake --build "$build" --target topolab topolab_soak >/dev/null
exec "$build/tests/bench/topolab_soak"
