# Plugin bundles that are not plugins (or built against the plugin API 1.x), names that are not
# installed, a damaged or missing cache, an install killed midway, a rebuilt JAR of the same version,
# an unusable state directory; URLs and Maven coordinates that are malformed, name nothing or do not
# match their checksum, a bad repositories.json, a requirement no repository index provides.
invert_jar=$(ls plugins-sdk/examples/invert/target/scope-example-invert-*.jar)
failing_jar=$(ls releng/fixtures/failing-plugin/target/scope-test-failing-*.jar)

bad "install: missing file" 2 "no such file: /nonexistent/plugin.jar \(expected a plugin bundle JAR\)" plugins install /nonexistent/plugin.jar
mkdir -p "$work/plugin-dir"
bad "install: a folder with no built JAR" 2 "plugin-dir is a folder with no built plugin JAR in target/ \(build the plugin first, e.g. mvn package; expected a plugin bundle JAR or a plugin project folder\)" plugins install "$work/plugin-dir"
: >"$work/empty.jar"
bad "install: an empty file" 2 "empty.jar is not a JAR file .*; expected a plugin bundle JAR" plugins install "$work/empty.jar"
echo "not a jar" >"$work/text.jar"
bad "install: not a JAR" 2 "text.jar is not a JAR file .*; expected a plugin bundle JAR" plugins install "$work/text.jar"
mkdir -p "$work/nomf/dev" && echo x >"$work/nomf/dev/A.class"
"$JAVA_HOME/bin/jar" --create --no-manifest --file "$work/no-manifest.jar" -C "$work/nomf" .
bad "install: no manifest" 2 "no-manifest.jar is not an OSGi bundle: it has no META-INF/MANIFEST.MF" plugins install "$work/no-manifest.jar"
"$JAVA_HOME/bin/jar" --create --file "$work/no-bsn.jar" -C "$work/nomf" .
bad "install: no Bundle-SymbolicName" 2 "no-bsn.jar is not an OSGi bundle: its manifest has no Bundle-SymbolicName" plugins install "$work/no-bsn.jar"
printf 'Bundle-ManifestVersion: 2\nBundle-SymbolicName: test.unresolvable\nBundle-Version: 1.0.0\nImport-Package: no.such.pkg\n' >"$work/unresolvable.mf"
"$JAVA_HOME/bin/jar" --create --manifest "$work/unresolvable.mf" --file "$work/unresolvable.jar" -C "$work/nomf" .
bad "install: unresolvable" 2 "^scope: plugin test\.unresolvable 1\.0\.0 needs package no\.such\.pkg, which the workbench does not provide, and no OSGi repository index is configured to look in \(\"indexes\" in .*/repositories\.json\)$" plugins install "$work/unresolvable.jar"
# built against the plugin API 1.x (bnd's import for 1.3): refused before anything is installed
printf 'Bundle-ManifestVersion: 2\nBundle-SymbolicName: test.api-one\nBundle-Version: 1.0.0\nImport-Package: dev.scope.pipeline.api;version="[1.3,2)"\n' >"$work/api-one.mf"
"$JAVA_HOME/bin/jar" --create --manifest "$work/api-one.mf" --file "$work/api-one.jar" -C "$work/nomf" .
bad "install: built against plugin API 1.x" 2 "^scope: plugin test\.api-one 1\.0\.0 needs the plugin API \[1\.3,2\) \(1\.x\); this workbench provides 2\.[0-9]+\.[0-9]+: rebuild it against dev\.scope:dev\.scope\.pipeline\.api:2\.[0-9]+\.[0-9]+$" plugins install "$work/api-one.jar"
bad "uninstall: unknown" 2 "no plugin named 'nope' is installed; installed: " plugins uninstall nope
bad "uninstall: built in" 2 "'dev.scope.engine' is built into the workbench and cannot be changed or uninstalled" plugins uninstall dev.scope.engine
bad "install: a bundle of the workbench" 2 "is a bundle of the workbench itself" plugins install "$(jar_of bundles/dev.scope.schema)"
SCOPE_HOME=/etc/passwd/x bad "unusable state directory" 1 "cannot use the state directory /etc/passwd/x: not a directory" plugins list

# A rebuilt JAR of the same version replaces the installed one (the plugin author's loop)
scope plugins install "$invert_jar"
cp "$invert_jar" "$work/rebuilt.jar" && mkdir -p "$work/rebuild" && echo rebuilt >"$work/rebuild/REBUILT" &&
    "$JAVA_HOME/bin/jar" --update --file "$work/rebuilt.jar" -C "$work/rebuild" REBUILT
want_sha=$(sha256sum "$work/rebuilt.jar" | cut -d' ' -f1)
scope plugins install "$work/rebuilt.jar"
if [ "$rc" -eq 0 ] && grep -q "installed scope-example-invert 1.0.0 (active)" "$work/out" &&
    ./scope plugins list --json 2>/dev/null | grep -q "\"sha256\": \"$want_sha\""; then
    ok "a rebuilt JAR of the same version replaces the installed one"
else
    fail "a rebuilt JAR of the same version (exit $rc)" "$(cat "$work/out" "$work/err")"
