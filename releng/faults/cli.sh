# Bad usage and bad values on the command line: exit 2, one line naming what is expected; values
# past a limit refused before anything starts.
color_jar=$(ls plugins-sdk/examples/color-generator/target/scope-example-color-generator-*.jar)
./scope plugins install "$color_jar" >/dev/null 2>&1   # a text-mode generator for the limits below

bad "unknown command" 2 "unknown command 'frobnicate'; commands:" frobnicate
bad "unknown option" 2 "unknown option --frob" render --pipeline gray --frob 1 --out "$work/x"
bad "bad --size" 2 "--size 0x0 is not valid" render --pipeline gray --size 0x0 --out "$work/x"
bad "unknown pipeline" 2 "unknown pipeline 'nope'; available: " render --pipeline nope --out "$work/x"
bad "unknown parameter" 2 "unknown parameter 'foo'" render --pipeline kaleidoscope --set foo=1 --out "$work/x"
bad "not a number" 2 "kaleidoscope: zoom = \"abc\" is not a number" render --pipeline kaleidoscope --set zoom=abc --out "$work/x"
bad "out of range" 2 "segments = 99 is out of range" render --pipeline kaleidoscope --set segments=99 --out "$work/x"

# one rule for spellings: booleans true or false only, enum values as the schema lists them in any case
bad "boolean 'maybe'" 2 "mirror = \"maybe\" is not a boolean; allowed: true or false" render --pipeline kaleidoscope --set mirror=maybe --out "$work/x"
bad "boolean 'yes' is not a boolean either" 2 "mirror = \"yes\" is not a boolean" render --pipeline kaleidoscope --set mirror=yes --out "$work/x"
bad "boolean 'TRUE'" 2 "mirror = \"TRUE\" is not a boolean" render --pipeline kaleidoscope --set mirror=TRUE --out "$work/x"
bad "enum value" 2 "edge = \"sideways\" is not one of the choices; allowed: one of " render --pipeline kaleidoscope --set edge=sideways --out "$work/x"
scope render --pipeline kaleidoscope --set edge=WRAP --set mirror=false --frames 1 --size 32x32 --out "$work/wrap"
if [ "$rc" -eq 0 ] && [ -z "$(leaks "$work/err")" ]; then ok "enum values in any case: edge=WRAP renders"; else fail "edge=WRAP (exit $rc)" "$(cat "$work/err")"; fi

# limits: frame sizes (8192 a side on every path), rates, durations, counts
bad "generator past the frame size limit" 2 "color-generator: width = 32768 is past the frame size limit; allowed: 1 to 8192" \
    render --pipeline color-generator --set width=32768 --set height=32768 --frames 1 --out "$work/x"
bad "--size past the limit" 2 "--size 9000x100 is not valid; expected WIDTHxHEIGHT, each 16 to 8192" render --pipeline gray --size 9000x100 --out "$work/x"
bad "--fps past the limit" 2 "--fps 1e9 is not valid; expected frames a second from 0.1 to 1000" \
    run --pipeline color-generator --fps 1e9 --duration 0.5 --output "$work/x.mp4"
bad "--fps 0" 2 "--fps 0 is not valid" run --pipeline color-generator --fps 0 --duration 0.5 --output "$work/x.mp4"
bad "--duration past the limit" 2 "--duration 1e9 is not valid; expected a number of seconds above 0, at most 604800" \
    run --pipeline gray --input testsrc:64x48@30 --duration 1e9 --output "$work/x.mp4"
bad "--duration not a number" 2 "--duration soon is not valid" run --pipeline gray --input testsrc:64x48@30 --duration soon
bad "--frames past the limit" 2 "--frames 1000000 is not valid; expected a whole number from 1 to 100000" \
    render --pipeline gray --frames 1000000 --out "$work/x"

# a stage that fails while streaming: exit 1, said once (as it happens), the file stays valid
failing_jar=$(ls releng/fixtures/failing-plugin/target/scope-test-failing-*.jar)
./scope plugins install "$failing_jar" >/dev/null 2>&1
scope run --pipeline kaleidoscope --post fail-after --set fail-after:after=10 --input testsrc:160x120@30 --duration 1 \
    --fast --output "$work/failing.mp4"
if [ "$rc" -eq 1 ] && [ "$(wc -l <"$work/err")" -eq 1 ] && [ -z "$(leaks "$work/err")" ] &&
    grep -q "^scope: stage 1 (fail-after) failed and was bypassed: deliberate failure at call 10$" "$work/err"; then
    ok "a stage failing mid-stream: exit 1, one line: $(cat "$work/err")"
else
    fail "a stage failing mid-stream (exit $rc)" "$(cat "$work/err")"
fi
