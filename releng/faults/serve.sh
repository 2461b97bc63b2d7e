# ./scope serve: bad usage exits 2 with one line before anything listens (also a keystore that is
# missing, has another password or no key); a port in use exits 1; bad requests to a running server
# are 4xx with {"detail": ...}, and it stays up (curl, a real client); https with a keystore keytool
# made, in cloud mode: plugin changes are 403.
bad "serve: --port not a number" 2 "^scope: --port abc is not valid; expected a TCP port from 1 to 65535" serve --port abc
bad "serve: --port past the limit" 2 "^scope: --port 65536 is not valid" serve --port 65536
bad "serve: a host that does not resolve" 2 "^scope: --host nowhere.invalid cannot be resolved" serve --host nowhere.invalid
bad "serve: another host than loopback without TLS or --insecure" 2 \
    "^scope: 0.0.0.0 is not a loopback address: over plain HTTP the token would cross the network in clear; serve https with --tls-keystore, pass --insecure" \
    serve --host 0.0.0.0
bad "serve: a token file that is not there" 2 "^scope: --token-file $work/no-token cannot be read \(no such file\)" \
    serve --token-file "$work/no-token"
printf 'two words\n' >"$work/bad-token"
bad "serve: a token file with spaces" 2 "^scope: --token-file $work/bad-token must hold one token" serve --token-file "$work/bad-token"
bad "serve: an argument" 2 "^scope: serve takes no argument 'now'" serve now
bad "serve: --allow-plugin without --cloud" 2 "^scope: --allow-plugin goes with --cloud" serve --allow-plugin x
bad "serve: --remote that is not a WebSocket address" 2 \
    "^scope: --remote http://127.0.0.1:9/ws is not a WebSocket address; expected ws://host:port/ws or wss://host:port/ws" \
    serve --remote http://127.0.0.1:9/ws
bad "serve: --remote-token-file without --remote" 2 "^scope: --remote-token-file is the token of a --remote server" \
    serve --remote-token-file "$work/bad-token"
scope serve --help
if [ "$rc" -eq 0 ] && [ ! -s "$work/err" ] && grep -q -- '--tls-keystore F ' "$work/out" && grep -q -- '--tls-password-file F2 ' "$work/out" &&
    grep -q SCOPE_TLS_PASSWORD "$work/out" && grep -q -- '--cloud ' "$work/out" && grep -q -- '--allow-plugin X ' "$work/out" &&
    grep -q -- '--insecure ' "$work/out" && grep -q -- '--remote URL ' "$work/out" && grep -q -- '--remote-token-file F ' "$work/out"; then
    ok "serve --help: exit 0, lists every option"
else fail "serve --help (exit $rc)" "$(cat "$work/out" "$work/err")"; fi

# TLS: a real PKCS12 keystore from the JDK's keytool, its certificate for curl
"$JAVA_HOME/bin/keytool" -genkeypair -keyalg EC -groupname secp256r1 -storetype PKCS12 -keystore "$work/tls.p12" \
    -storepass fault-test-pw -alias scope -dname CN=localhost -ext SAN=dns:localhost,ip:127.0.0.1 -validity 30 \
    >"$work/keytool.out" 2>&1 &&
    "$JAVA_HOME/bin/keytool" -exportcert -rfc -alias scope -keystore "$work/tls.p12" -storepass fault-test-pw \
        -file "$work/tls.pem" >>"$work/keytool.out" 2>&1 || fail "serve: keytool makes a keystore" "$(cat "$work/keytool.out")"
printf 'fault-test-pw\n' >"$work/tls.pw"
printf 'not-the-password\n' >"$work/tls-wrong.pw"
bad "serve: a keystore without its password" 2 \
    "^scope: --tls-keystore $work/tls.p12 needs its password: on the first line of a file given with --tls-password-file, or in the environment variable SCOPE_TLS_PASSWORD$" \
    serve --tls-keystore "$work/tls.p12"
bad "serve: a password file without a keystore" 2 "^scope: --tls-password-file goes with --tls-keystore" \
    serve --tls-password-file "$work/tls.pw"
bad "serve: a keystore that is not there" 2 "^scope: the keystore $work/no.p12 cannot be read \(no such file\); expected a PKCS12 file" \
    serve --tls-keystore "$work/no.p12" --tls-password-file "$work/tls.pw"
