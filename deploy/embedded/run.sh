#!/usr/bin/env bash
# The embedded default in one go: the engine (webapps, /engine-rest, /api) and one worker node, both on this
# machine, data under ./data. Ctrl-C stops both; if either stops, so does the other. Arguments go to the engine.
set -euo pipefail
cd "$(dirname "$0")/../.."

engine_jar=processes/target/ixbi-processes.jar
workers_jar=workers/target/ixbi-workers.jar
for jar in "$engine_jar" "$workers_jar"; do
  [[ -f $jar ]] || { echo "missing $jar: build first (./mvnw -B -q -DskipTests package)" >&2; exit 2; }
done

pids=()
stop() {
  trap - INT TERM EXIT
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

java -jar "$engine_jar" "$@" &
pids+=($!)

# the workers start once the engine answers, so that their first fetches do not fill the log with refusals
for _ in $(seq 1 180); do
  if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then break; fi
  kill -0 "${pids[0]}" 2>/dev/null || exit 1
  sleep 1
done
java -jar "$workers_jar" &
pids+=($!)

wait -n "${pids[@]}"
