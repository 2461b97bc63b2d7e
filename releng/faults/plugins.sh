# Plugin bundles that are not plugins (or built against the plugin API 1.x), names that are not
# installed, a damaged or missing cache, an install killed midway, a rebuilt JAR of the same version,
# an unusable state directory.
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
bad "install: unresolvable" 2 "cannot start plugin test.unresolvable 1.0.0: .*no.such.pkg" plugins install "$work/unresolvable.jar"
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
./scope plugins install "$work/big.jar" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 600); do
    compgen -G "$SCOPE_HOME/bundles/.incoming-*" >/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
done
if compgen -G "$SCOPE_HOME/bundles/.incoming-*" >/dev/null; then
    kill -9 "$pid"; wait "$pid" 2>/dev/null
    scope plugins list --json
    if [ "$rc" -eq 0 ] && ! compgen -G "$SCOPE_HOME/bundles/.incoming-*" >/dev/null &&
        [ "$(ls "$SCOPE_HOME/bundles" | grep -c 'test.big')" -eq 0 ] && grep -q '"scope-example-invert"' "$work/out"; then
        ok "an install killed midway: its leftovers are removed at the next start, the installed set is intact"
    else fail "an install killed midway (exit $rc)" "$(ls -la "$SCOPE_HOME/bundles"; cat "$work/err")"; fi
else
    wait "$pid" 2>/dev/null
    fail "an install killed midway: the copy was never seen under way" "$(ls -la "$SCOPE_HOME/bundles")"
fi
rm -f "$work/big.jar"

# An unreadable state file is moved aside, never lost, and said once
echo "{ not json" >"$SCOPE_HOME/plugins.json"
json_clean "pipelines --json with an unreadable plugins.json" pipelines --json
if [ "$(wc -l <"$work/err")" -eq 1 ] && grep -qE "^scope: warning: .*plugins.json was unreadable \(invalid JSON at line 1, column [0-9]+: .*\); it was moved to .*plugins.json.unreadable-[0-9]+ and the installed set starts empty$" "$work/err" &&
    grep -q "{ not json" "$SCOPE_HOME"/plugins.json.unreadable-*; then
    ok "an unreadable plugins.json is moved aside and said once: $(cat "$work/err")"
else fail "an unreadable plugins.json" "$(cat "$work/err")"; fi
