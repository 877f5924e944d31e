#!/usr/bin/env bash
# Regenerates Mailseal's named test identities (S/MIME certificates and OpenPGP keys) into this script's directory.
#
# Needs: openssl 3.x, gpg 2.2+, keytool (JDK 17) and a bcprov jar (BCPROV_JAR, or the newest under ~/.m2).
# Every run makes NEW key material: fingerprints change, names, serials, dates and properties keys stay the same.
# Everything is built in a temporary directory and copied here only when all steps succeeded.
# See README.md next to this script for what each identity is for.
set -euo pipefail

OUT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mailseal-identities-XXXXXX")
export GNUPGHOME="$WORK/gnupg"   # keys are generated here
RINGHOME="$WORK/ringhome"        # only used to build pgp-pubring.kbx and pgp-keyring.gpg
STAGE="$WORK/out"
mkdir -m 700 "$GNUPGHOME" "$RINGHOME"
mkdir "$STAGE" "$WORK/ca" "$WORK/ca/newcerts"

cleanup() {
  gpgconf --homedir "$GNUPGHOME" --kill all >/dev/null 2>&1 || true
  gpgconf --homedir "$RINGHOME" --kill all >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { printf '[identities] %s\n' "$*" >&2; }

# Runs a command with its chatter (keytool's "Certificate was added", gpg's faked-time warnings, openssl ca's
# progress) captured; shows it only if the command fails.
quiet() {
  if ! "$@" 2> "$WORK/stderr"; then
    echo "FAILED: $*" >&2; cat "$WORK/stderr" >&2; return 1
  fi
}

# ======================================================================================================================
# S/MIME: a private CA and end-entity certificates issued with `openssl ca` (exact -startdate/-enddate)
# ======================================================================================================================
CONF="$WORK/ca/openssl.cnf"
: > "$WORK/ca/index.txt"
cat > "$CONF" <<EOF
[ ca ]
default_ca = testca

[ testca ]
dir            = $WORK/ca
database       = \$dir/index.txt
serial         = \$dir/serial
new_certs_dir  = \$dir/newcerts
default_md     = sha256
policy         = policy_any
unique_subject = no
copy_extensions = none
email_in_dn    = yes
preserve       = yes

[ policy_any ]
organizationName = optional
commonName       = supplied
emailAddress     = optional

[ req ]
distinguished_name = req_dn
prompt             = no
[ req_dn ]
CN = unused

[ ext_ca ]
basicConstraints     = critical,CA:TRUE
keyUsage             = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash

[ ext_rsa ]
basicConstraints       = critical,CA:FALSE
keyUsage               = critical,digitalSignature,keyEncipherment
extendedKeyUsage       = emailProtection
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
subjectAltName         = email:\${ENV::MAILSEAL_SAN}

[ ext_ec ]
basicConstraints       = critical,CA:FALSE
keyUsage               = critical,digitalSignature,keyAgreement
extendedKeyUsage       = emailProtection
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
subjectAltName         = email:\${ENV::MAILSEAL_SAN}

[ ext_server_eku ]
basicConstraints       = critical,CA:FALSE
keyUsage               = critical,digitalSignature,keyEncipherment
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
subjectAltName         = email:\${ENV::MAILSEAL_SAN}

[ ext_sign_only ]
basicConstraints       = critical,CA:FALSE
keyUsage               = critical,digitalSignature
extendedKeyUsage       = emailProtection
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
subjectAltName         = email:\${ENV::MAILSEAL_SAN}

[ ext_no_san ]
basicConstraints       = critical,CA:FALSE
keyUsage               = critical,digitalSignature,keyEncipherment
extendedKeyUsage       = emailProtection
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid

[ ext_ca_as_person ]
basicConstraints       = critical,CA:TRUE,pathlen:0
keyUsage               = critical,digitalSignature,keyEncipherment,keyCertSign,cRLSign
extendedKeyUsage       = emailProtection
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
subjectAltName         = email:\${ENV::MAILSEAL_SAN}
EOF
export MAILSEAL_SAN=unused@example.com   # every config section is parsed, so the variable must always exist

newkey() { # file spec: rsa:BITS or ec:P-256; unencrypted PKCS#8 PEM
  case "$2" in
    rsa:*) openssl genpkey -quiet -algorithm RSA -pkeyopt "rsa_keygen_bits:${2#rsa:}" -out "$1" ;;
    ec:*)  openssl genpkey -quiet -algorithm EC -pkeyopt "ec_paramgen_curve:${2#ec:}" \
             -pkeyopt ec_param_enc:named_curve -out "$1" ;;
  esac
}

