# One JDK picker for ./mvnw, ./lambda-ledger, .ci/run and bench/ (sourced, not run; POSIX sh).
# The project needs Java 21 or newer, and many machines default to an older java: pick_jdk prints
# the first JDK 21+ among $JAVA_HOME, the usual Linux paths and macOS's java_home.

pick_jdk() {
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
      /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/* \
      "$( [ -x /usr/libexec/java_home ] && /usr/libexec/java_home -v 21+ 2>/dev/null )"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
      | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# Exports JAVA_HOME and PATH for a JDK 21+, or stops with one line saying what to set.
use_jdk() {
  if ! JAVA_HOME=$(pick_jdk); then
    echo "$(basename "$0"): needs a JDK 21 or newer; install one and set JAVA_HOME to it" \
      "(the java on PATH is: $(java -version 2>&1 | head -1 || echo none))" >&2
    exit 1
  fi
  export JAVA_HOME
  PATH="$JAVA_HOME/bin:$PATH"
  export PATH
}
