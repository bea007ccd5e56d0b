# Shared by the benchmark scripts (source it): free ports, a token, processes stopped on exit,
# waiting for a port or the collector's health.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
bench_token() { echo "bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"; }

PIDS=()
stop_started() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}

wait_for_port() { for i in $(seq 1 60); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.5; done; return 1; }

# wait_for_collector PORT LOGFILE: until GET /health answers 200, or fail with the collector's log
wait_for_collector() {
  for i in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$1/health" > /dev/null 2>&1 && return 0
    sleep 1
  done
  echo "collector did not come up" >&2
  cat "$2" >&2
  exit 1
}
