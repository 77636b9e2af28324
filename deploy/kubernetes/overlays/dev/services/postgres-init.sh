#!/bin/sh
# Runs once, on an empty data directory (the postgres image's /docker-entrypoint-initdb.d): the FHIR bridge's own
# user and schema beside the engine's database, as a site's database administrator would make them
# (docs/deploy.md). The password comes from the environment, never from this file.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
\getenv bridge_user IXBI_BRIDGE_DB_USERNAME
\getenv bridge_password IXBI_BRIDGE_DB_PASSWORD
CREATE ROLE :"bridge_user" LOGIN PASSWORD :'bridge_password';
CREATE SCHEMA fhir_bridge AUTHORIZATION :"bridge_user";
REVOKE ALL ON SCHEMA fhir_bridge FROM PUBLIC;
SQL
