#!/usr/bin/env bash
# Checks the operations kit in deploy/ (docs/operations.md, "Checking the kit"):
#   Prometheus  promtool check config / check rules / test rules
#   Grafana     the dashboard is JSON; every kiosk_* metric in rules and dashboard exists
#               in the collector or is listed in docs/operations.md as expected
#   systemd     systemd-analyze verify of both units; the collector unit's exposure score
#   Mosquitto   a broker started from deploy/mosquitto/mosquitto.conf on a free loopback port,
#               with a test CA, the password file and ACL made by kiosk-provision: own topics
#               work, another kiosk's are refused, no takeover with another kiosk's client
#               id, wrong or no credentials refused; the real
#               collector connects over TLS, decides a kiosk's message, exits 143 on SIGTERM
#   PostgreSQL  deploy/postgresql/kiosk-collectors.sql in a throw-away cluster (Unix socket
#               only, no TCP port): the roles can do what they need and nothing else
#   docs        every link in README.md and docs/ stays inside the repository
#   scripts     bash -n
# Missing tools are installed with apt-get when running as root (CI); otherwise the part is
# skipped with a note (with CI=true a missing promtool or Mosquitto is a failure; no
# systemd-analyze or PostgreSQL server is always a skip). Prints PASS/FAIL/SKIP per check and a summary; exits 1 when a check
# failed. Everything it starts is stopped and its temporary files removed.
#
#   bash deploy/check.sh            (from anywhere; needs provisioning/target/kiosk-provision.jar
#                                    and collector/target/kiosk-collector.jar for the Mosquitto
#                                    part: mvn -pl provisioning,collector -am package -DskipTests)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
START=$(date +%s)

passed=0 failed=0 skipped=0
pass() { echo "PASS  $*"; passed=$((passed + 1)); }
fail() { echo "FAIL  $*"; failed=$((failed + 1)); }
skip() { echo "SKIP  $*"; skipped=$((skipped + 1)); }
section() { echo; echo "== $*"; }
# A tool that cannot be had: a failure in CI (CI=true), which must check everything; else a skip.
unavailable() { if [ "${CI:-}" = "true" ]; then fail "$* (CI=true: required)"; else skip "$*"; fi; }

TMP=$(mktemp -d /tmp/kiosk-ops-check.XXXXXX)
chmod 0755 "$TMP"
PIDS=()
PG_DATA=""
cleanup() {
    local p
    for p in ${PIDS[@]+"${PIDS[@]}"}; do
        kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
    done
    if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ensure COMMAND PACKAGE: true when COMMAND is there, installing PACKAGE if root and apt-get can.
APT_UPDATED=0
ensure() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        return 1
    fi
    echo "installing $2 (for $1)"
    export DEBIAN_FRONTEND=noninteractive
    if [ "$APT_UPDATED" -eq 0 ]; then
        apt-get -qq -o DPkg::Lock::Timeout=300 update >/dev/null 2>&1 || true
        APT_UPDATED=1
    fi
    apt-get -y -qq -o DPkg::Lock::Timeout=300 install --no-install-recommends "$2" >"$TMP/apt.log" 2>&1 \
        || { tail -n 5 "$TMP/apt.log"; return 1; }
    command -v "$1" >/dev/null 2>&1
}

