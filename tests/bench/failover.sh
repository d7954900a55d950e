#!/usr/bin/env bash
# Benchmark: the floating IP of the www.foobar.com, fixed template. Not a test: it never gates CI.
#   tests/bench/failover.sh [BUILD_DIR]    (default: build-ci)
# 1. Failover: TRIALS times (default 10), kills the balancer holding the floating IP of a held
#    lab, reads the time Topolab measured from the fault to the first request served again
#    through the floating IP, restarts it and waits until it holds the address again (preempt).
#    Prints every trial, the median and the maximum.
# 2. Requests per second: wrk from the desktop for DURATION seconds (default 5) through the lab
#    (forward → balancer host → server hosts) and through the same design on one host
#    (TOPOLAB_LAB=host), in one run, with the ratio.
# 3. The balancer against HAProxy in the same namespaces: the www.foobar.com template held in a
#    lab, HAProxy started in the balancer's host (nsenter into the lab's user namespace and the
#    network namespace of the balancer's thread) on port 81 in front of the same two servers,
#    and wrk in the internet host against each, in one run.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-ci}
topolab=$(realpath "$build/topolab")
trials=${TRIALS:-10}
duration=${DURATION:-5}
[ -x "$topolab" ] || { echo "bench: $topolab not found; build it first (cmake --preset ci && cmake --build --preset ci)" >&2; exit 1; }
for tool in wrk nsenter /usr/sbin/haproxy; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing: apt-get install wrk haproxy util-linux" >&2; exit 1; }
done

work=$(mktemp -d /tmp/topolab-failover-XXXXXX)
held=""
haproxy=""
cleanup() {
  [ -n "$haproxy" ] && kill "$haproxy" 2>/dev/null || true
  [ -n "$held" ] && kill -INT "$held" 2>/dev/null && wait "$held" 2>/dev/null || true
  exec 3>&- 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
export XDG_DATA_HOME=$work/data XDG_CACHE_HOME=${XDG_CACHE_HOME:-$HOME/.cache}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

port=$(free_port)
"$topolab" template foobar-fixed | sed "s/\"port\": 8080/\"port\": $port/g" >"$work/fixed.topo.json"
"$topolab" template foobar | sed "s/\"port\": 8080/\"port\": $port/g" >"$work/plain.topo.json"

# Starts a held run of the design; its commands go to fd 3, its standard error to $work/$1.log.
hold() {
  mkfifo "$work/$1.in"
  "$topolab" run "$work/${2:-fixed}.topo.json" --hold --requests 0 <"$work/$1.in" >/dev/null 2>"$work/$1.log" &
  held=$!
  exec 3>"$work/$1.in"
  for _ in $(seq 1 300); do grep -q "Cluster › Attach\|could not start" "$work/$1.log" && break; sleep 0.1; done
  grep -q "Cluster › Attach" "$work/$1.log" || { cat "$work/$1.log" >&2; exit 1; }
}
unhold() {
  kill -INT "$held"; wait "$held" || true; held=""
  exec 3>&-
}
# Waits until the log has LINES lines matching PATTERN.
wait_for() {
  for _ in $(seq 1 300); do [ "$(grep -c "$2" "$work/$1.log")" -ge "$3" ] && return 0; sleep 0.1; done
  echo "bench: timed out waiting for '$2' in $1.log" >&2; tail -5 "$work/$1.log" >&2; exit 1
}
rps() { wrk -t1 -c50 -d"${duration}s" "http://127.0.0.1:$port/" | awk '/Requests\/sec/ {print $2}'; }

echo "== failover of the floating IP, $trials trials (fault to first request served again)"
hold lab
grep -q "One host" "$work/lab.log" && { echo "bench: no lab on this machine:" >&2; grep "One host" "$work/lab.log" >&2; exit 1; }
for trial in $(seq 1 "$trials"); do
  echo "kill lb" >&3
  wait_for lab "floating IP moved to" "$trial"
  echo "restart lb" >&3
  wait_for lab "^Load balancer: healthy" "$trial"
  # Preempt: the active takes its address back; the next trial starts from there.
  sleep 3
done
grep -o "floating IP moved to .* after [0-9.]* s" "$work/lab.log" | awk '{print $(NF-1)}' >"$work/times"
awk '{printf "trial %d: %.1f s\n", NR, $1}' "$work/times"
sort -n "$work/times" | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "median %.1f s, maximum %.1f s over %d trials\n", m, a[NR], NR}'

echo "== requests per second from the desktop, wrk -t1 -c50 -d${duration}s, the home page"
lab_rps=$(rps)
unhold
TOPOLAB_LAB=host hold host
host_rps=$(rps)
unhold
echo "lab (forward → balancer host → server hosts): $lab_rps req/s"
echo "one host (127.0.0.1): $host_rps req/s"
awk -v a="$lab_rps" -v b="$host_rps" 'BEGIN {printf "lab / one host: %.2f\n", a / b}'

echo "== the balancer against HAProxy, both in the balancer's host, wrk -t1 -c50 -d${duration}s from the internet host"
hold plain plain
balancer_thread=$(grep -l '^topolab-balance' /proc/"$held"/task/*/comm | head -1 | cut -d/ -f5)
inside() { nsenter --user=/proc/"$held"/ns/user --net="$1" --preserve-credentials "${@:2}"; }
cat >"$work/haproxy.cfg" <<'CFG'
global
    nbthread 1
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    http-reuse always
frontend site
    bind 0.0.0.0:81
    default_backend servers
backend servers
    balance roundrobin
    server s1 10.20.0.21:8081
    server s2 10.20.0.22:8082
CFG
# exec: $! must be HAProxy's own id, not a subshell's.
(exec nsenter --user=/proc/"$held"/ns/user --net=/proc/"$held"/task/"$balancer_thread"/ns/net \
  --preserve-credentials /usr/sbin/haproxy -f "$work/haproxy.cfg") &
haproxy=$!
sleep 1
lab_wrk() { inside /proc/"$held"/ns/net wrk -t1 -c50 -d"${duration}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
topolab_rps=$(lab_wrk http://10.20.0.10:80/)
haproxy_rps=$(lab_wrk http://10.20.0.10:81/)
kill "$haproxy"; wait "$haproxy" 2>/dev/null || true; haproxy=""
unhold
echo "Topolab balancer: $topolab_rps req/s"
echo "HAProxy 1 thread: $haproxy_rps req/s"
awk -v a="$topolab_rps" -v b="$haproxy_rps" 'BEGIN {printf "Topolab / HAProxy: %.2f\n", a / b}'
