#!/usr/bin/env bash
# Builds and runs the JMH benchmarks; each prints Mailseal's figure next to its peer (openssl, gpg or the JDK floor).
# Usage: bench/run.sh [JMH options, e.g. KeyLookup -prof gc]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl bench -am package -DskipTests
exec java -jar bench/target/mailseal-bench.jar "$@"