# wait_for FILE TEXT TENTHS: true once FILE contains the line TEXT, waiting TENTHS x 0.1 s at most.
wait_for() {
    local i
    for i in $(seq 1 "$3"); do
        grep -qx -- "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# ------------------------------------------------------------------------------------------
section "Prometheus"
if ensure promtool prometheus; then
    mkdir -p "$TMP/prom"
    cp deploy/prometheus/*.yml "$TMP/prom/"
    echo "token-for-the-check" > "$TMP/prom/kiosk-collector.token"
    sed -i "s#/etc/prometheus/kiosk-collector.token#$TMP/prom/kiosk-collector.token#" "$TMP/prom/prometheus.yml"
    if out=$(promtool check config "$TMP/prom/prometheus.yml" 2>&1); then
        pass "promtool check config deploy/prometheus/prometheus.yml"
    else
        fail "promtool check config deploy/prometheus/prometheus.yml"; echo "$out"
    fi
    if out=$(promtool check rules deploy/prometheus/kiosk-alerts.yml 2>&1); then
        pass "promtool check rules deploy/prometheus/kiosk-alerts.yml ($(echo "$out" | grep -o '[0-9]* rules found'))"
    else
        fail "promtool check rules deploy/prometheus/kiosk-alerts.yml"; echo "$out"
    fi
    if out=$(cd deploy/prometheus && promtool test rules kiosk-alerts.test.yml 2>&1); then
        pass "promtool test rules deploy/prometheus/kiosk-alerts.test.yml (alerts fire as documented)"
    else
        fail "promtool test rules deploy/prometheus/kiosk-alerts.test.yml"; echo "$out"
    fi
else
    unavailable "Prometheus: promtool not found and cannot be installed (apt-get install prometheus)"
fi

# ------------------------------------------------------------------------------------------
section "Grafana and metric names"
if out=$(python3 -m json.tool deploy/grafana/kiosk-collector.json 2>&1 >/dev/null); then
    pass "python3 -m json.tool deploy/grafana/kiosk-collector.json"
else
    fail "deploy/grafana/kiosk-collector.json is not valid JSON"; echo "$out"
fi
# The dashboard's queries are valid PromQL: promtool checks them as recording rules, with
# Grafana's variables replaced.
if command -v promtool >/dev/null 2>&1; then
    python3 - deploy/grafana/kiosk-collector.json > "$TMP/dashboard-rules.yml" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
exprs = [t["expr"] for p in d["panels"] for t in p.get("targets", [])]
print("groups:\n  - name: dashboard\n    rules:")
for i, e in enumerate(exprs):
    e = e.replace("$__rate_interval", "5m").replace("$job", "kiosk-collector")
    print("      - record: dashboard_query_%d\n        expr: %s" % (i, json.dumps(e)))
PY
    if out=$(promtool check rules "$TMP/dashboard-rules.yml" 2>&1); then
        pass "every dashboard query parses as PromQL ($(echo "$out" | grep -o '[0-9]* rules found' | sed 's/rules found/queries/'))"
    else
        fail "a dashboard query is not valid PromQL"; echo "$out"
    fi
fi
# Metric names used by the rules and the dashboard: each must be exposed by the collector
# (a string in its source).
exposed=$(grep -rhoE '"kiosk_[a-z0-9_]+' collector/src/main/java | tr -d '"' | sed -E 's/_(count|sum|bucket|total)$//' | sort -u)
used=$(grep -hoE 'kiosk_[a-z0-9_]+' deploy/prometheus/kiosk-alerts.yml deploy/grafana/kiosk-collector.json \
    | sed -E 's/_(count|sum|bucket|total)$//' | sort -u)
unknown=""
for m in $used; do
    grep -qx "$m" <<<"$exposed" || unknown="$unknown $m"
done
if [ -z "$unknown" ]; then
    pass "every metric in the rules and the dashboard is exposed by the collector ($(wc -w <<<"$used") names)"
else
    fail "metrics the collector does not expose:$unknown"
fi

# ------------------------------------------------------------------------------------------
section "systemd units"
if command -v systemd-analyze >/dev/null 2>&1; then
    mkdir -p "$TMP/units"
    # ExecStart must name an existing executable: point the agent unit at the wrapper here.
    sed "s#/opt/kiosk/kiosk-agent-run.sh#$ROOT/deploy/kiosk-agent-run.sh#" deploy/kiosk-agent.service \
        > "$TMP/units/kiosk-agent.service"
    cp deploy/collector/kiosk-collector.service "$TMP/units/"
    for unit in kiosk-agent.service kiosk-collector.service; do
        # verify exits 0 on unknown keys and only warns: any output is a failure here.
        if out=$(systemd-analyze verify "$TMP/units/$unit" 2>&1) && [ -z "$out" ]; then
            pass "systemd-analyze verify $unit"
        else
            fail "systemd-analyze verify $unit"; echo "$out"
        fi
    done
    if out=$(systemd-analyze security --offline=true --threshold=25 "$TMP/units/kiosk-collector.service" 2>&1); then
        pass "systemd-analyze security kiosk-collector.service: $(echo "$out" | grep -o 'exposure level.*' | sed 's/for kiosk-collector.service//')"
    else
        fail "systemd-analyze security kiosk-collector.service above 2.5"; echo "$out" | tail -n 5
    fi
else
    skip "systemd units: systemd-analyze not available on this machine"
fi
# The JVM flags in the units are flags this JVM accepts.
if command -v java >/dev/null 2>&1; then
    for unit in deploy/kiosk-agent.service deploy/collector/kiosk-collector.service; do
        opts=$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' "$unit")
        # shellcheck disable=SC2086
        if [ -z "$opts" ]; then
            fail "$unit: no Environment=\"JAVA_OPTS=...\" line"
        elif out=$(java $opts -version 2>&1); then
            pass "$(basename "$unit") JAVA_OPTS accepted by $(echo "$out" | head -n1)"
        else
            fail "$(basename "$unit") JAVA_OPTS refused by the JVM"; echo "$out" | head -n 5
        fi
    done
else
    skip "JVM flags: no java on the PATH"
fi

# ------------------------------------------------------------------------------------------
section "Mosquitto"
JAR=provisioning/target/kiosk-provision.jar
COLLECTOR_JAR=collector/target/kiosk-collector.jar
# http_get URL TOKEN: the body of a GET, or nothing.
http_get() {
    python3 - "$1" "$2" <<'PY' 2>/dev/null
import sys, urllib.request
req = urllib.request.Request(sys.argv[1], headers={"Authorization": "Bearer " + sys.argv[2]})
try:
    print(urllib.request.urlopen(req, timeout=2).read().decode())
except Exception as e:
    if hasattr(e, "read"):
        print(e.read().decode())
PY
}
collector_over_tls() { # broker port, kiosk id, kiosk password, collector password
    local M="$TMP/mqtt" C="$TMP/collector" hport token opts cpid i body code
    if [ ! -f "$COLLECTOR_JAR" ]; then
        if [ "${CI:-}" = "true" ]; then fail "collector over TLS: $COLLECTOR_JAR missing"
        else skip "collector over TLS: $COLLECTOR_JAR missing (mvn -B -q -pl collector -am package -DskipTests)"; fi
        return
    fi
    mkdir -p "$C"
    hport=$(free_port)
    token=$(openssl rand -hex 16)
    opts=$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' deploy/collector/kiosk-collector.service)
    # shellcheck disable=SC2086
    env KIOSK_MQTT_URL="ssl://localhost:$1" KIOSK_MQTT_USERNAME=collector KIOSK_MQTT_PASSWORD="$4" \
        KIOSK_MQTT_TLS_CA_FILE="$M/certs/kiosk-ca.pem" \
        KIOSK_MQTT_CLIENT_ID=kiosk-collector-check KIOSK_HTTP_PORT="$hport" KIOSK_HTTP_BIND=127.0.0.1 \
        KIOSK_DATA_DIR="$C" KIOSK_ADMIN_TOKEN="$token" \
        java $opts -jar "$COLLECTOR_JAR" > "$C/collector.log" 2>&1 &
    cpid=$!
    PIDS+=("$cpid")
    for i in $(seq 1 120); do
        http_get "http://127.0.0.1:$hport/health" "$token" | grep -q '"broker":"up"' && break
        kill -0 "$cpid" 2>/dev/null || break
        sleep 0.5
    done
    if ! http_get "http://127.0.0.1:$hport/health" "$token" | grep -q '"broker":"up"'; then
        fail "collector over TLS: not connected to the broker"; tail -n 20 "$C/collector.log"; return
    fi
    if grep -qi "suback\|not reachable\|not authori" "$C/collector.log"; then
        fail "collector over TLS: a subscription was refused"; grep -i "suback\|not reachable\|not authori" "$C/collector.log"
        return
    fi
    pass "collector connects over TLS (mqtt.tls.caFile) with its users collector and collector-out; its subscriptions are allowed"
    for i in $(seq 1 30); do
        mosquitto_pub -h localhost -p "$1" --cafile "$M/certs/kiosk-ca.pem" -q 1 -i "$2-pub" -u "$2" -P "$3" \
            -t "kiosk/v1/$2/event" -m "not-a-jws-$i" >/dev/null 2>&1
        body=$(http_get "http://127.0.0.1:$hport/api/rejections?limit=10" "$token")
        grep -q "kiosk/v1/$2/event" <<<"$body" && break
        sleep 0.5
    done
    if grep -q "kiosk/v1/$2/event" <<<"$body"; then
        pass "a kiosk's message reaches the collector through the shared subscription and is decided (rejected: malformed)"
    else
        fail "the collector did not record the kiosk's message"; echo "$body"; tail -n 20 "$C/collector.log"
    fi
    kill -TERM "$cpid"
    wait "$cpid"
    code=$?
    if [ "$code" -eq 143 ]; then
        pass "collector stops on SIGTERM with exit status 143 (the unit's SuccessExitStatus=143)"
    else
        fail "collector exit status after SIGTERM: $code (the unit expects 143)"; tail -n 10 "$C/collector.log"
    fi
}
mosquitto_check() {
    local M="$TMP/mqtt" port pid conf
    mkdir -p "$M/kiosk" "$M/data"
    if ! bash deploy/mosquitto/make-test-ca.sh -d "$M/certs" -c WH-CHK-0001 >"$M/ca.log" 2>&1; then
        fail "make-test-ca.sh"; cat "$M/ca.log"; return
    fi
    pass "deploy/mosquitto/make-test-ca.sh: test CA, broker and client certificates"

    # Two kiosks and a collector, their files made as docs/operations.md says.
    local A=WH-CHK-0001 B=WH-CHK-0002 PA PB PC
    PA=$(openssl rand -hex 12); PB=$(openssl rand -hex 12); PC=$(openssl rand -hex 12)
    printf 'device.id=%s\nmqtt.password=%s\n' "$A" "$PA" > "$M/a.properties"
    printf 'device.id=%s\nmqtt.password=%s\n' "$B" "$PB" > "$M/b.properties"
    : > "$M/kiosk/passwd"; : > "$M/kiosk/acl"
    local k
    for k in a b; do
        java -jar "$JAR" mosquitto --config "$M/$k.properties" --only password >> "$M/kiosk/passwd" \
            && java -jar "$JAR" mosquitto --config "$M/$k.properties" --only acl >> "$M/kiosk/acl" \
            || { fail "kiosk-provision mosquitto --only password/acl"; return; }
    done
    java -jar "$JAR" mosquitto --only collector --collector-user collector >> "$M/kiosk/acl" \
        || { fail "kiosk-provision mosquitto --only collector"; return; }
    mosquitto_passwd -b "$M/kiosk/passwd" collector "$PC" && mosquitto_passwd -b "$M/kiosk/passwd" collector-out "$PC" \
        || { fail "mosquitto_passwd"; return; }
    chmod 0640 "$M/kiosk/passwd" "$M/kiosk/acl"
    pass "password file and ACL made with kiosk-provision mosquitto (2 kiosks) and mosquitto_passwd (collector, collector-out)"

    # The shipped configuration with test paths, a free loopback port and this user.
    port=$(free_port)
    conf="$M/mosquitto.conf"
    sed -e "s#^listener 8883\$#listener $port 127.0.0.1#" \
        -e "s#/etc/mosquitto/#$M/#g" \
        -e "s#^persistence_location .*#persistence_location $M/data/#" \
        deploy/mosquitto/mosquitto.conf > "$conf"
    printf '\nuser %s\n' "$(id -un)" >> "$conf"
    if ! grep -qx "listener $port 127.0.0.1" "$conf" || grep -q '/etc/mosquitto\|/var/lib/mosquitto' "$conf"; then
        fail "deploy/mosquitto/mosquitto.conf: listener or paths not where check.sh expects them"; return
    fi
    start_broker() { # config -> sets pid; true when listening
        mosquitto -c "$1" 2>>"$M/broker.log" &
        pid=$!
        PIDS+=("$pid")
        local i
        for i in $(seq 1 50); do
            (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
            kill -0 "$pid" 2>/dev/null || return 1
            sleep 0.1
        done
        return 1
    }
    stop_broker() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
    if ! start_broker "$conf"; then
        fail "mosquitto -c deploy/mosquitto/mosquitto.conf did not start"; tail -n 20 "$M/broker.log"; return
    fi
    pass "mosquitto $(mosquitto -h 2>/dev/null | head -n1 | grep -o '[0-9][0-9.]*') started with deploy/mosquitto/mosquitto.conf (TLS on 127.0.0.1:$port)"

    local TLS=(-h localhost -p "$port" --cafile "$M/certs/kiosk-ca.pem")
    pub() { mosquitto_pub "${TLS[@]}" -q 1 "$@" 2>&1; }
    # The broker takes the user name as client id (use_username_as_clientid): one connection per
    # user at a time, so publishes below use another user than a running subscriber (a kiosk's
    # <id>-selftest user, the collector's collector-out).
    local SUBS=()
    sub_bg() { # output file, args...
        local out=$1; shift
        mosquitto_sub "${TLS[@]}" -q 1 -v -W 60 "$@" > "$out" 2>&1 &
        PIDS+=("$!"); SUBS+=("$!")
    }

    # The collector's shared subscription sees kiosk A's own event.
    sub_bg "$M/collector.out" -V mqttv5 -i chk-collector -u collector -P "$PC" -t '$share/collectors/kiosk/v1/+/event'
    local i ok=1
    for i in $(seq 1 30); do
        pub -i "$A-pub" -u "$A" -P "$PA" -t "kiosk/v1/$A/event" -m "ready-$i" >/dev/null
        wait_for "$M/collector.out" "kiosk/v1/$A/event ready-$i" 3 && { ok=0; break; }
    done
    if [ "$ok" -eq 0 ]; then
        pass "kiosk $A publishes on its own event topic; the collector's shared subscription receives it"
    else
        fail "the collector never received kiosk $A's event"; cat "$M/collector.out"; tail -n 20 "$M/broker.log"
    fi

    # Kiosk A publishing on B's event topic: never delivered (B's own event after it is).
    pub -i "$A-pub" -u "$A" -P "$PA" -t "kiosk/v1/$B/event" -m "forged-by-$A" >/dev/null
    pub -i "$B-pub" -u "$B" -P "$PB" -t "kiosk/v1/$B/event" -m "genuine-from-$B" >/dev/null
    if wait_for "$M/collector.out" "kiosk/v1/$B/event genuine-from-$B" 50 && ! grep -q "forged-by-$A" "$M/collector.out"; then
        pass "kiosk $A cannot publish on kiosk $B's event topic (the collector got only $B's own event)"
    else
        fail "kiosk $A's publish on $B's topic: not refused, or $B's own event not delivered"; cat "$M/collector.out"
    fi

    # Receipts: A reads its own, never B's, nor B's events; B gets its own receipt.
    sub_bg "$M/a.out" -i "$A" -u "$A" -P "$PA" -t "kiosk/v1/$A/receipt" -t "kiosk/v1/$B/receipt" -t "kiosk/v1/+/event"
    sub_bg "$M/b.out" -i "$B" -u "$B" -P "$PB" -t "kiosk/v1/$B/receipt"
    ok=1
    for i in $(seq 1 30); do
        pub -i chk-collector-pub -u collector-out -P "$PC" -t "kiosk/v1/$A/receipt" -m "receipt-$i" >/dev/null
        pub -i chk-collector-pub -u collector-out -P "$PC" -t "kiosk/v1/$B/receipt" -m "breceipt-$i" >/dev/null
        wait_for "$M/a.out" "kiosk/v1/$A/receipt receipt-$i" 3 && wait_for "$M/b.out" "kiosk/v1/$B/receipt breceipt-$i" 3 \
            && { ok=0; break; }
    done
    if [ "$ok" -eq 0 ]; then
        pass "the collector publishes receipts; each kiosk receives its own"
    else
        fail "a kiosk did not receive its own receipt"; cat "$M/a.out" "$M/b.out"
    fi
    pub -i chk-collector-pub -u collector-out -P "$PC" -t "kiosk/v1/$B/receipt" -m "secret-for-$B" >/dev/null
    pub -i "$B-pub" -u "$B-selftest" -P "$PB" -t "kiosk/v1/$B/event" -m "event-of-$B" >/dev/null
    pub -i chk-collector-pub -u collector-out -P "$PC" -t "kiosk/v1/$A/receipt" -m "last-for-$A" >/dev/null
    if wait_for "$M/a.out" "kiosk/v1/$A/receipt last-for-$A" 50 && wait_for "$M/b.out" "kiosk/v1/$B/receipt secret-for-$B" 50 \
        && ! grep -q "secret-for-$B\|breceipt-\|event-of-$B\|genuine-from-$B" "$M/a.out"; then
        pass "kiosk $A subscribed to $B's receipt and to kiosk/v1/+/event receives nothing of $B's"
    else
        fail "kiosk $A read another kiosk's messages"; cat "$M/a.out"
    fi

    # Kiosk A cannot publish a receipt (only the collector may).
    pub -i "$A-pub" -u "$A-selftest" -P "$PA" -t "kiosk/v1/$A/receipt" -m "self-receipt" >/dev/null
    pub -i chk-collector-pub -u collector-out -P "$PC" -t "kiosk/v1/$A/receipt" -m "after-self-receipt" >/dev/null
    if ! wait_for "$M/a.out" "kiosk/v1/$A/receipt after-self-receipt" 50; then
        fail "receipt after the kiosk's own publish not delivered"; cat "$M/a.out"
    elif grep -qx "kiosk/v1/$A/receipt self-receipt" "$M/a.out"; then
        fail "kiosk $A could publish its own receipt"
    else
        pass "kiosk $A cannot publish a receipt (only the collector can)"
    fi

    # A's credentials with B's client id: the broker takes A's user name as client id, so B stays
    # connected and still receives its receipt.
    pub -i "$B" -u "$A" -P "$PA" -t "kiosk/v1/$A/event" -m "takeover-try" >/dev/null
    pub -i chk-collector-pub -u collector-out -P "$PC" -t "kiosk/v1/$B/receipt" -m "after-takeover-try" >/dev/null
    if wait_for "$M/b.out" "kiosk/v1/$B/receipt after-takeover-try" 50 && ! grep -qi "disconnect\|error" "$M/b.out"; then
        pass "a connection with $A's credentials and $B's client id does not disconnect $B"
    else
        fail "$A's credentials with $B's client id disconnected $B"; cat "$M/b.out"
    fi
    # The subscribers hold the users the collector and a kiosk are about to connect as.
    kill "${SUBS[@]}" 2>/dev/null

    # The real collector, started as the unit starts it (its JAVA_OPTS, KIOSK_* variables as in
    # collector.env, the fleet CA file as mqtt.tls.caFile), connects over
    # TLS with its user and ACL, and decides a message a kiosk sends (a malformed one: it is
    # recorded as rejected, visible in GET /api/rejections). SIGTERM then ends it with 143.
    collector_over_tls "$port" "$A" "$PA" "$PC"

    # Credentials.
    if out=$(pub -i "$A-pub" -u "$A" -P "wrong-$PA" -t "kiosk/v1/$A/event" -m x); then
        fail "wrong password accepted"
    else
        pass "wrong password refused ($(echo "$out" | head -n1))"
    fi
    if out=$(pub -i anonymous-check -t "kiosk/v1/$A/event" -m x); then
        fail "anonymous client accepted"
    else
        pass "anonymous client refused ($(echo "$out" | head -n1))"
    fi
    if out=$(mosquitto_pub -h localhost -p "$port" -u "$A" -P "$PA" -t "kiosk/v1/$A/event" -m x 2>&1); then
        fail "a client without TLS accepted"
    else
        pass "a client without TLS refused"
    fi
    stop_broker

    # The same configuration with require_certificate true: a client certificate is required.
    sed -e 's/^require_certificate false$/require_certificate true/' "$conf" > "$M/mosquitto-certs.conf"
    if ! start_broker "$M/mosquitto-certs.conf"; then
        fail "mosquitto with require_certificate true did not start"; tail -n 20 "$M/broker.log"; return
    fi
    if out=$(pub -i "$A-pub" -u "$A" -P "$PA" --cert "$M/certs/client-$A.pem" --key "$M/certs/client-$A.key" \
            -t "kiosk/v1/$A/event" -m with-cert); then
        pass "require_certificate true: kiosk with a client certificate from the test CA connects"
    else
        fail "require_certificate true: kiosk with a client certificate refused"; echo "$out"
    fi
    if out=$(pub -i "$A-pub" -u "$A" -P "$PA" -t "kiosk/v1/$A/event" -m without-cert); then
        fail "require_certificate true: kiosk without a client certificate accepted"
    else
        pass "require_certificate true: kiosk without a client certificate refused"
    fi
    stop_broker
}
if ! ensure mosquitto mosquitto || ! ensure mosquitto_pub mosquitto-clients; then
    unavailable "Mosquitto: mosquitto or mosquitto-clients not available (apt-get install mosquitto mosquitto-clients)"
elif ! ensure openssl openssl; then
    unavailable "Mosquitto: openssl not available"
elif [ ! -f "$JAR" ]; then
    if [ "${CI:-}" = "true" ]; then
        fail "Mosquitto: $JAR missing (the Maven build should have made it)"
    else
        skip "Mosquitto: $JAR missing; build it first: mvn -B -q -pl provisioning -am package -DskipTests"
    fi
else
    mosquitto_check
fi

# ------------------------------------------------------------------------------------------
section "PostgreSQL"
postgres_check() {
    PG_DATA="$TMP/pg/data"
    local S="$TMP/pg" out
    mkdir -p "$S"; chown postgres "$S"
    if ! out=$(runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust --no-sync 2>&1); then
        fail "initdb of a throw-away cluster"; echo "$out" | tail -n 5; return
    fi
    # Unix socket in the temporary folder only: no TCP port is opened.
    if ! out=$(runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -l "$S/pg.log" \
            -o "-c listen_addresses='' -c unix_socket_directories='$S' -c fsync=off" start 2>&1); then
        fail "start a throw-away PostgreSQL"; tail -n 5 "$S/pg.log"; return
    fi
    # psql runs as postgres from its own folder; files of the checkout (which postgres may not be
    # allowed to read, e.g. a clone in a private temporary folder) are given on standard input.
    psqlc() { (cd "$S" && runuser -u postgres -- psql -h "$S" -X -q -v ON_ERROR_STOP=1 "$@" 2>&1); }
    if out=$(psqlc -U postgres -d postgres -v collectors=2 -f - < "$ROOT/deploy/postgresql/kiosk-collectors.sql"); then
        pass "deploy/postgresql/kiosk-collectors.sql runs (2 collectors)"
    else
        fail "deploy/postgresql/kiosk-collectors.sql"; echo "$out"; return
    fi
    # What a collector's migration and decisions do (tables in its schema, an advisory lock),
    # then what the other collector and the report role may and may not do.
    if out=$(psqlc -U kiosk_collector_1 -d kiosk -c "SELECT pg_advisory_xact_lock(4242001);
            CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT);
            INSERT INTO schema_version VALUES (1, 'now');") \
        && out=$(psqlc -U kiosk_collector_2 -d kiosk -c "INSERT INTO schema_version VALUES (2, 'now');
            UPDATE schema_version SET applied_at = 'later'; DELETE FROM schema_version WHERE version = 2;
            CREATE TABLE events_check (id INTEGER);") \
        && [ "$(psqlc -U kiosk_collector_2 -d kiosk -Atc "SELECT tableowner FROM pg_tables WHERE tablename = 'schema_version'")" = kiosk_owner ]; then
        pass "collectors create tables in schema kiosk (owned by kiosk_owner) and use each other's"
    else
        fail "a collector role cannot do what the collector needs"; echo "$out"
    fi
    local denied=0 sql
    for sql in "CREATE TABLE public.x (id INTEGER)" "CREATE SCHEMA other" "CREATE DATABASE other" \
               "CREATE ROLE other" "DROP DATABASE kiosk"; do
        if psqlc -U kiosk_collector_1 -d kiosk -c "$sql" >/dev/null; then
            fail "kiosk_collector_1 may: $sql"; denied=1
        fi
    done
    [ "$denied" -eq 0 ] && pass "collector roles cannot create in public, create schemas, databases or roles, or drop the database"
    if [ "$(psqlc -U kiosk_report -d kiosk -Atc 'SELECT count(*) FROM schema_version')" = 1 ] \
        && ! psqlc -U kiosk_report -d kiosk -c "INSERT INTO schema_version VALUES (3, 'x')" >/dev/null; then
        pass "kiosk_report reads the collectors' tables and cannot write them"
    else
        fail "kiosk_report cannot read, or can write"
    fi
    # The pg_hba.conf lines parse (PostgreSQL 10+ shows parse errors in pg_hba_file_rules).
    cat "$ROOT/deploy/postgresql/pg_hba-kiosk.conf" >> "$PG_DATA/pg_hba.conf"
    # (The throw-away cluster has no TLS, so "hostssl ... SSL is disabled" is expected here.)
    out=$(psqlc -U postgres -d postgres -Atc "SELECT line_number || ': ' || error FROM pg_hba_file_rules
        WHERE error IS NOT NULL AND error NOT LIKE 'hostssl record cannot match because SSL is disabled%'")
    if [ -z "$out" ]; then
        pass "deploy/postgresql/pg_hba-kiosk.conf parses"
    else
        fail "deploy/postgresql/pg_hba-kiosk.conf: $out"
    fi
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1
}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ] || ! command -v psql >/dev/null 2>&1; then
    skip "PostgreSQL: no server binaries (/usr/lib/postgresql/*/bin/initdb) to try the SQL script"
