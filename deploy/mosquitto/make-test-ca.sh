#!/usr/bin/env bash
# Makes a TEST certificate authority, a broker certificate and client certificates with
# openssl, for trying deploy/mosquitto/mosquitto.conf (and for deploy/check.sh). Not for a real
# fleet: the CA key lies unencrypted next to the certificates. See docs/operations.md.
#
#   deploy/mosquitto/make-test-ca.sh [-d DIR] [-s DNS_NAME]... [-c CLIENT_NAME]... [-f]
#
#   -d DIR          where to write (default ./test-ca); refuses to overwrite unless -f
#   -s DNS_NAME     a name of the broker for its certificate (always: localhost, 127.0.0.1, ::1)
#   -c CLIENT_NAME  a client certificate with this CN, e.g. a deviceId (default: WH-HS-0001, collector)
#
# Writes: kiosk-ca.pem, kiosk-ca.key, broker.pem, broker.key, client-<NAME>.pem, client-<NAME>.key
# (EC P-256; keys are unencrypted PKCS#8, mode 0600, as the agent's mqtt.clientKeyFile needs),
# and, when keytool is on the PATH, kiosk-ca-truststore.p12 (password "changeit") for the
# collector's JVM (-Djavax.net.ssl.trustStore=...).
set -euo pipefail

dir=./test-ca
force=0
names=()
clients=()
while getopts "d:s:c:fh" opt; do
    case "$opt" in
        d) dir=$OPTARG ;;
        s) names+=("$OPTARG") ;;
        c) clients+=("$OPTARG") ;;
        f) force=1 ;;
        h) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: $0 [-d DIR] [-s DNS_NAME]... [-c CLIENT_NAME]... [-f]" >&2; exit 2 ;;
    esac
done
[ ${#clients[@]} -gt 0 ] || clients=(WH-HS-0001 collector)
command -v openssl >/dev/null || { echo "make-test-ca: openssl is needed (apt-get install openssl)" >&2; exit 2; }

if [ -e "$dir/kiosk-ca.pem" ] && [ "$force" -eq 0 ]; then
    echo "make-test-ca: $dir/kiosk-ca.pem exists; use -f to replace the test CA" >&2
    exit 2
fi
mkdir -p "$dir"
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

newkey() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# The CA: 10 years, may sign certificates only.
newkey "$dir/kiosk-ca.key"
openssl req -new -x509 -sha256 -days 3650 -key "$dir/kiosk-ca.key" -out "$dir/kiosk-ca.pem" \
    -subj "/O=Carbon Kiosk TEST/CN=Carbon Kiosk TEST CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

sign() { # name, subject, extensions file -> $dir/name.pem
    openssl req -new -sha256 -key "$dir/$1.key" -subj "$2" -out "$work/$1.csr" 2>/dev/null
    openssl x509 -req -sha256 -days 825 -in "$work/$1.csr" -CA "$dir/kiosk-ca.pem" -CAkey "$dir/kiosk-ca.key" \
        -set_serial "0x$(openssl rand -hex 16)" -extfile "$3" -out "$dir/$1.pem" 2>/dev/null
}

# The broker: server authentication, for localhost and the names given.
san="DNS:localhost,IP:127.0.0.1,IP:::1"
for n in ${names[@]+"${names[@]}"}; do san="$san,DNS:$n"; done
cat > "$work/server.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$san
EXT
newkey "$dir/broker.key"
sign broker "/O=Carbon Kiosk TEST/CN=${names[0]:-localhost}" "$work/server.ext"

# Clients: client authentication, CN = the name (a deviceId, or the collector's user).
cat > "$work/client.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth
EXT
for c in "${clients[@]}"; do
    newkey "$dir/client-$c.key"
    sign "client-$c" "/O=Carbon Kiosk TEST/CN=$c" "$work/client.ext"
done

# Certificates are public; keys stay 0600.
chmod 0644 "$dir"/*.pem
if command -v keytool >/dev/null; then
    rm -f "$dir/kiosk-ca-truststore.p12"
    keytool -importcert -noprompt -alias kiosk-test-ca -file "$dir/kiosk-ca.pem" \
        -keystore "$dir/kiosk-ca-truststore.p12" -storetype PKCS12 -storepass changeit >/dev/null 2>&1
    chmod 0644 "$dir/kiosk-ca-truststore.p12"
fi
openssl verify -CAfile "$dir/kiosk-ca.pem" "$dir/broker.pem" >/dev/null
echo "test CA in $dir: kiosk-ca.pem, broker.pem/.key (${san}), clients: ${clients[*]}"
