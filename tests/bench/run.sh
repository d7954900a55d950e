#!/usr/bin/env bash
# Benchmark: the Topolab load balancer against HAProxy and nginx, each in front of the same two
# nginx backends, measured with wrk in one run on loopback. Not a test: it never gates CI.
#   tests/bench/run.sh [BUILD_DIR]      (default: build-ci, the optimised build; made if missing)
# Environment: DURATION (s, default 10), CONNECTIONS (default 50), THREADS (wrk, default 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-ci}
topolab=$build/topolab
duration=${DURATION:-10}
connections=${CONNECTIONS:-50}
threads=${THREADS:-1}

if [ ! -x "$topolab" ] && [ "$build" = build-ci ]; then
  cmake --preset ci >/dev/null && cmake --build --preset ci >/dev/null
fi
[ -x "$topolab" ] || { echo "bench: $topolab not found; build it first (cmake --preset ci && cmake --build --preset ci)" >&2; exit 1; }
missing=()
for tool in wrk haproxy nginx; do
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

work=$(mktemp -d /tmp/topolab-bench-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; echo "bench: nothing listens on $1" >&2; exit 1; }

mkdir -p "$work/site"
head -c 1024 /dev/zero | tr '\0' 'x' > "$work/site/index.html"

backend_ports=()
for n in 1 2; do
  port=$(free_port)
  backend_ports+=("$port")
  cat > "$work/backend$n.conf" <<CONF
daemon off; master_process off; worker_processes 1; pid $work/backend$n.pid; error_log $work/backend$n.err;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 100000;
  server { listen 127.0.0.1:$port; root $work/site;
    location = /healthz { return 200 "ok\n"; }
    location / { add_header X-Backend backend$n; } } }
CONF
  nginx -c "$work/backend$n.conf" -p "$work" & pids+=($!)
  wait_port "$port"
done
b1=${backend_ports[0]}
b2=${backend_ports[1]}

# Every front end gets one thread or process, like Topolab's balancer thread.
topolab_port=$(free_port)
"$topolab" balancer --port "$topolab_port" --backend "b1=127.0.0.1:$b1" --backend "b2=127.0.0.1:$b2" >/dev/null & pids+=($!)
wait_port "$topolab_port"

haproxy_port=$(free_port)
cat > "$work/haproxy.cfg" <<CONF
global
  nbthread 1
  maxconn 8000
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  http-reuse always
frontend web
  bind 127.0.0.1:$haproxy_port
  default_backend servers
backend servers
  balance roundrobin
  option httpchk GET /healthz
  server b1 127.0.0.1:$b1 check inter 1s
  server b2 127.0.0.1:$b2 check inter 1s
CONF
haproxy -f "$work/haproxy.cfg" -db & pids+=($!)
wait_port "$haproxy_port"

nginx_port=$(free_port)
cat > "$work/proxy.conf" <<CONF
daemon off; master_process off; worker_processes 1; pid $work/proxy.pid; error_log $work/proxy.err;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 100000;
  upstream servers { server 127.0.0.1:$b1; server 127.0.0.1:$b2; keepalive 128; }
  server { listen 127.0.0.1:$nginx_port;
    location / { proxy_pass http://servers; proxy_http_version 1.1; proxy_set_header Connection ""; } } }
CONF
nginx -c "$work/proxy.conf" -p "$work" & pids+=($!)
wait_port "$nginx_port"

measure() {
  local name=$1 port=$2 out
  wrk -t1 -c"$connections" -d2s "http://127.0.0.1:$port/" >/dev/null # warm-up
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$port/")
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  echo "$name $rps $p99 ${errors:-none}"
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(uname -r); wrk -t$threads -c$connections -d${duration}s, 1 KiB static page"
results=()
results+=("$(measure topolab "$topolab_port")")
results+=("$(measure haproxy "$haproxy_port")")
results+=("$(measure nginx "$nginx_port")")
direct=$(measure "nginx-backend-direct" "$b1")

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v } else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 } else print v }'; }
read -r _ t_rps t_p99 _ <<<"${results[0]}"
read -r _ h_rps h_p99 _ <<<"${results[1]}"
printf '| front end | requests/s | p99 latency | errors | requests/s vs HAProxy | p99 vs HAProxy |\n|---|---:|---:|---|---:|---:|\n'
for line in "${results[@]}" "$direct"; do
  read -r name rps p99 errors <<<"$line"
  ratio=$(awk -v a="$rps" -v b="$h_rps" 'BEGIN { printf "%.2f", a / b }')
  latency_ratio=$(awk -v a="$(to_ms "$p99")" -v b="$(to_ms "$h_p99")" 'BEGIN { printf "%.2f", a / b }')
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p99" "$errors" "$ratio" "$latency_ratio"
done
echo
echo "Topolab/HAProxy: $(awk -v a="$t_rps" -v b="$h_rps" 'BEGIN { printf "%.2f", a / b }')x the requests/s, $(awk -v a="$(to_ms "$t_p99")" -v b="$(to_ms "$h_p99")" 'BEGIN { printf "%.2f", a / b }')x the p99 latency"
