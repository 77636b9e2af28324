#!/usr/bin/env bash
# The embedded default in one go, all on this machine with data under ./data: the engine (webapps, /engine-rest,
# /api), a worker node, the FHIR bridge, and, unless IXBI_FHIR_BASE_URL names the hospital's FHIR server, a local
# FHIR server standing in for it. Ctrl-C stops them all; if one stops, so do the others. Arguments go to the engine.
#
# Heaps (override with IXBI_<PART>_HEAP): engine 768m, workers 3g (reconstruction), FHIR bridge 384m, local FHIR
# server 512m; under 5 GB in all.
set -euo pipefail
cd "$(dirname "$0")/../.."

engine_jar=processes/target/ixbi-processes.jar
workers_jar=workers/target/ixbi-workers.jar
bridge_jar=fhir-bridge/target/ixbi-fhir-bridge.jar
fhir_jar=fhir-server/target/ixbi-fhir-server.jar
for jar in "$engine_jar" "$workers_jar" "$bridge_jar" "$fhir_jar"; do
  [[ -f $jar ]] || { echo "missing $jar: build first (./mvnw -B -q -DskipTests package)" >&2; exit 2; }
done

pids=()
stop() {
  trap - INT TERM EXIT
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

await_port() { # port, pid of the process that should open it
  for _ in $(seq 1 240); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$2" 2>/dev/null || exit 1
    sleep 1
  done
  echo "nothing listens on port $1 after 240 s" >&2
  exit 1
}

java -Xmx"${IXBI_ENGINE_HEAP:-768m}" -jar "$engine_jar" "$@" &
pids+=($!)
engine_pid=$!

if [[ -z ${IXBI_FHIR_BASE_URL:-} ]]; then
  # the stand-in for the hospital's record: a real HAPI FHIR JPA server on H2 under ./data/fhir-server
  java -Xmx"${IXBI_FHIR_SERVER_HEAP:-512m}" -jar "$fhir_jar" &
  pids+=($!)
  export IXBI_FHIR_BASE_URL=http://localhost:8091/fhir
fi

# the workers and the bridge start once the engine answers, so that their first fetches do not fill the log with
# refusals; the bridge keeps trying the FHIR server until it answers
await_port 8080 "$engine_pid"
java -Xmx"${IXBI_WORKERS_HEAP:-3g}" -jar "$workers_jar" &
pids+=($!)
java -Xmx"${IXBI_BRIDGE_HEAP:-384m}" -jar "$bridge_jar" --ixbi.bridge.pseudonym.demo=true &
pids+=($!)

wait -n "${pids[@]}"