serial_of() { # certificate serial as hex, lowercase, no leading zeros (BigInteger.toString(16))
  openssl x509 -in "$1" -noout -serial | sed 's/^serial=//; s/^0*//' | tr 'A-F' 'a-f'
}

# CA: self-signed through `openssl ca -selfsign`, because `openssl req -x509` in 3.0 cannot set a start date.
# 2019-01-01..2039-01-01 (20 years) so that it also covers dave-expired's 2020 validity.
CA_SERIAL=1000
newkey "$WORK/ca/ca.key" rsa:3072
openssl req -new -config "$CONF" -key "$WORK/ca/ca.key" -subj "/O=Mailseal Test/CN=Mailseal Test CA" \
  -out "$WORK/ca/ca.csr"
echo "$CA_SERIAL" > "$WORK/ca/serial"
quiet openssl ca -batch -notext -config "$CONF" -selfsign -keyfile "$WORK/ca/ca.key" -in "$WORK/ca/ca.csr" \
  -extensions ext_ca -startdate 190101000000Z -enddate 390101000000Z -out "$STAGE/ca.crt"
openssl x509 -in "$STAGE/ca.crt" -outform DER -out "$STAGE/ca.der"
log "S/MIME ca: Mailseal Test CA, serial $CA_SERIAL"

# name, serial, key, address (SAN), extension section, validity (YYMMDD, 00:00:00 UTC), subject under O=Mailseal Test
SMIME=(
  "alice           1001 rsa:2048 alice@example.com ext_rsa          250101 350101 CN=Alice Test"
  "alice-old       1002 rsa:2048 alice@example.com ext_rsa          240101 340101 CN=Alice Test"
  "carol           1003 ec:P-256 carol@example.com ext_ec           250101 350101 CN=Carol Test"
  "dave-expired    1004 rsa:2048 dave@example.com  ext_rsa          200101 210101 CN=Dave Test"
  "frank-wrong-eku 1005 rsa:2048 frank@example.com ext_server_eku   250101 350101 CN=Frank Test"
  "grace-sign-only 1006 rsa:2048 grace@example.com ext_sign_only    250101 350101 CN=Grace Test"
  "heidi-legacy-dn 1007 rsa:2048 heidi@example.com ext_no_san       250101 350101 CN=Heidi Test/emailAddress=heidi@example.com"
  "ivan-weak       1008 rsa:1024 ivan@example.com  ext_rsa          250101 350101 CN=Ivan Test"
  "judy-ca         1009 rsa:2048 judy@example.com  ext_ca_as_person 250101 350101 CN=Judy Test"
)
SMIME_NAMES=()
declare -A ADDRESS SERIAL

for line in "${SMIME[@]}"; do
  read -r name serial keyspec address ext start end subject <<< "$line"
  newkey "$STAGE/$name.key" "$keyspec"
  openssl req -new -config "$CONF" -key "$STAGE/$name.key" -subj "/O=Mailseal Test/$subject" -out "$WORK/ca/$name.csr"
  echo "$serial" > "$WORK/ca/serial"
  MAILSEAL_SAN="$address" quiet openssl ca -batch -notext -config "$CONF" -cert "$STAGE/ca.crt" \
    -keyfile "$WORK/ca/ca.key" -in "$WORK/ca/$name.csr" -extensions "$ext" \
    -startdate "${start}000000Z" -enddate "${end}000000Z" -out "$STAGE/$name.crt"
  openssl x509 -in "$STAGE/$name.crt" -outform DER -out "$STAGE/$name.der"
  SMIME_NAMES+=("$name")
  ADDRESS[$name]=$address
  SERIAL[$name]=$(serial_of "$STAGE/$name.crt")
  log "S/MIME $name: $keyspec, $address, $start..$end, $ext, serial ${SERIAL[$name]}"
done

# alice and carol: PKCS#12 (gpgsm 2.2 reads only the legacy 3DES/SHA-1 PBEs), alice: chain files
for name in alice carol; do
  openssl pkcs12 -export -inkey "$STAGE/$name.key" -in "$STAGE/$name.crt" -certfile "$STAGE/ca.crt" -name "$name" \
    -passout pass:test -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -out "$STAGE/$name.p12"
done
# signing uploads that must be refused: an expired certificate, a certificate not for e-mail, two private keys
for name in dave-expired frank-wrong-eku; do
  openssl pkcs12 -export -inkey "$STAGE/$name.key" -in "$STAGE/$name.crt" -certfile "$STAGE/ca.crt" -name "$name" \
    -passout pass:test -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -out "$STAGE/$name.p12"
