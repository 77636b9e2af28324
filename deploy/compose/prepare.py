#!/usr/bin/env python3
"""Prepares deploy/compose for its first start on a lab server; run it again at any time, it keeps what exists.

    python3 deploy/compose/prepare.py [--self-signed] [--keep-demo-users]

1. secrets/: one file per secret that compose.yaml names, each a fresh random value unless the file exists (the
   folder is readable by its owner only; the files themselves must stay readable, because the containers' users read
   them through the bind mounts). Also secrets/metrics-password, the scrape account's, for the site's Prometheus.
2. secrets/ixbi-realm.json: the realm export (deploy/keycloak/ixbi-realm.json) with this site's client secrets, the
   redirect address https://<IXBI_PUBLIC_HOST>/*, and without the development client ixbi-cli and the demo users
   (docs/security.md; --keep-demo-users keeps both, for a trial). Keycloak imports it at its first start only: after
   that, change clients in Keycloak's admin console, and the matching file in secrets/.
3. tls/: server.crt, server.key (for the three host names of .env) and ca.crt (the CA that signed it, which every
   container trusts). Bring the site's own; --self-signed makes a lab CA and certificate with openssl instead, whose
   ca.crt the browsers then have to be told to trust.
Needs Python 3.8+ and, for --self-signed, openssl."""
import argparse
import base64
import copy
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REALM = HERE.parent / "keycloak" / "ixbi-realm.json"

# secret file -> how to make a value
SECRETS = {
    "postgres-admin-password": lambda: secrets.token_urlsafe(32),
    "engine-db-password": lambda: secrets.token_urlsafe(32),
    "bridge-db-password": lambda: secrets.token_urlsafe(32),
    "keycloak-db-password": lambda: secrets.token_urlsafe(32),
    "keycloak-admin-password": lambda: secrets.token_urlsafe(24),
    "s3-access-key": lambda: "ixbi-" + secrets.token_hex(8),
    "s3-secret-key": lambda: secrets.token_urlsafe(32),
    "web-client-secret": lambda: secrets.token_urlsafe(32),
    "directory-client-secret": lambda: secrets.token_urlsafe(32),
    "worker-client-secret": lambda: secrets.token_urlsafe(32),
    "bridge-client-secret": lambda: secrets.token_urlsafe(32),
    # 256 bits, base64 (docs/fhir-mapping.md): back it up with the bridge's schema, losing it loses every patient link
    "pseudonym-key": lambda: base64.b64encode(os.urandom(32)).decode(),
    "inbound-secret": lambda: secrets.token_urlsafe(32),
    # the metrics scrape account (user prometheus) of engine and worker nodes, for the site's Prometheus
    "metrics-password": lambda: secrets.token_urlsafe(32),
}

# Keycloak client -> its secret's file
CLIENT_SECRETS = {
    "ixbi-web": "web-client-secret",
    "ixbi-identity": "directory-client-secret",
    "ixbi-worker": "worker-client-secret",
    "ixbi-fhir-bridge": "bridge-client-secret",
}


def read_env(path):
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def write(path, text, mode):
    path.write_text(text)
    os.chmod(path, mode)


def make_secrets(folder):
    folder.mkdir(exist_ok=True)
    os.chmod(folder, 0o700)
    for name, make in SECRETS.items():
        path = folder / name
        if path.exists() and path.read_text().strip():
            print(f"kept     secrets/{name}")
            continue
        # no trailing newline: the value is the file's whole content
        write(path, make(), 0o644)
        print(f"created  secrets/{name}")


def make_realm(folder, public_host, keep_demo):
    realm = json.loads(REALM.read_text())
    site = copy.deepcopy(realm)
    for client in site["clients"]:
        name = CLIENT_SECRETS.get(client["clientId"])
        if name:
            client["secret"] = (folder / name).read_text().strip()
        if client["clientId"] == "ixbi-web":
            client["redirectUris"] = [f"https://{public_host}/*"]
    if not keep_demo:
        site["clients"] = [c for c in site["clients"] if c["clientId"] != "ixbi-cli"]
        site["users"] = [u for u in site["users"] if "serviceAccountClientId" in u]
    missing = set(CLIENT_SECRETS) - {c["clientId"] for c in site["clients"]}
    if missing:
        sys.exit(f"{REALM} has no client {', '.join(sorted(missing))}")
    write(folder / "ixbi-realm.json", json.dumps(site, indent=2, ensure_ascii=False) + "\n", 0o644)
    print("written  secrets/ixbi-realm.json" + (" (with the demo users and ixbi-cli)" if keep_demo else ""))


def make_tls(folder, hosts, self_signed):
    needed = ["server.crt", "server.key", "ca.crt"]
    if all((folder / f).exists() for f in needed):
        print("kept     tls/" + ", tls/".join(needed))
        return True
    if not self_signed:
        print("missing  tls/server.crt, tls/server.key (for " + ", ".join(hosts) + ") and tls/ca.crt (the CA that "
              "signed it): bring the site's, or run again with --self-signed")
        return False
    folder.mkdir(exist_ok=True)
    os.chmod(folder, 0o700)

    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)

    openssl("req", "-x509", "-newkey", "rsa:3072", "-nodes", "-days", "825", "-subj", "/CN=IXBI lab CA",
            "-keyout", str(folder / "ca.key"), "-out", str(folder / "ca.crt"),
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-newkey", "rsa:3072", "-nodes", "-subj", f"/CN={hosts[0]}",
            "-keyout", str(folder / "server.key"), "-out", str(folder / "server.csr"))
    extensions = folder / "server.ext"
    extensions.write_text("subjectAltName=" + ",".join(f"DNS:{h}" for h in hosts) + "\n"
                          "extendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n")
    openssl("x509", "-req", "-in", str(folder / "server.csr"), "-CA", str(folder / "ca.crt"),
            "-CAkey", str(folder / "ca.key"), "-CAcreateserial", "-days", "398", "-sha256",
            "-extfile", str(extensions), "-out", str(folder / "server.crt"))
    for leftover in ("server.csr", "server.ext", "ca.srl"):
        (folder / leftover).unlink(missing_ok=True)
    os.chmod(folder / "ca.key", 0o600)
    # the proxy's user reads the key through the bind mount; the folder keeps others out on this host
    os.chmod(folder / "server.key", 0o644)
    print("created  tls/ca.crt, tls/server.crt, tls/server.key (self-signed lab CA: tls/ca.key, keep it safe or "
          "delete it)")
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--self-signed", action="store_true", help="make a lab CA and certificate in tls/")
    parser.add_argument("--keep-demo-users", action="store_true", help="keep the demo users and ixbi-cli")
    args = parser.parse_args()
    env_file = HERE / ".env"
    if not env_file.exists():
        sys.exit(f"{env_file} is missing: cp {HERE / '.env.example'} {env_file} and fill it in")
    env = read_env(env_file)
    hosts = [env.get(k, "") for k in ("IXBI_PUBLIC_HOST", "IXBI_IDENTITY_HOST", "IXBI_BRIDGE_HOST")]
    if not all(hosts):
        sys.exit(f"{env_file} must set IXBI_PUBLIC_HOST, IXBI_IDENTITY_HOST and IXBI_BRIDGE_HOST")
    make_secrets(HERE / "secrets")
    make_realm(HERE / "secrets", hosts[0], args.keep_demo_users)
    if not make_tls(HERE / "tls", hosts, args.self_signed):
        sys.exit(1)
    print("ready: docker compose -f deploy/compose/compose.yaml up -d")


if __name__ == "__main__":
    main()
