# Finds a Java >= 21 for ./scope, ./mvnw and releng/* (sourced, not run). POSIX sh, so that
# Apache's sh wrapper ./mvnw shares it with the bash scripts; its own variables start with _scope_.
#
#   scope_find_java [NAME]  sets and exports JAVA_HOME, sets SCOPE_JAVA (its bin/java) and returns
#                    0, or prints one line to stderr, "NAME: ..." (default scope), saying which
#                    Java it found where, where it looked and what to install, and returns 1.
#
# Order: $JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm (or
# $SCOPE_JVM_DIR), else the java on PATH. Versions are read from the JDK's `release` file, which
# costs no JVM start.

SCOPE_MIN_JAVA=21
SCOPE_JVM_DIR=${SCOPE_JVM_DIR:-/usr/lib/jvm}

# Prints the feature version (17, 21, 25, ...) of the Java home $1, or nothing.
scope_java_major() {
	[ -x "$1/bin/java" ] || return 0
	_scope_version=""
	if [ -f "$1/release" ]; then
		_scope_version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release")
	fi
	if [ -z "$_scope_version" ]; then
		_scope_version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
			sed -n 's/^ *java\.specification\.version = //p')
	fi
	_scope_version=${_scope_version#1.}           # 1.8 -> 8
	printf '%s\n' "${_scope_version%%[!0-9]*}"
}

# _scope_consider HOME: makes HOME the best so far when it is new enough and newer than the best,
# else remembers it as a too-old Java for the message.
_scope_consider() {
	_scope_major=$(scope_java_major "$1")
	case $_scope_major in '' | *[!0-9]*) return 0 ;; esac
	if [ "$_scope_major" -ge "$SCOPE_MIN_JAVA" ]; then
		if [ "$_scope_major" -gt "$_scope_best_major" ]; then
			_scope_best=$1
			_scope_best_major=$_scope_major
		fi
	elif [ "$_scope_major" -gt "$_scope_old_major" ]; then
		_scope_old="only Java $_scope_major at $1"
		_scope_old_major=$_scope_major
	fi
}

scope_find_java() {
	_scope_best="" _scope_best_major=0 _scope_old="" _scope_old_major=0
	if [ -n "${JAVA_HOME:-}" ]; then
		_scope_consider "$JAVA_HOME"
	fi
	if [ -z "$_scope_best" ]; then
		# the glob needs globbing, which ./mvnw switches off (set -f)
		case $- in *f*) _scope_noglob=1 ;; *) _scope_noglob="" ;; esac
		set +f
		for _scope_candidate in "$SCOPE_JVM_DIR"/*/; do
			_scope_candidate=${_scope_candidate%/}
			[ -L "$_scope_candidate" ] && continue   # Debian's short-name links repeat real dirs
			_scope_consider "$_scope_candidate"
		done
		[ -n "$_scope_noglob" ] && set -f
	fi
	if [ -z "$_scope_best" ] && command -v java >/dev/null 2>&1; then
		_scope_consider "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
	fi
	if [ -z "$_scope_best" ]; then
		printf '%s: needs a JDK %s or newer; found %s (looked in JAVA_HOME, %s and PATH): install one, e.g. %s, or set JAVA_HOME to it\n' \
			"${1:-scope}" "$SCOPE_MIN_JAVA" "${_scope_old:-no Java}" "$SCOPE_JVM_DIR" \
			"'apt-get install openjdk-21-jdk' or Eclipse Temurin 21+ (https://adoptium.net)" >&2
		return 1
	fi
	JAVA_HOME=$_scope_best
	export JAVA_HOME
	# shellcheck disable=SC2034 # for the scripts that source this
	SCOPE_JAVA=$_scope_best/bin/java
}

# Maven 3.9's Guice calls sun.misc.Unsafe, which JDK 24+ warns about on stderr at every build.
# The switch that silences it does not exist before JDK 23, so it cannot go in .mvn/jvm.config.
# Adds it once, however often scripts that call each other (./scope, ./mvnw) ask.
scope_maven_opts() {
	_scope_major=$(scope_java_major "$JAVA_HOME")
	case $_scope_major in '' | *[!0-9]*) return 0 ;; esac
	case " ${MAVEN_OPTS:-} " in *" --sun-misc-unsafe-memory-access=allow "*) return 0 ;; esac
	if [ "$_scope_major" -ge 23 ]; then
		MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
		export MAVEN_OPTS
	fi
}