bad "serve: a keystore with another password" 2 \
    "^scope: the password does not open the keystore $work/tls.p12; expected the password it was made with \(the password came from --tls-password-file $work/tls-wrong.pw\)$" \
    serve --tls-keystore "$work/tls.p12" --tls-password-file "$work/tls-wrong.pw"
SCOPE_TLS_PASSWORD=not-the-password bad "serve: a wrong password in SCOPE_TLS_PASSWORD" 2 \
    "^scope: the password does not open the keystore .*\(the password came from SCOPE_TLS_PASSWORD\)$" \
    serve --tls-keystore "$work/tls.p12"
SCOPE_TLS_PASSWORD=fault-test-pw bad "serve: --tls-password-file wins over SCOPE_TLS_PASSWORD" 2 \
    "\(the password came from --tls-password-file $work/tls-wrong.pw\)$" \
    serve --tls-keystore "$work/tls.p12" --tls-password-file "$work/tls-wrong.pw"

# start_server NAME ARGS...: ./scope serve --port 0 ARGS in the background; sets serve_pid and
# serve_url (empty when it did not say where it serves within a minute, or ended)
start_server() {
    local name=$1; shift
    ./scope serve --port 0 "$@" >"$work/$name.out" 2>"$work/$name.err" &
    serve_pid=$!
    cleanups+=("kill $serve_pid 2>/dev/null; wait $serve_pid 2>/dev/null")
    serve_url=
    for _ in $(seq 1200); do   # until it says where it serves, or it ended (at most a minute)
        serve_url=$(sed -n 's/^scope: serving \(https\{0,1\}:[^ ]*\) (Ctrl+C stops)$/\1/p' "$work/$name.err")
        [ -n "$serve_url" ] && break
        kill -0 "$serve_pid" 2>/dev/null || break
        sleep 0.05
    done
}

# a running server on a free port (0: the one it says)
start_server serve
if [ -z "$serve_url" ]; then
    fail "serve: the server started" "$(cat "$work/serve.err")"
