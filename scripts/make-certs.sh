#!/usr/bin/env bash
# Make what ActorPar's mutual TLS needs, with openssl: a private certificate authority (CA)
# that only this cluster trusts, and one certificate per node, signed by it.
#
#   ACTORPAR_TLS_PASSWORD=... scripts/make-certs.sh [--out DIR] [--nodes N] [--name NAME]
#
#   --out DIR     where to write (default: certs/ in the checkout); made if missing
#   --nodes N     node certificates to make: node-1.pfx .. node-N.pfx (default 3)
#   --name NAME   the CA's common name (default "ActorPar cluster CA"); a second CA with
#                 another name and folder is how the tests make a certificate that must fail
#
# Writes DIR/ca.crt (the CA's certificate, PEM: every node trusts it and nothing else) and
# DIR/node-I.pfx (a node's certificate and private key, PKCS#12, encrypted with
# $ACTORPAR_TLS_PASSWORD). The CA's private key stays in DIR/ca.key: keep it off the nodes.
# The password never appears on a command line: openssl reads it from the environment.
set -euo pipefail
parent_path=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)

out="$parent_path/../certs"
nodes=3
name="ActorPar cluster CA"
fail() { echo "make-certs.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || fail "--out needs a folder"; out=$2; shift 2 ;;
    --nodes) [ $# -ge 2 ] || fail "--nodes needs a number"; nodes=$2; shift 2 ;;
    --name) [ $# -ge 2 ] || fail "--name needs a name"; name=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
done
[[ "$nodes" =~ ^[0-9]+$ ]] && [ "$nodes" -ge 1 ] && [ "$nodes" -le 100 ] || fail "--nodes must be a whole number from 1 to 100, not '$nodes'"
[ -n "${ACTORPAR_TLS_PASSWORD:-}" ] || fail "set ACTORPAR_TLS_PASSWORD: the node certificates are encrypted with it"
command -v openssl >/dev/null || fail "openssl is not installed"

mkdir -p "$out"
out=$(cd "$out" && pwd -P)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077

# The CA: a self-signed certificate that may sign others and nothing else.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
  -subj "/CN=$name" -keyout "$out/ca.key" -out "$out/ca.crt" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

# Each node is both a server (others connect to it) and a client (it connects to others),
# so its certificate allows both. Hostnames are not checked (nodes are known by IP and
# certificates by the CA that signed them), but the SAN still names the loopback.
cat >"$work/node.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
EXT
for i in $(seq 1 "$nodes"); do
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -subj "/CN=actorpar-node-$i" -keyout "$work/node-$i.key" -out "$work/node-$i.csr" 2>/dev/null
  openssl x509 -req -in "$work/node-$i.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial \
    -days 825 -extfile "$work/node.ext" -out "$work/node-$i.crt" 2>/dev/null
  openssl pkcs12 -export -in "$work/node-$i.crt" -inkey "$work/node-$i.key" -name "actorpar-node-$i" \
    -out "$out/node-$i.pfx" -passout env:ACTORPAR_TLS_PASSWORD
done
rm -f "$out/ca.srl"
chmod 644 "$out/ca.crt"
echo "CA: $out/ca.crt (key $out/ca.key); node certificates: $out/node-1.pfx .. node-$nodes.pfx"