done
for name in alice carol; do   # keytool wants a store password of at least 6 characters
  quiet keytool -importkeystore -noprompt -srckeystore "$STAGE/$name.p12" -srcstoretype PKCS12 -srcstorepass test \
    -destkeystore "$WORK/alice-and-carol.p12" -deststoretype PKCS12 -deststorepass testtest
done
cp "$WORK/alice-and-carol.p12" "$STAGE/alice-and-carol.p12"
cat "$STAGE/alice.crt" "$STAGE/ca.crt" > "$STAGE/alice-chain.pem"
openssl crl2pkcs7 -nocrl -certfile "$STAGE/alice.crt" -certfile "$STAGE/ca.crt" -outform DER -out "$STAGE/alice.p7b"

# S/MIME key stores: every end-entity certificate plus the CA
P7_ARGS=()
for name in "${SMIME_NAMES[@]}"; do P7_ARGS+=(-certfile "$STAGE/$name.crt"); done
P7_ARGS+=(-certfile "$STAGE/ca.crt")
openssl crl2pkcs7 -nocrl "${P7_ARGS[@]}" -outform DER -out "$STAGE/smime-keystore.p7b"
openssl crl2pkcs7 -nocrl "${P7_ARGS[@]}" -outform PEM -out "$STAGE/smime-keystore-pem.p7b"

BCPROV_JAR=${BCPROV_JAR:-$(find "$HOME/.m2/repository/org/bouncycastle/bcprov-jdk18on" -name 'bcprov-jdk18on-1.*.jar' \
  2>/dev/null | sort -V | tail -n 1)}
[[ -f "$BCPROV_JAR" ]] || { echo "no bcprov jar: set BCPROV_JAR" >&2; exit 1; }
for name in ca "${SMIME_NAMES[@]}"; do
  quiet keytool -importcert -noprompt -alias "$name" -file "$STAGE/$name.crt" -keystore "$STAGE/smime-keystore.bks" \
    -storetype BKS -storepass changeit -providerclass org.bouncycastle.jce.provider.BouncyCastleProvider \
    -providerpath "$BCPROV_JAR"
done
log "S/MIME key stores: smime-keystore.p7b (DER), smime-keystore-pem.p7b," \
  "smime-keystore.bks (written with $(basename "$BCPROV_JAR"))"

# ======================================================================================================================
# OpenPGP (gpg 2.2): --faked-system-time where creation dates must lie in the past or differ
# ======================================================================================================================
G=(gpg --batch --quiet --no-tty --pinentry-mode loopback --passphrase '')
declare -A PRIMARY SUBKEYS

primary_of() { # user id -> fingerprint of the (only) key with exactly that user id
  "${G[@]}" --with-colons --list-keys "=$1" | awk -F: '$1=="fpr"{print $10; exit}'
}

record() { # name address fpr: primary and encryption-capable subkey fingerprints (in key order = creation order)
  local name=$1 fpr=$3
  ADDRESS[$name]=$2
  PRIMARY[$name]=$fpr
  SUBKEYS[$name]=$("${G[@]}" --with-colons --with-subkey-fingerprint --list-keys "$fpr" \
    | awk -F: '$1=="sub"{enc = ($12 ~ /e/)} $1=="pub"{enc=0} $1=="fpr" && enc {printf "%s%s", sep, $10; sep=","}')
}

# Every key is created at a fixed past date, so tests can use fixed clocks (2025-06-01 or later) whenever the
# files are regenerated.
# alice: Ed25519 primary + Cv25519 subkey (her own key to upload on the profile page; her S/MIME certificate is above)
quiet "${G[@]}" --faked-system-time 20250101T000000 --quick-gen-key 'Alice Test <alice@example.com>' \
  future-default default never
record alice alice@example.com "$(primary_of 'Alice Test <alice@example.com>')"

# bob: RSA 3072 primary (sign, certify) + RSA 3072 encryption subkey, no expiry
quiet "${G[@]}" --faked-system-time 20250101T000000 --quick-gen-key 'Bob Test <bob@example.com>' rsa3072 cert,sign never
fpr=$(primary_of 'Bob Test <bob@example.com>')
quiet "${G[@]}" --faked-system-time 20250101T000010 --quick-add-key "$fpr" rsa3072 encr never
record bob bob@example.com "$fpr"

# carol: Ed25519 primary + Cv25519 subkey
quiet "${G[@]}" --faked-system-time 20250101T000000 --quick-gen-key 'Carol Test <carol@example.com>' \
  future-default default never