else
    serve_port=${serve_url##*:}
    bad "serve: a port in use" 1 "^scope: port $serve_port on 127.0.0.1 is in use \(another server\?\); pick another with --port$" \
        serve --port "$serve_port"
    # api NAME STATUS METHOD PATH [BODY-FILE]: curl answers STATUS with a JSON body {"detail": "..."} and no trace
    api() {
        local name=$1 want=$2 method=$3 path=$4 body=${5:-} status
        if [ -n "$body" ]; then
            status=$(curl -sS -o "$work/api.out" -w '%{http_code}' -X "$method" --data-binary "@$body" "$serve_url$path" 2>"$work/api.err")
        else
            status=$(curl -sS -o "$work/api.out" -w '%{http_code}' -X "$method" "$serve_url$path" 2>"$work/api.err")
        fi
        if [ "$status" = "$want" ] && check json "$work/api.out" >/dev/null 2>&1 && grep -q '^{"detail":"' "$work/api.out" &&
            [ -z "$(leaks "$work/api.out")" ]; then
            ok "$name: $status $(cat "$work/api.out")"
        else
            fail "$name (HTTP $status, expected $want)" "$(cat "$work/api.out" "$work/api.err")"
        fi
    }
    printf '{"package": ' >"$work/malformed.json"
    printf '{"package": 7}' >"$work/wrong-type.json"
    printf '{"package": "%s"}' "$work/notes.txt" >"$work/not-a-plugin.json" && echo notes >"$work/notes.txt"
    head -c 2000000 /dev/zero | tr '\0' 'x' >"$work/huge.json"
    api "serve: malformed JSON" 400 POST /api/v1/plugins "$work/malformed.json"
    api "serve: a field of the wrong type" 422 POST /api/v1/plugins "$work/wrong-type.json"
    api "serve: a file that is not a plugin" 422 POST /api/v1/plugins "$work/not-a-plugin.json"
    api "serve: a body past the limit" 413 POST /api/v1/plugins "$work/huge.json"
    api "serve: an unknown path" 404 GET /api/v1/nothing
    api "serve: a method the path does not take" 405 DELETE /api/v1/pipelines/schemas
    api "serve: uninstall an unknown plugin" 404 DELETE /api/v1/plugins/nope
    api "serve: uninstall a built-in plugin" 400 DELETE /api/v1/plugins/dev.scope.pipelines.basic
    api "serve: load an unknown pipeline" 404 POST /api/v1/pipeline/load <(printf '{"pipeline_ids": ["nope"]}')
    api "serve: load with neither shape" 400 POST /api/v1/pipeline/load <(printf '{}')
    if [ "$(curl -sS -o /dev/null -w '%{http_code}' "$serve_url/health")" = 200 ]; then
        ok "serve: still up after the bad requests"
    else fail "serve: still up after the bad requests" "$(cat "$work/serve.err")"; fi
    kill -TERM "$serve_pid"; wait "$serve_pid"; serve_rc=$?
    if [ "$serve_rc" -eq 143 ] && [ "$(wc -l <"$work/serve.err")" -eq 1 ] && [ ! -s "$work/serve.out" ]; then
        ok "serve: SIGTERM stops it with exit 143, stderr only its one line"
    else fail "serve: SIGTERM stops it (exit $serve_rc, expected 143; one stderr line)" "$(cat "$work/serve.out" "$work/serve.err")"; fi
fi

# https in cloud mode: curl trusting the keystore's certificate; plain HTTP to the port fails; the
# plugin changes are 403 with Scope's detail and the operator's hint, and change nothing
start_server cloud --cloud --tls-keystore "$work/tls.p12" --tls-password-file "$work/tls.pw"
if [ "${serve_url%%:*}" != https ]; then
    fail "serve: https in cloud mode started" "$(cat "$work/cloud.err")"
else
    serve_port=${serve_url##*:}
    if curl -sS --cacert "$work/tls.pem" -o "$work/health.json" "$serve_url/health" 2>"$work/curl.err" &&
        check json "$work/health.json" >/dev/null 2>&1 &&
        grep -q '"capabilities":{"plugin_install":false,"plugin_allowlist":\[\],"cloud":true,"sessions":[a-z]*,"tls":true}' "$work/health.json"; then
        ok "serve: GET /health over https: $(cat "$work/health.json")"
    else fail "serve: GET /health over https" "$(cat "$work/health.json" "$work/curl.err")"; fi
    if curl -sS -o /dev/null "http://127.0.0.1:$serve_port/health" 2>/dev/null; then
        fail "serve: plain HTTP to the https port fails" "curl got an answer"
    else ok "serve: plain HTTP to the https port fails"; fi
    curl -sS --cacert "$work/tls.pem" -o "$work/plugins-before.json" "$serve_url/api/v1/plugins"
    forbidden='{"detail":"Plugin installation is not available in cloud mode","hint":"the server'"'"'s operator can allow this plugin with --allow-plugin'
    printf '{"package": "%s"}' "$PWD/plugins-sdk/examples/invert/target/scope-example-invert-1.0.0.jar" >"$work/install.json"
    for request in "POST /api/v1/plugins $work/install.json" "DELETE /api/v1/plugins/dev.scope.pipelines.basic" \
        "POST /api/v1/plugins/dev.scope.pipelines.basic/reload"; do
        read -r method path body <<<"$request"
        status=$(curl -sS --cacert "$work/tls.pem" -o "$work/api.out" -w '%{http_code}' -X "$method" \
            ${body:+--data-binary "@$body"} "$serve_url$path" 2>"$work/api.err")
        if [ "$status" = 403 ] && check json "$work/api.out" >/dev/null 2>&1 && grep -qF "$forbidden" "$work/api.out"; then
            ok "serve --cloud: $method $path: $status $(cat "$work/api.out")"
        else fail "serve --cloud: $method $path (HTTP $status, expected 403)" "$(cat "$work/api.out" "$work/api.err")"; fi
    done
    curl -sS --cacert "$work/tls.pem" -o "$work/plugins-after.json" "$serve_url/api/v1/plugins"
    if cmp -s "$work/plugins-before.json" "$work/plugins-after.json"; then
        ok "serve --cloud: the plugins are as they were"
    else fail "serve --cloud: the plugins are as they were" "$(diff "$work/plugins-before.json" "$work/plugins-after.json")"; fi
    kill -TERM "$serve_pid"; wait "$serve_pid"; serve_rc=$?
    if [ "$serve_rc" -eq 143 ] && [ "$(wc -l <"$work/cloud.err")" -eq 1 ] && [ ! -s "$work/cloud.out" ]; then
        ok "serve --cloud: SIGTERM stops it with exit 143, stderr only its one line"
    else fail "serve --cloud: SIGTERM stops it (exit $serve_rc, expected 143; one stderr line)" "$(cat "$work/cloud.out" "$work/cloud.err")"; fi
fi
