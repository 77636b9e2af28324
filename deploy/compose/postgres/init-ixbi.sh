#!/bin/sh
# Runs once, on an empty data volume (the postgres image's /docker-entrypoint-initdb.d): a user and database for the
# engine, the FHIR bridge's own user and schema in the engine's database (docs/fhir-mapping.md), and Keycloak's
# user and database. Passwords come from the Compose secrets, read by psql itself (never on a command line).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL'
\set engine_password `cat /run/secrets/engine-db-password`
\set bridge_password `cat /run/secrets/bridge-db-password`
\set keycloak_password `cat /run/secrets/keycloak-db-password`
CREATE ROLE ixbi LOGIN PASSWORD :'engine_password';
CREATE DATABASE ixbi OWNER ixbi;
CREATE ROLE fhir_bridge LOGIN PASSWORD :'bridge_password';
CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_password';
CREATE DATABASE keycloak OWNER keycloak;
\connect ixbi
CREATE SCHEMA fhir_bridge AUTHORIZATION fhir_bridge;
REVOKE ALL ON SCHEMA fhir_bridge FROM PUBLIC;
SQL
