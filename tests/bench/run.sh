#!/usr/bin/env bash
# Benchmark: the Topolab load balancer against HAProxy and nginx, each in front of the same two
# nginx backends, measured with wrk in one run on loopback. Not a test: it never gates CI.
#   tests/bench/run.sh [BUILD_DIR]      (default: build-ci, the optimised build; made if missing)
# Environment:
#   DURATION      seconds per measurement (default 5)
#   CONNECTIONS   space-separated client counts (default "50 200 1000")
#   SIZES         response sizes in KiB (default "1 100")
#   WORKLOADS     "keepalive" and/or "close" (a new connection per request) (default both)
#   RUNS          measurements of the same processes per case, each printed (default 3)
#   FRONTENDS     any of "topolab haproxy nginx" (default all three)
#   THREADS       space-separated thread counts (default "1 2"): each front end gets that many
#                 threads (Topolab --threads, HAProxy nbthread, nginx worker_processes), and wrk
#                 as many; the burst and frozen-backend runs use the first count
threads_list=${THREADS:-1 2}
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-ci}
topolab=$build/topolab
duration=${DURATION:-5}
connection_counts=${CONNECTIONS:-50 200 1000}
sizes=${SIZES:-1 100}
workloads=${WORKLOADS:-keepalive close}
runs=${RUNS:-3}
frontends=${FRONTENDS:-topolab haproxy nginx}

if [ ! -x "$topolab" ] && [ "$build" = build-ci ]; then
  cmake --preset ci >/dev/null && cmake --build --preset ci >/dev/null
fi
[ -x "$topolab" ] || { echo "bench: $topolab not found; build it first (cmake --preset ci && cmake --build --preset ci)" >&2; exit 1; }
missing=()
for tool in wrk haproxy nginx python3; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  packages=()
  for tool in "${missing[@]}"; do [ "$tool" = nginx ] && packages+=(nginx-light) || packages+=("$tool"); done
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"
fi
PATH=$PATH:/usr/sbin
ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d /tmp/topolab-bench-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -CONT "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; echo "bench: nothing listens on $1" >&2; exit 1; }
# The process's RSS plus its children's (nginx's workers under their master).
rss_kib() {
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1"); do total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status"))); done
  echo "$total"
}

mkdir -p "$work/site"
head -c 1024 /dev/zero | tr '\0' 'x' > "$work/site/1k.html"
head -c $((100 * 1024)) /dev/zero | tr '\0' 'x' > "$work/site/100k.html"

backend_ports=(); backend_pids=(); status_ports=()
for n in 1 2; do
  port=$(free_port); status=$(free_port)
  backend_ports+=("$port"); status_ports+=("$status")
  cat > "$work/backend$n.conf" <<CONF
daemon off; master_process off; worker_processes 1; pid $work/backend$n.pid; error_log $work/backend$n.err;
events { worker_connections 8192; }
http { access_log off; keepalive_requests 100000;
  server { listen 127.0.0.1:$port; root $work/site;
    location = /healthz { return 200 "ok\n"; }
    location / { add_header X-Backend backend$n; } }
  server { listen 127.0.0.1:$status; location / { stub_status; } } }
CONF
  nginx -c "$work/backend$n.conf" -p "$work" & pids+=($!); backend_pids+=($!)
  wait_port "$port"
