#!/usr/bin/env bash
# Agent benchmark (issue 4): resident memory and start-to-ready time of the agent with
# simulated hardware, each against a minimal JVM that only signs Ed25519 events (same flags,
# same run), plus sign-and-commit latency percentiles.
#
#   bench/agent-bench.sh            # build, then ROUNDS rounds (default 3) of each measurement
#   SKIP_BUILD=1 DEPOSITS=200 ROUNDS=5 MQTT_URL=tcp://127.0.0.1:1883 bench/agent-bench.sh
#
# The helper mains live in device-agent/src/test/java/org/carbonkiosk/agent/bench (they need the
# agent's classes; the JMH bench module stays free of Milo/pi4j): MinimalSignerMain,
# CommitLatencyMain, ConsoleDriverMain, BenchProvision. RSS is VmRSS from /proc/PID/status; ready is the agent's "agent ready" log
# line (or the signer's READY after its first signature), from the moment the JVM was launched.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${ROUNDS:-3}"
DEPOSITS="${DEPOSITS:-100}"
COMMITS="${COMMITS:-5000}"
MQTT_URL="${MQTT_URL:-tcp://127.0.0.1:1883}"
# The Pi flags of deploy/kiosk-agent.service, for both JVMs.
FLAGS="${FLAGS:--Xms16m -Xmx32m -Xss256k -XX:MaxMetaspaceSize=40m -XX:ReservedCodeCacheSize=16m -XX:MaxDirectMemorySize=8m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xshare:auto -XX:+ExitOnOutOfMemoryError}"
JAR=device-agent/target/kiosk-agent.jar
CP="$JAR:device-agent/target/test-classes"

if [ -z "${SKIP_BUILD:-}" ]; then
    mvn -B -o -q -pl device-agent -am package -DskipTests
fi
WORK="$(mktemp -d /tmp/agent-bench.XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # file pattern timeout_s
    local end=$((SECONDS + $3))
    until grep -q "$2" "$1" 2>/dev/null; do
        [ $SECONDS -lt $end ] || { echo "timeout waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1; }
        sleep 0.01
    done
}

run_agent() { # round -> "ready_ms rss_start_kb rss_after_kb"
    local dir="$WORK/agent-$1" port
    port=$(free_port)
    mkdir -p "$dir"
    java -cp "$CP" org.carbonkiosk.agent.bench.BenchProvision "$dir/identity"
    cat > "$dir/agent.properties" <<PROPS
device.id=BENCH-AGENT-$1-$$
identity.dir=$dir/identity
data.dir=$dir/data
mqtt.url=$MQTT_URL
hardware.type=simulated
console.stdin=false
console.port=$port
session.pollIntervalMs=20
session.settleCount=3
session.receiptWaitMs=200
telemetry.intervalS=0
display.language=en
PROPS
    local start pid ready_line ready_ms
    start=$(now_ms)
    # shellcheck disable=SC2086
    java $FLAGS -jar "$JAR" --config "$dir/agent.properties" > "$dir/display.log" 2> "$dir/agent.log" &
    pid=$!
    wait_for "$dir/agent.log" "agent ready" 120
    ready_line=$(grep -m1 "agent ready" "$dir/agent.log")
    ready_ms=$(( $(date -d "$(echo "$ready_line" | cut -c1-23)" +%s%3N) - start ))
    wait_for "$dir/agent.log" "control console listening" 30
    sleep 2
    local rss0 rss1
    rss0=$(rss_kb $pid)
    java -cp "$CP" org.carbonkiosk.agent.bench.ConsoleDriverMain "$port" "$DEPOSITS" > "$dir/driver.log"
    sleep 2
    rss1=$(rss_kb $pid)
    kill -TERM $pid; wait $pid || true
    echo "$ready_ms $rss0 $rss1"
}

run_signer() { # round -> "ready_ms rss_start_kb rss_after_kb"
    local dir="$WORK/signer-$1"
    mkdir -p "$dir"
    java -cp "$CP" org.carbonkiosk.agent.bench.BenchProvision "$dir/identity"
    mkfifo "$dir/in"
    local start pid ready_ms
    start=$(now_ms)
    # shellcheck disable=SC2086
    java $FLAGS -cp "$CP" org.carbonkiosk.agent.bench.MinimalSignerMain "$dir/identity" < "$dir/in" > "$dir/out.log" 2>&1 &
    pid=$!
    exec 3> "$dir/in"
    wait_for "$dir/out.log" "READY" 60
    ready_ms=$(( $(now_ms) - start ))
    sleep 2
    local rss0 rss1
    rss0=$(rss_kb $pid)
    echo "sign $DEPOSITS" >&3
    wait_for "$dir/out.log" "DONE" 60
    sleep 2
    rss1=$(rss_kb $pid)
    exec 3>&-
    wait $pid || true
    echo "$ready_ms $rss0 $rss1"
}

echo "# agent bench $(date -u +%FT%TZ) rounds=$ROUNDS deposits=$DEPOSITS mqtt=$MQTT_URL"
echo "# flags: $FLAGS"
echo "# $(java -version 2>&1 | head -1); $(nproc) cpus; $(uname -m)"
printf "%-6s %-7s %10s %14s %14s\n" round jvm ready_ms rss_start_kb rss_after_kb
AGENT=(); SIGNER=()
for r in $(seq 1 "$ROUNDS"); do
    a=$(run_agent "$r"); s=$(run_signer "$r")
    printf "%-6s %-7s %10s %14s %14s\n" "$r" agent $a
    printf "%-6s %-7s %10s %14s %14s\n" "$r" signer $s
    AGENT+=("$a"); SIGNER+=("$s")
done
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
col() { local i=$1; shift; for x in "$@"; do echo "$x" | awk -v i="$i" '{print $i}'; done | median; }
for i in 1 2 3; do
    am=$(col $i "${AGENT[@]}"); sm=$(col $i "${SIGNER[@]}")
    name=$(echo "ready_ms rss_start_kb rss_after_kb" | awk -v i=$i '{print $i}')
    printf "median %-14s agent=%-8s signer=%-8s ratio=%s\n" "$name" "$am" "$sm" "$(awk -v a="$am" -v s="$sm" 'BEGIN {printf "%.2f", a/s}')"
done
mkdir -p "$WORK/commit"
java -cp "$CP" org.carbonkiosk.agent.bench.BenchProvision "$WORK/commit/identity"
# shellcheck disable=SC2086
java $FLAGS -cp "$CP" org.carbonkiosk.agent.bench.CommitLatencyMain "$WORK/commit/identity" "$WORK/commit/data" "$COMMITS"
