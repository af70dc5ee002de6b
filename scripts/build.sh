#!/usr/bin/env bash
# Builds target/docker-debug (launcher, jars, bundled runtime) with JDK 25, skipping tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${DOCKER_DEBUG_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
exec mvn -B -ntp -q package -DskipTests "$@"