done
b1=${backend_ports[0]}
b2=${backend_ports[1]}
# Connections the backends have accepted so far (nginx stub_status).
backend_accepts() {
  local total=0 n
  for port in "${status_ports[@]}"; do
    n=$(python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$port/').read().decode().split('\n')[2].split()[0])")
    total=$((total + n))
  done
  echo "$total"
}

declare -A port_of pid_of
frontend_pids=()
# Starts every front end with $1 threads each.
start_frontends() {
  local threads=$1
  frontend_pids=()
  if [[ " $frontends " == *" topolab "* ]]; then
    port_of[topolab]=$(free_port)
    "$topolab" balancer --threads "$threads" --port "${port_of[topolab]}" --backend "b1=127.0.0.1:$b1" --backend "b2=127.0.0.1:$b2" >/dev/null & pids+=($!); pid_of[topolab]=$!; frontend_pids+=($!)
    wait_port "${port_of[topolab]}"
  fi
  if [[ " $frontends " == *" haproxy "* ]]; then
    port_of[haproxy]=$(free_port)
    cat > "$work/haproxy.cfg" <<CONF
global
  nbthread $threads
  maxconn 9000
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  http-reuse always
frontend web
  bind 127.0.0.1:${port_of[haproxy]}
  default_backend servers
backend servers
  balance roundrobin
  option httpchk GET /healthz
  server b1 127.0.0.1:$b1 check inter 1s
  server b2 127.0.0.1:$b2 check inter 1s
CONF
    haproxy -f "$work/haproxy.cfg" -db & pids+=($!); pid_of[haproxy]=$!; frontend_pids+=($!)
    wait_port "${port_of[haproxy]}"
  fi
  if [[ " $frontends " == *" nginx "* ]]; then
    port_of[nginx]=$(free_port)
    # With more than one worker, nginx needs its master process; its RSS is then the master's.
    local master=off
    [ "$threads" -gt 1 ] && master=on
    cat > "$work/proxy.conf" <<CONF
daemon off; master_process $master; worker_processes $threads; pid $work/proxy.pid; error_log $work/proxy.err;
worker_rlimit_nofile 20000;
events { worker_connections 8192; }
http { access_log off; keepalive_requests 100000;
  upstream servers { server 127.0.0.1:$b1; server 127.0.0.1:$b2; keepalive 128; }
  server { listen 127.0.0.1:${port_of[nginx]} reuseport;
    location / { proxy_pass http://servers; proxy_http_version 1.1; proxy_set_header Connection ""; } } }
CONF
    nginx -c "$work/proxy.conf" -p "$work" & pids+=($!); pid_of[nginx]=$!; frontend_pids+=($!)
    wait_port "${port_of[nginx]}"
  fi
}
stop_frontends() {
  for pid in "${frontend_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${frontend_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v } else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 } else print v }'; }

# One wrk run; prints "rps|p99_ms|errors|new_backend_connections_per_1000|rss_kib".
measure() {
  local name=$1 connections=$2 size=$3 workload=$4 header=() out before after requests
  [ "$workload" = close ] && header=(-H "Connection: close")
  before=$(backend_accepts)
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "${header[@]}" "http://127.0.0.1:${port_of[$name]}/${size}k.html")
  after=$(backend_accepts)
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {gsub(/^ +/, ""); gsub(/ +/, " "); printf "%s; ", $0}' <<<"$out")
  local per_thousand
  per_thousand=$(awk -v a="$((after - before))" -v r="$requests" 'BEGIN { printf "%.1f", (r > 0 ? a * 1000 / r : 0) }')
  # "|" between the fields: wrk's error lines have spaces of their own.
  echo "$rps|$p99|${errors:-none}|$per_thousand|$(rss_kib "${pid_of[$name]}")"
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores, $(uname -r); wrk -t(threads) -d${duration}s"
for threads in $threads_list; do
start_frontends "$threads"
echo
echo "Front ends with $threads thread(s) each; wrk -t$threads."
echo
echo "| clients | workload | size | front end | requests/s (each run) | p99 ms (each run) | vs HAProxy req/s | vs HAProxy p99 | errors | new backend conns / 1000 req | RSS KiB |"
echo "|---:|---|---:|---|---|---|---:|---:|---|---:|---:|"
for workload in $workloads; do
  for size in $sizes; do
    for connections in $connection_counts; do
      declare -A best_rps=() best_p99=() all_rps=() all_p99=() errs=() churn=() rss=()
      for name in $frontends; do
        wrk -t1 -c50 -d1s "http://127.0.0.1:${port_of[$name]}/${size}k.html" >/dev/null 2>&1 || true # warm-up
        for _ in $(seq 1 "$runs"); do
          IFS='|' read -r rps p99 errors per_thousand kib <<<"$(measure "$name" "$connections" "$size" "$workload")"
          all_rps[$name]="${all_rps[$name]:-}${all_rps[$name]:+ / }$rps"
          all_p99[$name]="${all_p99[$name]:-}${all_p99[$name]:+ / }$p99"
          # The median run stands for the case: sort later; keep the values.
          best_rps[$name]="${best_rps[$name]:-} $rps"; best_p99[$name]="${best_p99[$name]:-} $p99"
          [ "$errors" != none ] && errs[$name]="${errs[$name]:-}$errors"
          churn[$name]=$per_thousand; rss[$name]=$kib
        done
      done
      median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
      h_rps=$(median "${best_rps[haproxy]:-1}"); h_p99=$(median "${best_p99[haproxy]:-1}")
      for name in $frontends; do
        m_rps=$(median "${best_rps[$name]}"); m_p99=$(median "${best_p99[$name]}")
        printf '| %s | %s | %s KiB | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$connections" "$workload" "$size" "$name" \
          "${all_rps[$name]}" "${all_p99[$name]}" \
          "$(awk -v a="$m_rps" -v b="$h_rps" 'BEGIN { printf "%.2f", a / b }')" \
          "$(awk -v a="$m_p99" -v b="$h_p99" 'BEGIN { printf "%.2f", a / b }')" \
          "${errs[$name]:-none}" "${churn[$name]}" "${rss[$name]}"
      done
      unset best_rps best_p99 all_rps all_p99 errs churn rss
    done
  done
done

stop_frontends
done
threads=${threads_list%% *}
start_frontends "$threads"

# A burst of 2,000 connections opened at once: how long until all are connected.
echo
echo "| front end | 2,000 connects: total ms | slowest connect ms |"
echo "|---|---:|---:|"
for name in $frontends; do
  python3 - "${port_of[$name]}" "$name" <<'PY'
import socket, sys, time
port, name = int(sys.argv[1]), sys.argv[2]
sockets, slowest = [], 0.0
start = time.monotonic()
for _ in range(2000):
    t = time.monotonic()
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    slowest = max(slowest, time.monotonic() - t)
    sockets.append(s)
total = time.monotonic() - start
for s in sockets:
    s.close()
print(f"| {name} | {total * 1000:.0f} | {slowest * 1000:.1f} |")
PY
  sleep 1
done

# One backend frozen (SIGSTOP) for 4 s in the middle of a 6 s run of 16 keep-alive clients.
echo
echo "| front end, backend 2 frozen 4 s | requests | failed (non-2xx, timeouts) | p99 ms | max ms |"
echo "|---|---:|---:|---:|---:|"
for name in $frontends; do
  sleep 2
  ( sleep 1; kill -STOP "${backend_pids[1]}"; sleep 4; kill -CONT "${backend_pids[1]}" ) &
  freezer=$!
  out=$(wrk -t1 -c16 -d6s --latency --timeout 12s "http://127.0.0.1:${port_of[$name]}/1k.html")
  wait "$freezer"
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  failed=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $NF} END {print n + 0}' <<<"$out")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  max=$(to_ms "$(awk '/Latency/ && !/Distribution/ {print $4; exit}' <<<"$out")")
  echo "| $name | $requests | $failed | $p99 | $max |"
done
