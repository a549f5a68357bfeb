#!/usr/bin/env bash
# The secrets docker-compose.yml mounts, generated once into ./secrets (never committed; .gitignore lists it):
# database passwords, the payload encryption keys (ID:BASE64, active first) and the JWT key pair (the identity
# provider keeps jwt_private_key.pem; the API gets the public half only). Existing files are kept, so running it
# again never rotates a key by accident. Needs openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077
mkdir -p secrets
cd secrets

new() { [ -e "$1" ] && { echo "kept    secrets/$1"; return 1; }; echo "created secrets/$1"; }

for name in postgres_password temporal_db_password zhifa_app_password; do
  if new "$name"; then openssl rand -hex 24 > "$name"; fi
done
if new payload_keys; then echo "$(date +%Y-%m):$(openssl rand -base64 32)" > payload_keys; fi
if new jwt_private_key.pem; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out jwt_private_key.pem 2>/dev/null
  openssl pkey -in jwt_private_key.pem -pubout -out jwt_public_key.pem
fi
# Compose mounts the files as they are; the containers' user (uid 10001) must be able to read them, while the
# directory itself stays private to this account.
chmod 0700 .
chmod 0644 postgres_password temporal_db_password zhifa_app_password payload_keys jwt_public_key.pem
