#!/bin/sh
# Entrypoint of the IXBI images: trust the site's CA, then run the application's jar.
#
# The site's CA (PEM, one certificate or several) at /etc/ixbi/tls/ca.crt, mounted from the ConfigMap ixbi-site-ca
# (Kubernetes) or ./tls/ca.crt (Compose), is added to a copy of the JDK's trusted CAs in /tmp (writable where the
# root file system is not), so that HTTPS to Keycloak, S3 and the FHIR server is checked against it as well as
# against the public CAs. PostgreSQL's driver reads the same file itself (sslrootcert). Without the file, or with an
# empty one, the JDK's CAs alone are trusted. IXBI_CA_FILE names another file.
set -eu

ca=${IXBI_CA_FILE:-/etc/ixbi/tls/ca.crt}
if [ -s "$ca" ]; then
  dir=$(mktemp -d "${TMPDIR:-/tmp}/ixbi-trust.XXXXXX")
  store="$dir/cacerts.p12"
  # keytool is a JVM too: keep the application's JVM options away from it; say nothing unless it fails
  keytool() {
    if ! out=$(env -u JAVA_TOOL_OPTIONS "$JAVA_HOME/bin/keytool" "$@" 2>&1); then
      echo "$out" >&2
      exit 1
    fi
  }
  keytool -importkeystore -noprompt \
    -srckeystore "$JAVA_HOME/lib/security/cacerts" -srcstorepass changeit \
    -destkeystore "$store" -deststoretype PKCS12 -deststorepass changeit
  # keytool takes one certificate per alias: split the bundle
  awk -v dir="$dir" '
    /-----BEGIN CERTIFICATE-----/ { n++; out = sprintf("%s/site-ca-%d.pem", dir, n) }
    out != "" { print > out }
    /-----END CERTIFICATE-----/ { close(out); out = "" }' "$ca"
  found=0
  for pem in "$dir"/site-ca-*.pem; do
    [ -e "$pem" ] || continue
    keytool -importcert -noprompt -alias "ixbi-$(basename "$pem" .pem)" -file "$pem" \
      -keystore "$store" -storetype PKCS12 -storepass changeit
    found=$((found + 1))
  done
  if [ "$found" -eq 0 ]; then
    echo "ixbi-entrypoint: $ca holds no PEM certificate" >&2
    exit 1
  fi
  echo "ixbi-entrypoint: trusting $found certificate(s) of $ca besides the JDK's CAs" >&2
  JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Djavax.net.ssl.trustStore=$store -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=changeit"
  export JAVA_TOOL_OPTIONS
fi

exec java -jar "${IXBI_APP_JAR:-/opt/ixbi/app.jar}" "$@"
