#!/usr/bin/env bash
# Collector throughput benchmark (issue 3): accepted events per second end to end
# (publish through a real broker -> committed decision -> MQTT ack -> receipt), against a
# verify-only loop (BouncyCastleEd25519, the collector's verify thread count) measured in the
# same run; then p99 publish->receipt latency at 10% of the measured rate.
#
# Usage: bench/collector-throughput.sh [COUNT] [WARMUP]      (defaults 20000 and 3000)
# Needs: mvn -B -q -DskipTests package   (kiosk-collector.jar and kiosk-simulator.jar)
# Env:   THREADS (collector ingest.verifyThreads and baseline threads; default: nproc),
#        DEVICES (simulated device keys, default 50),
#        BROKER=hivemq (default: the embedded HiveMQ CE, as in the demo) or BROKER=mosquitto
#        (a private Mosquitto on a free port; needs the mosquitto binary)
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT="${1:-20000}"
WARMUP="${2:-3000}"
THREADS="${THREADS:-$(nproc)}"
DEVICES="${DEVICES:-50}"
BROKER="${BROKER:-hivemq}"
SIM=simulator/target/kiosk-simulator.jar
COLLECTOR=collector/target/kiosk-collector.jar
for jar in "$SIM" "$COLLECTOR"; do
  [ -f "$jar" ] || { echo "missing $jar: run mvn -B -q -DskipTests package first" >&2; exit 1; }
done

. bench/lib.sh
WORK="$(mktemp -d /tmp/kiosk-bench.XXXXXX)"
MQTT_PORT="$(free_port)"
HTTP_PORT="$(free_port)"
TOKEN="$(bench_token)"
trap stop_started EXIT

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n1); work dir $WORK"
if [ "$BROKER" = mosquitto ]; then
  printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_queued_messages 100000\npersistence false\n' \
    "$MQTT_PORT" > "$WORK/mosquitto.conf"
  mosquitto -c "$WORK/mosquitto.conf" > "$WORK/broker.out" 2>&1 &
else
  java -jar "$SIM" broker --port "$MQTT_PORT" --dir "$WORK/broker" > "$WORK/broker.out" 2>&1 &
fi
PIDS+=($!)
wait_for_port "$MQTT_PORT"

KIOSK_MQTT_URL="tcp://127.0.0.1:$MQTT_PORT" KIOSK_HTTP_PORT="$HTTP_PORT" KIOSK_DATA_DIR="$WORK/collector" \
KIOSK_ADMIN_TOKEN="$TOKEN" KIOSK_INGEST_VERIFY_THREADS="$THREADS" \
  java -jar "$COLLECTOR" > "$WORK/collector.out" 2>&1 &
PIDS+=($!)
wait_for_collector "$HTTP_PORT" "$WORK/collector.out"

echo "broker $BROKER tcp://127.0.0.1:$MQTT_PORT, collector http://127.0.0.1:$HTTP_PORT (SQLite in $WORK/collector), verify threads $THREADS"
java -jar "$SIM" load --mqtt-url "tcp://127.0.0.1:$MQTT_PORT" --collector-url "http://127.0.0.1:$HTTP_PORT" \
  --admin-token "$TOKEN" --count "$COUNT" --warmup "$WARMUP" --devices "$DEVICES" \
  --baseline-threads "$THREADS" --baseline-seconds 10 --p99-at-fraction 0.1 | tee "$WORK/load.out"

ratio="$(grep '^ratio=' "$WORK/load.out" | cut -d= -f2)"
echo
echo "end-to-end / verify-only = $ratio (target >= 0.6)"