record carol carol@example.com "$(primary_of 'Carol Test <carol@example.com>')"

# dave-expired: created 2020-01-01 with 1y expiry on primary and subkey
quiet "${G[@]}" --faked-system-time 20200101T000000 --quick-gen-key 'Dave Test <dave@example.com>' rsa2048 cert,sign 1y
fpr=$(primary_of 'Dave Test <dave@example.com>')
quiet "${G[@]}" --faked-system-time 20200101T000010 --quick-add-key "$fpr" rsa2048 encr 1y
record dave-expired dave@example.com "$fpr"

# erin-revoked: a complete key, then its own revocation certificate imported (gpg 2.2 writes it to
# openpgp-revocs.d/ with a ':' before the armor line so that it cannot be imported by accident)
quiet "${G[@]}" --faked-system-time 20250101T000000 --quick-gen-key 'Erin Test <erin@example.com>' \
  future-default default never
fpr=$(primary_of 'Erin Test <erin@example.com>')
sed 's/^:-----BEGIN PGP PUBLIC KEY BLOCK-----/-----BEGIN PGP PUBLIC KEY BLOCK-----/' \
  "$GNUPGHOME/openpgp-revocs.d/$fpr.rev" > "$STAGE/erin-revoked.rev"
quiet "${G[@]}" --import "$STAGE/erin-revoked.rev"
record erin-revoked erin@example.com "$fpr"

# mallory-uid-revoked: two user ids, the first one revoked. Created in the past so that the revocation is clearly
# newer than the user id's self-signature (made in the same second, a tie is up to the reader).
quiet "${G[@]}" --faked-system-time 20240101T000000 --quick-gen-key 'Mallory <mallory@example.com>' \
  future-default default never
fpr=$(primary_of 'Mallory <mallory@example.com>')
quiet "${G[@]}" --faked-system-time 20240101T000010 --quick-add-uid "$fpr" 'Mallory Other <mallory@other.example>'
quiet "${G[@]}" --faked-system-time 20240601T000000 --quick-revoke-uid "$fpr" 'Mallory <mallory@example.com>'
record mallory-uid-revoked mallory@example.com "$fpr"

# oscar-sign-only: an explicit algorithm gives a primary key only, flags sign+certify, no encryption subkey
quiet "${G[@]}" --faked-system-time 20250101T000000 --quick-gen-key 'Oscar Test <oscar@example.com>' \
  rsa2048 cert,sign never
record oscar-sign-only oscar@example.com "$(primary_of 'Oscar Test <oscar@example.com>')"

# peggy-two-subkeys: Ed25519 primary and a Cv25519 subkey created 2024-01-01, a second Cv25519 subkey 2025-01-01
quiet "${G[@]}" --faked-system-time 20240101T000000 --quick-gen-key 'Peggy Test <peggy@example.com>' \
  ed25519 cert,sign never
fpr=$(primary_of 'Peggy Test <peggy@example.com>')
quiet "${G[@]}" --faked-system-time 20240101T000010 --quick-add-key "$fpr" cv25519 encr never
quiet "${G[@]}" --faked-system-time 20250101T000000 --quick-add-key "$fpr" cv25519 encr never
record peggy-two-subkeys peggy@example.com "$fpr"

PGP_NAMES=(alice bob carol dave-expired erin-revoked mallory-uid-revoked oscar-sign-only peggy-two-subkeys)
for name in "${PGP_NAMES[@]}"; do
  "${G[@]}" --export "${PRIMARY[$name]}" > "$STAGE/$name.pgp"
  "${G[@]}" --armor --export "${PRIMARY[$name]}" > "$STAGE/$name.asc"
  "${G[@]}" --armor --export-secret-keys "${PRIMARY[$name]}" > "$STAGE/$name-secret.asc"
  log "PGP $name: ${PRIMARY[$name]} (encryption subkeys: ${SUBKEYS[$name]:-none})"
done

# bob-secret-protected.asc: bob's secret key under the passphrase "test" (a low S2K count keeps tests fast)
PROTECTHOME="$WORK/gnupg-protect"
mkdir -m 700 "$PROTECTHOME"
echo "s2k-count 65536" > "$PROTECTHOME/gpg-agent.conf"
quiet gpg --homedir "$PROTECTHOME" --batch --quiet --import "$STAGE/bob-secret.asc"
printf 'test\ntest\n' | quiet gpg --homedir "$PROTECTHOME" --batch --no-tty --pinentry-mode loopback --command-fd 0 \
  --passwd "${PRIMARY[bob]}"
