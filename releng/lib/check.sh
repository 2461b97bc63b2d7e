# Compiles releng/tools/SystemCheck.java (sourced, not run) and defines check ARGS..., which runs
# one of its assertions over what the real ./scope wrote. Needs $work (a scratch folder) and
# JAVA_HOME (releng/lib/java.sh) set; the media and API bundles must be built.

# the bundle's own jar: <symbolic name>-<version>.jar (not Tycho's -test-<uuid>.jar beside it)
jar_of() { ls "$1"/target/*.jar 2>/dev/null | grep -E "/$(basename "$1")-[0-9][0-9.]*(-SNAPSHOT)?\.jar$" | head -1; }

check_classpath() {
    local m2 a cp
    m2=${MAVEN_REPO:-$HOME/.m2/repository}/com/fasterxml/jackson/core
    cp="$(jar_of bundles/dev.scope.media):$(jar_of bundles/dev.scope.pipeline.api):$(jar_of bundles/dev.scope.frames)"
    for a in databind core annotations; do
        cp="$cp:$(ls "$m2"/jackson-$a/2.20*/jackson-$a-2.20*.jar | grep -v sources | tail -1)"
    done
    printf '%s\n' "$cp"
}

CHECK_CP=$(check_classpath)
if ! "$JAVA_HOME/bin/javac" -d "$work/check" -cp "$CHECK_CP" releng/tools/SystemCheck.java; then
    echo "releng/tools/SystemCheck.java does not compile" >&2
    return 1
fi
check() { "$JAVA_HOME/bin/java" -cp "$work/check:$CHECK_CP" SystemCheck "$@"; }