fi

# A damaged or missing cached JAR is put back from its source when the source still holds exactly
# what was installed; when the source is gone too, every command that lists pipelines names it,
# with what to do. The cache keeps earlier builds while the history names them: the installed one
# is the rebuilt JAR.
cached=
for f in "$SCOPE_HOME"/bundles/scope-example-invert-*.jar; do
    [ "$(sha256sum "$f" | cut -d' ' -f1)" = "$want_sha" ] && cached=$f
done
cp "$cached" "$work/cached.jar"
echo garbage >"$cached"
rm -rf "$XDG_CACHE_HOME/scope"   # a fresh framework must install it from the cache
json_clean "pipelines --json with a damaged cached JAR and its source intact" pipelines --json
if [ ! -s "$work/err" ] && grep -q '"invert"' "$work/out" &&
    [ "$(sha256sum "$cached" | cut -d' ' -f1)" = "$want_sha" ]; then
    ok "a damaged cached JAR is restored from its unchanged source, silently"
else fail "a damaged cached JAR is restored from its source" "$(cat "$work/err")"; fi
mv "$work/rebuilt.jar" "$work/rebuilt.jar.away"
echo garbage >"$cached"
rm -rf "$XDG_CACHE_HOME/scope"
for command in "pipelines --json" "schemas"; do
    json_clean "$command with a damaged cached JAR" $command
    if [ "$(wc -l <"$work/err")" -eq 1 ] && grep -qE "^scope: warning: plugin scope-example-invert 1.0.0 damaged: its cached JAR .* is damaged .*; install it again: scope plugins install " "$work/err"; then
        ok "$command names the damaged plugin and the fix: $(cat "$work/err")"
    else fail "$command names the damaged plugin" "$(cat "$work/err")"; fi
done
rm -f "$cached"
json_clean "pipelines --json with a missing cached JAR" pipelines --json
if grep -qE "^scope: warning: plugin scope-example-invert 1.0.0 missing: its cached JAR .* is missing; install it again" "$work/err" &&
    [ "$(wc -l <"$work/err")" -eq 1 ]; then
    ok "pipelines names the missing plugin and the fix"
else fail "pipelines names the missing plugin" "$(cat "$work/err")"; fi
cp "$work/cached.jar" "$cached"
mv "$work/rebuilt.jar.away" "$work/rebuilt.jar"

# An install killed midway (kill -9 while it copies a large JAR) leaves nothing behind after the next
# start, and the installed set is intact
mkdir -p "$work/big" && head -c 268435456 /dev/zero >"$work/big/payload.bin"
printf 'Bundle-ManifestVersion: 2\nBundle-SymbolicName: test.big\nBundle-Version: 1.0.0\n' >"$work/big.mf"
"$JAVA_HOME/bin/jar" --create --no-compress --manifest "$work/big.mf" --file "$work/big.jar" -C "$work/big" payload.bin
rm -rf "$work/big"
# killed_midway NAME DIR ARGS... : starts ./scope ARGS, kills it with -9 as soon as a DIR/.incoming-*
# file shows the copy under way, then checks that the next start removed it and kept the installed set
killed_midway() {
    local name=$1 dir=$2 pid
    shift 2
    ./scope "$@" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 600); do
        compgen -G "$dir/.incoming-*" >/dev/null && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    if compgen -G "$dir/.incoming-*" >/dev/null; then
        kill -9 "$pid"; wait "$pid" 2>/dev/null
        scope plugins list --json
        if [ "$rc" -eq 0 ] && ! compgen -G "$dir/.incoming-*" >/dev/null &&
            [ "$(ls "$SCOPE_HOME/bundles" | grep -c 'test.big')" -eq 0 ] && grep -q '"scope-example-invert"' "$work/out"; then
            ok "$name: its leftovers are removed at the next start, the installed set is intact"
        else fail "$name (exit $rc)" "$(ls -la "$dir"; cat "$work/err")"; fi
    else
        wait "$pid" 2>/dev/null
        fail "$name: the copy was never seen under way" "$(ls -la "$dir")"
    fi
}
killed_midway "an install killed midway" "$SCOPE_HOME/bundles" plugins install "$work/big.jar"
killed_midway "an install from a URL killed while downloading" "$SCOPE_HOME/downloads" plugins install "file://$work/big.jar"
rm -f "$work/big.jar"

# An unreadable state file is moved aside, never lost, and said once
echo "{ not json" >"$SCOPE_HOME/plugins.json"
json_clean "pipelines --json with an unreadable plugins.json" pipelines --json
if [ "$(wc -l <"$work/err")" -eq 1 ] && grep -qE "^scope: warning: .*plugins.json was unreadable \(invalid JSON at line 1, column [0-9]+: .*\); it was moved to .*plugins.json.unreadable-[0-9]+ and the installed set starts empty$" "$work/err" &&
    grep -q "{ not json" "$SCOPE_HOME"/plugins.json.unreadable-*; then
    ok "an unreadable plugins.json is moved aside and said once: $(cat "$work/err")"
else fail "an unreadable plugins.json" "$(cat "$work/err")"; fi

