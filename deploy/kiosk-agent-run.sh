#!/bin/sh
# Runs the kiosk agent under systemd (Type=notify, NotifyAccess=all, WatchdogSec=...).
# The agent touches $KIOSK_HEARTBEAT from its session loop every watchdog.intervalS seconds;
# this wrapper turns a fresh heartbeat into READY=1 (once) and WATCHDOG=1 (each check), and
# passes SIGTERM on to the JVM for a graceful stop. Without systemd (no NOTIFY_SOCKET) it just
# runs the agent.
set -u
JAVA="${JAVA:-java}"
KIOSK_JAR="${KIOSK_JAR:-/opt/kiosk/kiosk-agent.jar}"
KIOSK_CONFIG="${KIOSK_CONFIG:-/etc/kiosk/agent.properties}"
KIOSK_HEARTBEAT="${KIOSK_HEARTBEAT:-/run/kiosk-agent/heartbeat}"
# A heartbeat older than this (seconds) is not passed on; keep it below WatchdogSec.
HEARTBEAT_MAX_AGE="${HEARTBEAT_MAX_AGE:-30}"
CHECK_EVERY="${CHECK_EVERY:-5}"

rm -f "$KIOSK_HEARTBEAT"
# KIOSK_WATCHDOG_FILE overrides watchdog.file in the config (ConfigSource environment override).
export KIOSK_WATCHDOG_FILE="$KIOSK_HEARTBEAT"
# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:-} -jar "$KIOSK_JAR" --config "$KIOSK_CONFIG" &
PID=$!
trap 'kill -TERM "$PID" 2>/dev/null' TERM INT

notify() {
    [ -n "${NOTIFY_SOCKET:-}" ] && systemd-notify --pid="$$" "$@" >/dev/null 2>&1
    return 0
}

READY=0
while kill -0 "$PID" 2>/dev/null; do
    if [ -f "$KIOSK_HEARTBEAT" ]; then
        AGE=$(( $(date +%s) - $(stat -c %Y "$KIOSK_HEARTBEAT") ))
        if [ "$AGE" -le "$HEARTBEAT_MAX_AGE" ]; then
            if [ "$READY" -eq 0 ]; then
                notify --ready "STATUS=agent running"
                READY=1
            fi
            notify WATCHDOG=1
        else
            notify "STATUS=agent heartbeat stale (${AGE}s)"
        fi
    fi
    sleep "$CHECK_EVERY" &
    wait $! 2>/dev/null
done
wait "$PID"
CODE=$?
notify --stopping "STATUS=agent exited with $CODE"
exit "$CODE"
