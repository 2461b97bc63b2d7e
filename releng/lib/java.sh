# Finds a Java >= 21 for ./scope and releng/* (sourced, not run).
#
#   scope_find_java  sets JAVA_HOME and SCOPE_JAVA (its bin/java) and returns 0, or
#                    prints one line to stderr saying what to install and returns 1.
#
# Order: $JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm (or
# $SCOPE_JVM_DIR), else the java on PATH. Versions are read from the JDK's `release` file, which costs no JVM start.

SCOPE_MIN_JAVA=21
SCOPE_JVM_DIR=${SCOPE_JVM_DIR:-/usr/lib/jvm}

# Prints the feature version (17, 21, 25, ...) of the Java home $1, or nothing.
scope_java_major() {
	local home=$1 version=""
	[[ -x $home/bin/java ]] || return 0
	if [[ -f $home/release ]]; then
		version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
	fi
	if [[ -z $version ]]; then
		version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
			sed -n 's/^ *java\.specification\.version = //p')
	fi
	version=${version#1.}           # 1.8 -> 8
	printf '%s\n' "${version%%[!0-9]*}"
}

scope_find_java() {
	local candidate major best="" best_major=0
	if [[ -n ${JAVA_HOME:-} ]]; then
		major=$(scope_java_major "$JAVA_HOME")
		if [[ -n $major ]] && ((major >= SCOPE_MIN_JAVA)); then
			best=$JAVA_HOME
			best_major=$major
		fi
	fi
	if [[ -z $best ]]; then
		for candidate in "$SCOPE_JVM_DIR"/*/; do
			candidate=${candidate%/}
			[[ -L $candidate ]] && continue   # Debian's short-name links repeat real dirs
			major=$(scope_java_major "$candidate")
			if [[ -n $major ]] && ((major >= SCOPE_MIN_JAVA && major > best_major)); then
				best=$candidate
				best_major=$major
			fi
		done
	fi
	if [[ -z $best ]] && command -v java >/dev/null 2>&1; then
		candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
		major=$(scope_java_major "$candidate")
		if [[ -n $major ]] && ((major >= SCOPE_MIN_JAVA)); then
			best=$candidate
		fi
	fi
	if [[ -z $best ]]; then
		echo "scope: needs a JDK ${SCOPE_MIN_JAVA}+ (none in JAVA_HOME, $SCOPE_JVM_DIR or PATH): install one, e.g. 'apt-get install openjdk-21-jdk' or Eclipse Temurin 21+ (https://adoptium.net), or set JAVA_HOME to it" >&2
		return 1
	fi
	export JAVA_HOME=$best
	SCOPE_JAVA=$best/bin/java
}

# Maven 3.9's Guice calls sun.misc.Unsafe, which JDK 24+ warns about on stderr at every build.
# The switch that silences it does not exist before JDK 23, so it cannot go in .mvn/jvm.config.
scope_maven_opts() {
	local major
	major=$(scope_java_major "$JAVA_HOME")
	if [[ -n $major ]] && ((major >= 23)); then
		export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
	fi
}
