#!/bin/sh
# Runs after every other test: no worker or MariaDB server that this suite started may outlive it.
# Only processes carrying this build's marker count (every test runs with it and their children
# inherit it), so a soak or another Topolab run on the same machine is left out.
marker="TOPOLAB_TEST_SUITE=$1"
left=0
for pid in $(pgrep -f 'topolab worker --name|mariadbd --no-defaults'); do
  if tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qxF "$marker"; then
    ps -o pid=,args= -p "$pid"
    left=1
  fi
done
if [ "$left" -ne 0 ]; then
  echo 'processes were left behind by the tests (listed above)'
  exit 1
fi
echo 'no processes left behind'
