#!/bin/bash
# HEALTHCHECK of the IXBI images under Docker and Compose (Kubernetes uses its own httpGet probes):
#   ixbi-healthcheck <port> [path]   healthy when http://127.0.0.1:<port><path> answers 200.
# The images have no curl; bash's /dev/tcp is enough for one request.
set -eu
port=${1:?usage: ixbi-healthcheck <port> [path]}
path=${2:-/actuator/health}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
case "$status" in
  HTTP/1.[01]" 200"*) exit 0 ;;
  *) echo "$status" >&2; exit 1 ;;
esac
