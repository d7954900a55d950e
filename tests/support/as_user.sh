#!/bin/sh
# Runs a test as user nobody when the suite runs as root, as itself otherwise: the lab is meant
# for normal users, and root would hide what they cannot do.
test="$1"
if [ "$(id -u)" != 0 ]; then
  exec "$test"
fi
if ! runuser -u nobody -- test -x "$test"; then
  echo "skipped: user nobody cannot run $test (a folder above it is closed to other users)"
  exit 77
fi
exec runuser -u nobody -- "$test"
