# ./mvnw on a machine whose JAVA_HOME or PATH Java is older than 21: it finds a JDK 21+ itself, as
# ./scope does (releng/lib/java.sh), or stops at once with one line: the Java it found and where,
# that 21 or newer is needed, where it looked, what to install; exit 1.

# the newest Java home older than 21 under /usr/lib/jvm (or $SCOPE_JVM_DIR), or nothing
old_java=""
for home in "$SCOPE_JVM_DIR"/*/; do
    home=${home%/}
    [ -L "$home" ] && continue
    major=$(scope_java_major "$home")
    if [[ $major =~ ^[0-9]+$ ]] && ((major < SCOPE_MIN_JAVA)); then old_java=$home old_major=$major; fi
done

if [ -z "$old_java" ]; then
    echo "  skip the ./mvnw cases: no JDK older than $SCOPE_MIN_JAVA in $SCOPE_JVM_DIR to point JAVA_HOME at"
else
    # JAVA_HOME names the old JDK: the wrapper runs Maven on a 21+ one anyway
    JAVA_HOME=$old_java ./mvnw -v >"$work/out" 2>"$work/err"
    rc=$?
    runtime=$(sed -n 's/^Java version: \([0-9]*\).*runtime: \(.*\)$/\1 \2/p' "$work/out")
    if [ "$rc" -eq 0 ] && [ -n "$runtime" ] && ((${runtime%% *} >= SCOPE_MIN_JAVA)); then
        ok "./mvnw -v with JAVA_HOME=$old_java (Java $old_major) runs Maven on Java $runtime"
    else
        fail "./mvnw -v with JAVA_HOME=$old_java (exit $rc)" "stdout: $(cat "$work/out")"$'\n'"stderr: $(cat "$work/err")"
    fi

    # no JDK 21+ anywhere: JAVA_HOME and PATH name the old one, the JVM folder is empty
    mkdir -p "$work/no-jvms" "$work/old-java-bin"
    ln -sf "$old_java/bin/java" "$work/old-java-bin/java"
    SCOPE_JVM_DIR=$work/no-jvms JAVA_HOME=$old_java PATH=$work/old-java-bin:/usr/bin:/bin ./mvnw -v >"$work/out" 2>"$work/err"
    rc=$?
    want="mvnw: needs a JDK $SCOPE_MIN_JAVA or newer; found only Java $old_major at $old_java (looked in JAVA_HOME, $work/no-jvms and PATH): install one, e.g. 'apt-get install openjdk-21-jdk' or Eclipse Temurin 21+ (https://adoptium.net), or set JAVA_HOME to it"
    if [ "$rc" -eq 1 ] && [ ! -s "$work/out" ] && [ "$(cat "$work/err")" = "$want" ]; then
        ok "./mvnw -v without a JDK $SCOPE_MIN_JAVA+: exit 1: $(cat "$work/err")"
    else
        fail "./mvnw -v without a JDK $SCOPE_MIN_JAVA+ (exit $rc, expected 1 and one line)" \
            "stderr: $(cat "$work/err")"$'\n'"expected: $want"$'\n'"stdout: $(head -c 2000 "$work/out")"
    fi
fi
