# A machine without an OpenCL loader: the real ./scope in a mount namespace (unshare -m, as root)
# where every file behind a libOpenCL.so* name of the dynamic linker is /dev/null bound over it.
# JOCL's native code would print "Could not load libOpenCL.so.1, error ..." on stdout there; the
# Gpu service probes for the loader first and never touches JOCL. So stdout stays one JSON
# document, stderr has no JOCL line (and, at the default log level, no OpenCL line at all), and
# the stages run on the Java path. Without root, unshare or a working bind mount the cases are
# skipped, or failed when SCOPE_REQUIRE_OPENCL=1 (releng/test sets it).

# the real files behind every libOpenCL.so* that the dynamic linker lists
opencl_libs() {
    { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } |
        sed -n 's/^[[:space:]]*libOpenCL\.so[.0-9]* (.*) => //p' |
        while read -r lib; do readlink -f "$lib"; done | sort -u
}
opencl_libs >"$work/opencl-libs"

# scope_no_opencl ARGS... : like scope, inside a namespace with those files hidden (no namespace
# when the machine has no loader anyway), without LD_LIBRARY_PATH unless OPENCL_LIBRARY_PATH
scope_no_opencl() {
    if [ -s "$work/opencl-libs" ]; then
        env -u LD_LIBRARY_PATH ${OPENCL_LIBRARY_PATH:+"LD_LIBRARY_PATH=$OPENCL_LIBRARY_PATH"} unshare -m -- bash -c '
            while read -r lib; do mount --bind /dev/null "$lib" || exit 97; done <"$0"
            exec ./scope "$@"' "$work/opencl-libs" "$@" >"$work/out" 2>"$work/err"
    else
        env -u LD_LIBRARY_PATH ${OPENCL_LIBRARY_PATH:+"LD_LIBRARY_PATH=$OPENCL_LIBRARY_PATH"} ./scope "$@" \
            >"$work/out" 2>"$work/err"
    fi
    rc=$?
}

# Why the namespace cannot be made here, or nothing
opencl_unavailable() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "not root"
    elif ! command -v unshare >/dev/null 2>&1; then
        echo "no unshare (util-linux)"
    elif [ -s "$work/opencl-libs" ] &&
        ! unshare -m -- sh -c 'mount --bind /dev/null "$1"' sh "$(head -n 1 "$work/opencl-libs")" >"$work/err" 2>&1; then
        echo "mount --bind in a new mount namespace failed: $(head -n 1 "$work/err")"
    fi
}

# no_opencl_clean NAME ARGS... : exit 0, the whole stdout one JSON document, stderr without any
# line of JOCL's or about OpenCL (the Java path is normal, logged at INFO, not shown by default)
no_opencl_clean() {
    local name=$1 line; shift
    scope_no_opencl "$@"
    if [ "$rc" -ne 0 ]; then fail "$name (exit $rc)" "$(cat "$work/err")"; return 1; fi
    if ! check json "$work/out" >"$work/json-check" 2>&1; then
        fail "$name: stdout is not one JSON document" "$(cat "$work/json-check")"$'\n'"stdout tail: $(tail -c 400 "$work/out")"
        return 1
    fi
    line=$({ grep -v '^scope: ' "$work/err"; grep -E 'Could not load|OpenCL' "$work/err"; } | head -n 1)
    if [ -n "$line" ]; then fail "$name: stderr has '$line'" "$(cat "$work/err")"; return 1; fi
    ok "$name: stdout is clean JSON, stderr has no OpenCL line"
}

# on_path NAME PATH : every stage of the --stats JSON in $work/out ran on PATH
on_path() {
    if check stats-path "$work/out" "$2" >"$work/json-check" 2>&1; then
        ok "$1: the path is $2"
    else
        fail "$1: not the $2 path" "$(cat "$work/json-check")"
    fi
}

opencl_why=$(opencl_unavailable)
opencl_cases=("no loader: pipelines --json" "no loader: schemas" "no loader: plugins list --json"
    "no loader: run --stats" "no loader: run --stats --backend opencl" "no loader: the INFO line"
    "a loader in LD_LIBRARY_PATH is found")
if [ -n "$opencl_why" ]; then
    if [ "${SCOPE_REQUIRE_OPENCL:-}" = 1 ]; then
        for c in "${opencl_cases[@]}"; do fail "$c: cannot hide the OpenCL loader ($opencl_why)"; done
    else
        echo "  skip the ${#opencl_cases[@]} no-OpenCL-loader cases: they need root, unshare and mount --bind ($opencl_why)"
    fi
else
    [ -s "$work/opencl-libs" ] || echo "  (no OpenCL loader on this machine: the cases run without a namespace)"
    no_opencl_clean "no loader: pipelines --json" pipelines --json
    no_opencl_clean "no loader: schemas" schemas
    no_opencl_clean "no loader: plugins list --json" plugins list --json
    no_opencl_clean "no loader: run --stats" run --pipeline gray --input testsrc:64x48@10 --duration 1 --fast --stats &&
        on_path "no loader: run --stats" java
    # asked for OpenCL, it still runs: on the Java path
    no_opencl_clean "no loader: run --stats --backend opencl" run --pipeline gray --backend opencl \
        --input testsrc:64x48@10 --duration 1 --fast --stats &&
        on_path "no loader: run --stats --backend opencl" java
    # what we log, at INFO: what is missing and what to install; stdout stays clean
    SCOPE_LOG=info scope_no_opencl pipelines --json
    info=$(grep -E '^scope: INFO: No OpenCL device: no OpenCL loader' "$work/err")
    if [ "$rc" -eq 0 ] && check json "$work/out" >/dev/null 2>&1 && [ "$(grep -c 'OpenCL' "$work/err")" -eq 1 ] &&
        grep -q 'apt-get install ocl-icd-libopencl1 pocl-opencl-icd' <<<"$info" && ! grep -q 'Could not load' "$work/err"; then
        ok "no loader: the INFO line: $info"
    else
        fail "no loader: the INFO line (exit $rc)" "stderr: $(cat "$work/err")"
    fi
    # the probe follows LD_LIBRARY_PATH as dlopen does: a copy of the hidden loader there is used
    if [ -s "$work/opencl-libs" ] && ./scope run --pipeline gray --backend opencl --input testsrc:64x48@10 \
        --duration 1 --fast --stats >"$work/opencl-host.json" 2>/dev/null &&
        ! check stats-path "$work/opencl-host.json" java >/dev/null 2>&1; then
        host_path=$(grep -o '"path" *: *"opencl-[a-z]*"' "$work/opencl-host.json" | head -n 1 | grep -o 'opencl-[a-z]*')
        mkdir -p "$work/opencl-lib"
        cp "$(grep -m1 'libOpenCL.so.1' "$work/opencl-libs" || head -n 1 "$work/opencl-libs")" "$work/opencl-lib/libOpenCL.so.1"
        OPENCL_LIBRARY_PATH=$work/opencl-lib no_opencl_clean "a loader in LD_LIBRARY_PATH is found" run --pipeline gray \
            --backend opencl --input testsrc:64x48@10 --duration 1 --fast --stats &&
            on_path "a loader in LD_LIBRARY_PATH is found" "$host_path"
    elif [ "${SCOPE_REQUIRE_OPENCL:-}" = 1 ]; then
        fail "a loader in LD_LIBRARY_PATH is found: this machine has no OpenCL device to compare with"
    else
        echo "  skip a loader in LD_LIBRARY_PATH: this machine has no OpenCL device"
    fi
fi
