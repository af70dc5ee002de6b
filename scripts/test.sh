#!/usr/bin/env bash
# The whole test suite: unit tests, then the launcher is built, then integration tests on the
# real engine (scripts/test-engine.sh provides it). Builds with JDK 25.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${DOCKER_DEBUG_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own guava warns about sun.misc.Unsafe on JDK 25.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
exec mvn -B -ntp verify "$@"
