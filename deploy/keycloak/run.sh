#!/usr/bin/env bash
# A local Keycloak with the ixbi realm, for trying the production identity mode on one machine. The distribution
# zip comes from Maven Central through the Maven wrapper (the same one the tests start, unpacked under
# test-servers/target/keycloak); its database lives in ./data/keycloak, beside the embedded default's. Then, in
# another shell:
#   IXBI_IDENTITY_MODE=keycloak IXBI_IDENTITY_ISSUER_URI=http://localhost:8180/realms/ixbi deploy/embedded/run.sh
# Development mode: HTTP, an embedded database, the realm's development secrets, an administrator admin/admin on
# the master realm (override with KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD). Not for production (docs/security.md).
set -euo pipefail
cd "$(dirname "$0")/../.."

port=${IXBI_KEYCLOAK_PORT:-8180}
./mvnw -B -q -pl test-servers generate-resources
home=$(find test-servers/target/keycloak -maxdepth 3 -name kc.sh -path '*/bin/*' -printf '%h\n' | head -1)
home=${home%/bin}
[[ -n $home ]] || { echo "no Keycloak distribution under test-servers/target/keycloak" >&2; exit 2; }
mkdir -p "$home/data/import"
cp deploy/keycloak/ixbi-realm.json "$home/data/import/"

export KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}
export KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}
export JAVA_OPTS_KC_HEAP=${JAVA_OPTS_KC_HEAP:--Xms64m -Xmx512m}
# one host name everywhere: the tokens' issuer must be the issuer the engine is configured with
mkdir -p data/keycloak
exec sh "$home/bin/kc.sh" start-dev --http-port="$port" --hostname="http://localhost:$port" --import-realm \
  --db-url="jdbc:h2:file:$PWD/data/keycloak/keycloakdb;NON_KEYWORDS=VALUE"