gpg --homedir "$PROTECTHOME" --batch --quiet --pinentry-mode loopback --passphrase test --armor \
  --export-secret-keys "${PRIMARY[bob]}" > "$STAGE/bob-secret-protected.asc"
gpgconf --homedir "$PROTECTHOME" --kill all >/dev/null 2>&1 || true

# pgp-keyring.gpg: a legacy keyring (an empty file makes gpg write OpenPGP packets instead of a keybox)
: > "$WORK/pgp-keyring.gpg"
quiet gpg --homedir "$RINGHOME" --batch --quiet --no-default-keyring --keyring "$WORK/pgp-keyring.gpg" \
  --import "$STAGE/bob.pgp" "$STAGE/carol.pgp" "$STAGE/dave-expired.pgp" "$STAGE/erin-revoked.pgp"
cp "$WORK/pgp-keyring.gpg" "$STAGE/pgp-keyring.gpg"
cp "$WORK/pgp-keyring.gpg" "$STAGE/pgp-keyring.pkr"

# pgp-pubring.kbx: bob, oscar, carol, peggy imported in that order, then oscar deleted -> an empty blob after bob's
quiet gpg --homedir "$RINGHOME" --batch --quiet --import "$STAGE/bob.pgp"
quiet gpg --homedir "$RINGHOME" --batch --quiet --import "$STAGE/oscar-sign-only.pgp"
quiet gpg --homedir "$RINGHOME" --batch --quiet --import "$STAGE/carol.pgp" "$STAGE/peggy-two-subkeys.pgp"
quiet gpg --homedir "$RINGHOME" --batch --quiet --yes --delete-keys "${PRIMARY[oscar-sign-only]}"
cp "$RINGHOME/pubring.kbx" "$STAGE/pgp-pubring.kbx"

# pgp-concatenated.asc: armored public keys with text before, between and after them
{
  echo "Mailseal test: several armored OpenPGP public keys in one file, with text around them."
  echo
  echo "Bob's key:"
  cat "$STAGE/bob.asc"
  echo
  echo "Carol's key, pasted from a mail:"
  echo
  cat "$STAGE/carol.asc"
  echo "And Peggy's key (two encryption subkeys):"   # a text line starting with '-' breaks BC 1.86's reader
  cat "$STAGE/peggy-two-subkeys.asc"
  echo
  echo "End of the list."
} > "$STAGE/pgp-concatenated.asc"
log "PGP key stores: pgp-keyring.gpg (+ .pkr copy), pgp-pubring.kbx (oscar deleted), pgp-concatenated.asc"

# ======================================================================================================================
# identities.properties
# ======================================================================================================================
{
  echo "# Written by regenerate.sh; do not edit. Keys: <name>.address, <name>.smime.serial (hex, lowercase),"
  echo "# <name>.smime.sha256 (certificate SHA-256, hex, uppercase), <name>.pgp.fingerprint (primary key, 40 hex,"
  echo "# uppercase), <name>.pgp.encryptionSubkeys (comma-separated, oldest first, empty if none)."
  echo
  echo "ca.smime.serial=$(serial_of "$STAGE/ca.crt")"
  echo "ca.smime.sha256=$(openssl x509 -in "$STAGE/ca.crt" -noout -fingerprint -sha256 | sed 's/^.*=//; s/://g')"
  for name in $(printf '%s\n' "${SMIME_NAMES[@]}" "${PGP_NAMES[@]}" | sort -u); do
    echo
    echo "$name.address=${ADDRESS[$name]}"
    if [[ -f "$STAGE/$name.crt" ]]; then
      echo "$name.smime.serial=${SERIAL[$name]}"
      echo "$name.smime.sha256=$(openssl x509 -in "$STAGE/$name.crt" -noout -fingerprint -sha256 \
        | sed 's/^.*=//; s/://g')"
    fi
    if [[ -n "${PRIMARY[$name]:-}" ]]; then
      echo "$name.pgp.fingerprint=${PRIMARY[$name]}"
      echo "$name.pgp.encryptionSubkeys=${SUBKEYS[$name]}"
    fi
  done
  echo
  echo "mallory-uid-revoked.otherAddress=mallory@other.example"
  echo "peggy-two-subkeys.pgp.newestEncryptionSubkey=${SUBKEYS[peggy-two-subkeys]##*,}"
} > "$STAGE/identities.properties"

# ======================================================================================================================
cp "$STAGE"/* "$OUT"/
log "wrote $(ls "$STAGE" | wc -l) files to $OUT:"
(cd "$STAGE" && ls -1 | sed 's/^/  /') >&2