elif [ "$(id -u)" -ne 0 ] || ! id postgres >/dev/null 2>&1; then
    skip "PostgreSQL: needs root and the postgres user to start a throw-away cluster"
else
    postgres_check
fi

# ------------------------------------------------------------------------------------------
section "Documentation links"
# Every relative link in README.md and docs/ names a file inside the repository.
if out=$(python3 - "$ROOT" <<'PY'
import os, re, sys
root = os.path.realpath(sys.argv[1])
files = [os.path.join(root, "README.md")] + sorted(
    os.path.join(root, "docs", f) for f in os.listdir(os.path.join(root, "docs")) if f.endswith(".md"))
bad = []
for f in files:
    text = open(f, encoding="utf-8").read()
    if "../shared" in text:
        bad.append("%s: mentions ../shared (outside the repository)" % os.path.relpath(f, root))
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue
        path = os.path.realpath(os.path.join(os.path.dirname(f), target.split("#")[0]))
        if not path.startswith(root + os.sep) and path != root or not os.path.exists(path):
            bad.append("%s: link to %s" % (os.path.relpath(f, root), target))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
); then
    pass "every link in README.md and docs/*.md stays inside the repository and exists"
else
    fail "links in README.md or docs/ leave the repository or name missing files:"; echo "$out"
fi

# ------------------------------------------------------------------------------------------
section "Scripts"
for s in deploy/check.sh deploy/kiosk-agent-run.sh deploy/mosquitto/make-test-ca.sh; do
    if out=$(bash -n "$s" 2>&1); then pass "bash -n $s"; else fail "bash -n $s"; echo "$out"; fi
done

echo
echo "deploy/check.sh took $(($(date +%s) - START)) s"
echo "ops-kit: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
