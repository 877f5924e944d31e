#!/usr/bin/env bash
# Builds the Mailseal sandbox if needed and runs it: the real plugin jar in a Confluence-like host on
# http://127.0.0.1:8080/ (options: --port PORT, --data DIR, --bind ADDRESS). Stop it with Ctrl-C.
# Needs JDK 17+ and Maven 3.8+; npm (optional) vendors AUI for the Confluence look.
set -euo pipefail
cd "$(dirname "$0")"
jar=sandbox/target/mailseal-sandbox.jar
stale=0
if [ ! -f "$jar" ] || [ ! -f sandbox/target/plugin/mailseal-confluence.jar ]; then
  stale=1
elif [ -n "$(find host-api/src engine/src testkit/src plugin/src sandbox/src pom.xml */pom.xml -newer "$jar" -type f -print -quit)" ]; then
  stale=1
fi
if [ "$stale" = 1 ]; then
  echo "[sandbox] building (mvn -DskipTests -pl sandbox -am package) ..."
  mvn -B -ntp -q -DskipTests -pl sandbox -am package
fi
exec java -jar "$jar" "$@"
