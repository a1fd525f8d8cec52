# Sourced by .ci/run and bench/run: picks the newest JDK 21+ on the machine (the default java may be older).
java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }
pick_jdk() {
  local best="" best_major=0 candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /usr/local/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate best_major=$major
    fi
  done
  [ -n "$best" ] || { echo "no JDK 21+ found under /usr/lib/jvm" >&2; exit 1; }
  echo "$best"
}
JAVA_HOME=$(pick_jdk)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