# URLs and Maven coordinates: malformed ones are bad input (2), a refused connection is a failure (1);
# nothing is left in downloads/. A Maven repository and an OSGi index on file: URLs, made here.
bad "install: unsupported URL scheme" 2 "^scope: unsupported URL scheme 'ftp' in ftp://example\.org/p\.jar; expected a file:, http: or https: URL$" plugins install ftp://example.org/p.jar
bad "install: malformed URL" 2 "^scope: 'http://exa mple\.org/p\.jar' is not a valid URL: .*; expected e\.g\. https://" plugins install "http://exa mple.org/p.jar"
bad "install: http URL without host" 2 "^scope: 'https:///p\.jar' names no host; expected https://HOST\[:PORT\]/PATH$" plugins install https:///p.jar
bad "install: file URL, no such file" 2 "^scope: nothing at file:///nonexistent/plugin\.jar \(no such file\); check the URL$" plugins install file:///nonexistent/plugin.jar
bad "install: a coordinate with an empty part" 2 "^scope: 'org\.example::1\.0' is not a Maven coordinate: its artifact is empty; expected group:artifact or group:artifact:version" plugins install org.example::1.0
bad "install: a coordinate of four parts" 2 "^scope: 'a:b:c:d' is not a Maven coordinate: it has 4 parts; expected group:artifact" plugins install a:b:c:d
bad "install: a coordinate with a bad character" 2 "^scope: 'org\.example:my\*plugin:1' is not a Maven coordinate: its artifact 'my\*plugin' holds a character" plugins install 'org.example:my*plugin:1'
bad "install: connection refused" 1 "^scope: cannot download http://127\.0\.0\.1:1/p\.jar: the connection to 127\.0\.0\.1:1 was refused \(is the server running\?\)$" plugins install http://127.0.0.1:1/p.jar
bad "install: a file URL that is not a JAR" 2 "^scope: file://$work/text\.jar is not a JAR file .*; expected a plugin bundle JAR$" plugins install "file://$work/text.jar"
if [ -z "$(ls -A "$SCOPE_HOME/downloads" 2>/dev/null)" ]; then ok "no download is left in downloads/ after the refusals"
else fail "downloads/ after the refusals" "$(ls -la "$SCOPE_HOME/downloads")"; fi

echo '{"index": ["file:///x"]}' >"$SCOPE_HOME/repositories.json"
bad "install: a bad repositories.json" 2 "^scope: .*/repositories\.json is not usable: unknown key \"index\" \(known: indexes, maven, max_download_mb, truststore, truststore_password\); see README\.md, \"Plugin repositories\"$" plugins install org.example:x:1
repo=$work/m2 folder=$work/m2/org/example/scope-example-invert
mkdir -p "$folder/1.0.0"
cp "$invert_jar" "$folder/1.0.0/scope-example-invert-1.0.0.jar"
echo 0123456789012345678901234567890123456789 >"$folder/1.0.0/scope-example-invert-1.0.0.jar.sha1"
printf '<metadata><versioning><release>1.0.0</release><versions><version>1.0.0</version></versions></versioning></metadata>\n' >"$folder/maven-metadata.xml"
printf '{"maven": ["%s"], "indexes": ["file://%s/index.xml"]}\n' "$repo" "$work" >"$SCOPE_HOME/repositories.json"
printf '<repository xmlns="http://www.osgi.org/xmlns/repository/v1.0.0" name="empty"></repository>\n' >"$work/index.xml"
bad "install: a coordinate no repository has" 2 "^scope: org\.example:nope:1\.0 is not in the Maven repository file://$repo/ \(no nope-1\.0\.jar\); check the coordinate$" plugins install org.example:nope:1.0
bad "install: a checksum mismatch" 2 "^scope: org\.example:scope-example-invert:1\.0\.0 from file:.*scope-example-invert-1\.0\.0\.jar does not match its checksum: SHA-1 [0-9a-f]{40}, but scope-example-invert-1\.0\.0\.jar\.sha1 says 0123456789012345678901234567890123456789; refused \(the download is damaged or was tampered with\)$" plugins install org.example:scope-example-invert
bad "install: a requirement no index provides" 2 "^scope: plugin test\.unresolvable 1\.0\.0 needs package no\.such\.pkg which neither the workbench nor the configured repositories provide$" plugins install "$work/unresolvable.jar"
sha1sum "$folder/1.0.0/scope-example-invert-1.0.0.jar" | cut -d' ' -f1 >"$folder/1.0.0/scope-example-invert-1.0.0.jar.sha1"
scope plugins install org.example:scope-example-invert
if [ "$rc" -eq 0 ] && grep -q "installed scope-example-invert 1.0.0 (active), pipelines: invert" "$work/out" &&
    ./scope plugins list --json 2>/dev/null | grep -q '"source": "org.example:scope-example-invert:1.0.0"'; then
    ok "a coordinate without version installs the newest release, its checksum checked: $(cat "$work/err")"
else fail "install by coordinate (exit $rc)" "$(cat "$work/out" "$work/err")"; fi
rm -f "$SCOPE_HOME/repositories.json"
