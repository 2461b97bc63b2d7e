# Several instances at once, and signals sent to the process itself.
examples=plugins-sdk/examples
invert_jar=$(ls $examples/invert/target/scope-example-invert-*.jar)
color_jar=$(ls $examples/color-generator/target/scope-example-color-generator-*.jar)

# Three state directories, two of them with a plugin, started at the same moment, twice (a cold and
# a warm start): each lists exactly its own plugins. (They once shared one OSGi cache, and each
# start uninstalled what the others had installed.)
SCOPE_HOME=$work/inst-a ./scope plugins install "$invert_jar" >/dev/null 2>&1
SCOPE_HOME=$work/inst-b ./scope plugins install "$color_jar" >/dev/null 2>&1
for round in cold warm; do
    pids=()
    for h in a b c; do
        SCOPE_HOME=$work/inst-$h ./scope pipelines --json >"$work/inst-$h.json" 2>"$work/inst-$h.err" &
        pids+=($!)
    done
    codes=()
    for p in "${pids[@]}"; do wait "$p"; codes+=($?); done
    if [ "${codes[*]}" != "0 0 0" ]; then
        fail "three instances started at once ($round): exit codes ${codes[*]}" "$(cat "$work"/inst-*.err)"
    elif ! check pipelines-has "$work/inst-a.json" invert scope-example-invert >/dev/null ||
        ! check pipelines-has "$work/inst-b.json" color-generator scope-example-color-generator >/dev/null ||
        grep -q '"color-generator"' "$work/inst-a.json" || grep -q '"invert"' "$work/inst-b.json" ||
        grep -qE '"(invert|color-generator)"' "$work/inst-c.json"; then
        fail "three instances started at once ($round): each lists its own plugins" "$(cat "$work"/inst-*.err)"
    elif [ -n "$(cat "$work"/inst-*.err)" ]; then
        fail "three instances started at once ($round): nothing on stderr" "$(cat "$work"/inst-*.err)"
    else
        ok "three instances started at once ($round), each with its own plugins"
    fi
done

# SIGINT and SIGTERM to the PID of ./scope (not to its process group) stop a stream like Ctrl-C:
# exit 130 / 143, the recording finished and playable, no JVM left behind.
for sig in INT TERM; do
    out=$work/signal-$sig.mp4
    ./scope run --pipeline gray --input testsrc:320x240@30 --duration 60 --output "$out" \
        >"$work/signal.out" 2>"$work/signal.err" &
    pid=$!
    for _ in $(seq 300); do [ -s "$out" ] && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -"$sig" "$pid"
    wait "$pid"
    code=$?
    want=$((128 + $(kill -l "$sig")))
    if [ "$code" -ne "$want" ]; then
        fail "kill -$sig to a run: exit $code, expected $want" "$(cat "$work/signal.err")"
    elif pgrep -f -- "$out" >/dev/null; then
        fail "kill -$sig to a run: a process is left behind" "$(pgrep -af -- "$out")"
    else
        scope probe "$out" --json
        frames=$(sed -n 's/.*"frames" *: *\([0-9]*\).*/\1/p' "$work/out")
        if [ "$rc" -eq 0 ] && [ "${frames:-0}" -gt 0 ]; then
            ok "kill -$sig to a run: exit $code, the recording is finished and holds $frames frames"
        else
            fail "kill -$sig to a run: the recording is not playable (probe exit $rc)" "$(cat "$work/err")"
        fi
    fi
done
