#!/usr/bin/env bash
# The worst-day benchmark (issue 9): 10,000 kiosks come back at once, each with 25 signed
# deposits in seq order, all published at full speed through Mosquitto (the machine's binary,
# 2.0.11 on Debian 12), a private instance on a free port with the queue limits a collector's
# broker needs (deploy/mosquitto). Prints: time from the first publish to the last receipt;
# the collector's CPU time per event over one BouncyCastle verification's (same run); p99
# publish->receipt at 10 % of the measured rate against a trivial echo through the same broker;
# the collector's peak resident memory under the recommended JVM flags.
#
# Usage: bench/worst-day.sh [DEVICES] [PER_KIOSK]        (defaults 10000 and 25)
# Needs: mvn -B -q -DskipTests package; mosquitto on the PATH; for DB=pg a PostgreSQL on
#        127.0.0.1:5432 where user postgres may create databases.
# Env:   DB=sqlite (default) or DB=pg; SAMPLE=0 to not sample the collector's metrics (SAMPLE_EVERY seconds, default 30); JAVA_OPTS for the collector (default: the recommended
#        -Xmx256m -XX:+UseSerialGC); THREADS (verify threads, default nproc).
set -euo pipefail
cd "$(dirname "$0")/.."

DEVICES="${1:-10000}"
PER_KIOSK="${2:-25}"
DB="${DB:-sqlite}"
THREADS="${THREADS:-$(nproc)}"
COLLECTOR_OPTS="${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}"
SIM=simulator/target/kiosk-simulator.jar
COLLECTOR=collector/target/kiosk-collector.jar
for jar in "$SIM" "$COLLECTOR"; do
  [ -f "$jar" ] || { echo "missing $jar: run mvn -B -q -DskipTests package first" >&2; exit 1; }
done
command -v mosquitto >/dev/null || { echo "mosquitto is not installed" >&2; exit 1; }

. bench/lib.sh
WORK="$(mktemp -d /tmp/kiosk-worstday.XXXXXX)"
MQTT_PORT="$(free_port)"
HTTP_PORT="$(free_port)"
TOKEN="$(bench_token)"
cleanup() {
  stop_started
  if [ -n "${PG_DB:-}" ]; then psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

cat > "$WORK/mosquitto.conf" <<CONF
listener $MQTT_PORT 127.0.0.1
allow_anonymous true
persistence false
# a day offline of a city's kiosks must fit the collector's session queue (default 1000)
max_queued_messages 500000
max_queued_bytes 0
# latency: no Nagle on the broker side (small PUBACKs and receipts)
set_tcp_nodelay true
CONF
mosquitto -c "$WORK/mosquitto.conf" > "$WORK/broker.out" 2>&1 &
BROKER_PID=$!
PIDS+=($BROKER_PID)
wait_for_port "$MQTT_PORT"

DB_ENV=()
if [ "$DB" = pg ]; then
  PG_DB="worstday_$(date +%s)"
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $PG_DB" >/dev/null
  DB_ENV=(KIOSK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB?user=postgres")
fi

env "${DB_ENV[@]}" KIOSK_MQTT_URL="tcp://127.0.0.1:$MQTT_PORT" KIOSK_HTTP_PORT="$HTTP_PORT" \
  KIOSK_DATA_DIR="$WORK/collector" KIOSK_ADMIN_TOKEN="$TOKEN" KIOSK_INGEST_VERIFY_THREADS="$THREADS" \
  java $COLLECTOR_OPTS -jar "$COLLECTOR" > "$WORK/collector.out" 2>&1 &
COLLECTOR_PID=$!
PIDS+=($COLLECTOR_PID)
wait_for_collector "$HTTP_PORT" "$WORK/collector.out"

echo "machine: $(nproc) cores, $(mosquitto -h 2>&1 | head -n1), $(java -version 2>&1 | head -n1)"
echo "collector: $DB, verify threads $THREADS, JVM $COLLECTOR_OPTS; work dir $WORK"
# the collector's queue and commits, every SAMPLE_EVERY seconds (default 30, the kit's Prometheus
# scrape interval), for the record (SAMPLE=0: not sampled). A scrape is not free: with 10,000
# kiosks /metrics has a series per kiosk and costs the collector about 0.15 s of CPU, which shows in
# the latency phase when it falls inside it (a scrape every second made the p99 ten times worse)
[ "${SAMPLE:-1}" = 0 ] || ( while kill -0 "$COLLECTOR_PID" 2>/dev/null; do
    curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP_PORT/metrics" \
      | awk -v t="$(date +%s)" '/^kiosk_decision_queue |^kiosk_committed_decisions_total |^kiosk_commit_seconds_count |^kiosk_receipt_queue /{printf "%s %s=%s ", t, $1, $2} END {print ""}'
    sleep "${SAMPLE_EVERY:-30}"
  done ) > "$WORK/metrics.log" 2>/dev/null &
PIDS+=($!)
java -Xmx3g -jar "$SIM" worstday --mqtt-url "tcp://127.0.0.1:$MQTT_PORT" --collector-url "http://127.0.0.1:$HTTP_PORT" \
  --admin-token "$TOKEN" --collector-pid "$COLLECTOR_PID" --devices "$DEVICES" --per-kiosk "$PER_KIOSK" \
  | tee "$WORK/worstday.out"
curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP_PORT/metrics" \
  | grep -E '^kiosk_(verify_seconds_count|commit_seconds|committed_decisions_total|mqtt_event_disconnects|receipts_dropped)' || true
echo "broker CPU: $(awk '{printf "%.1f s", ($14+$15)/100}' /proc/$BROKER_PID/stat) in all"
echo "collector queue and commits per second: $WORK/metrics.log"
echo "collector peak RSS: $(grep VmHWM /proc/$COLLECTOR_PID/status | awk '{print $2, $3}')"
echo "collector log: $(grep -c WARN "$WORK/collector.out") WARN lines, $(grep -c ERROR "$WORK/collector.out") ERROR lines"
grep -E 'WARN|ERROR' "$WORK/collector.out" | sed -E 's/^[^ ]+ //' | cut -c1-140 | sort | uniq -c | sort -rn | head -n 5 || true
