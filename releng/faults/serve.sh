# ./scope serve: bad usage exits 2 with one line before anything listens; a port in use exits 1;
# bad requests to a running server are 4xx with {"detail": ...}, and it stays up (curl, a real client).
bad "serve: --port not a number" 2 "^scope: --port abc is not valid; expected a TCP port from 1 to 65535" serve --port abc
bad "serve: --port past the limit" 2 "^scope: --port 65536 is not valid" serve --port 65536
bad "serve: a host that does not resolve" 2 "^scope: --host nowhere.invalid cannot be resolved" serve --host nowhere.invalid
bad "serve: another host than loopback without --insecure" 2 "^scope: serve --host 0.0.0.0 would be reachable from other machines over plain HTTP" \
    serve --host 0.0.0.0
bad "serve: a token file that is not there" 2 "^scope: --token-file $work/no-token cannot be read \(no such file\)" \
    serve --token-file "$work/no-token"
printf 'two words\n' >"$work/bad-token"
bad "serve: a token file with spaces" 2 "^scope: --token-file $work/bad-token must hold one token" serve --token-file "$work/bad-token"
bad "serve: an argument" 2 "^scope: serve takes no argument 'now'" serve now

# a running server on a free port (0: the one it says)
./scope serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
cleanups+=("kill $serve_pid 2>/dev/null; wait $serve_pid 2>/dev/null")
serve_url=
for _ in $(seq 1200); do   # until it says where it serves, or it ended (at most a minute)
    serve_url=$(sed -n 's/^scope: serving \(http:[^ ]*\) (Ctrl+C stops)$/\1/p' "$work/serve.err")
    [ -n "$serve_url" ] && break
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.05
done
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
