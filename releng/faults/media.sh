# Bad inputs and outputs of run and probe (dev.scope.media): missing, foreign, empty, cut short or
# corrupt files, test sources past their limits, outputs that cannot be written. Exit 2, one line
# naming the input; FFmpeg's own log never shows. A damaged input (fewer frames than its container
# promises, or decode errors) exits 2 unless --accept-damaged, which warns and uses what it could read.
# The media files are made here with the real ./scope, then cut or overwritten with head and dd.

m=$work/media
mkdir -p "$m"

# media_u32 FILE OFFSET: the big-endian 32-bit number at OFFSET
media_u32() { od -An -tu1 -j "$2" -N4 "$1" | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }'; }

# media_put32 FILE OFFSET VALUE: writes VALUE big-endian at OFFSET
media_put32() {
    # shellcheck disable=SC2059 # the octal escapes are the format
    printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($3 >> 24 & 255)) $(($3 >> 16 & 255)) $(($3 >> 8 & 255)) $(($3 & 255)))" |
        dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# media_box FILE TYPE: where the top-level MP4 box TYPE (moov, mdat) starts, or -1
media_box() {
    local at=0 size total
    total=$(stat -c %s "$1")
    while [ "$at" -lt "$total" ]; do
        [ "$(dd if="$1" bs=1 skip=$((at + 4)) count=4 status=none)" = "$2" ] && { echo "$at"; return; }
        size=$(media_u32 "$1" "$at")
        [ "$size" -ge 8 ] || break
        at=$((at + size))
    done
    echo -1
}

# media_faststart IN OUT: IN (moov after mdat, one video track) with its index moved before the
# data, as a web video is; every chunk offset (stco) moves by the index's size
media_faststart() {
    local moov mdat size stco n i o
    moov=$(media_box "$1" moov) mdat=$(media_box "$1" mdat)
    size=$(media_u32 "$1" "$moov")
    { head -c "$mdat" "$1"; tail -c +$((moov + 1)) "$1" | head -c "$size"; tail -c +$((mdat + 1)) "$1" | head -c $((moov - mdat)); } >"$2"
    stco=$(grep -obUa stco "$2" | cut -d: -f1 | awk -v lo="$mdat" -v hi=$((mdat + size)) '$1 > lo && $1 < hi' | head -n 1)
    n=$(media_u32 "$2" $((stco + 8)))
    for ((i = 0; i < n; i++)); do
        o=$((stco + 12 + 4 * i))
        media_put32 "$2" "$o" $(($(media_u32 "$2" "$o") + size))
    done
}

# media_accepted NAME FILE ARGS...: ./scope ARGS exits 0 with exactly one stderr line, the warning
# that FILE is damaged, and leaks nothing
media_accepted() {
    local name=$1 file=$2; shift 2
    scope "$@"
    local lines leaked
    lines=$(wc -l <"$work/err")
    leaked=$(leaks "$work/out" "$work/err")
    if [ "$rc" -ne 0 ] || [ "$lines" -ne 1 ] || ! grep -qE "^scope: warning: $file is damaged: [0-9]+ of the 60 frames" "$work/err" ||
        [ -n "$leaked" ]; then
        fail "$name (exit $rc, expected 0)" "stderr ($lines lines): $(cat "$work/err")"
    else
        ok "$name: exit 0: $(cat "$work/err")"
    fi
}

clip=$m/clip.mp4
if ! ./scope run --pipeline gray --input testsrc:160x120@30 --duration 2 --fast --output "$clip" >/dev/null 2>"$work/err"; then
    fail "making $clip with ./scope run" "$(cat "$work/err")"
fi
size=$(stat -c %s "$clip")
if [ "$(media_box "$clip" mdat)" -lt "$(media_box "$clip" moov)" ]; then
    ok "our MP4 writer puts the index (moov) after the data (mdat)"
else
    fail "clip.mp4: expected moov after mdat"
fi
media_faststart "$clip" "$m/fast.mp4"
json_clean "probe the clip with its index moved to the front" probe "$m/fast.mp4" --json
check probe "$work/out" 60 160 120 30 >"$work/check.txt" 2>&1 || fail "fast.mp4 reads whole" "$(cat "$work/check.txt")"
grep -q '"frames_promised" *: *60' "$work/out" && grep -q '"damage" *: *null' "$work/out" ||
    fail "probe --json carries frames_promised 60 and damage null" "$(cat "$work/out")"

head -c $((size / 2)) "$clip" >"$m/cut-index.mp4"     # the index at the end is lost
mdat=$(media_box "$m/fast.mp4" mdat)
head -c $((mdat + (size - mdat) / 10)) "$m/fast.mp4" >"$m/cut-data.mp4"   # the index survives
cp "$clip" "$m/corrupt.mp4"
yes 'not video data' | head -c 3000 | dd of="$m/corrupt.mp4" bs=1 seek=$((mdat + (size - mdat) / 3)) conv=notrunc status=none
printf 'these are my notes, not a video\n' >"$m/notes.mp4"
: >"$m/empty.mp4"
mkdir -p "$m/folder.mp4"
printf 'not a picture\n' >"$m/noise.png"
printf 'keep me\n' >"$m/notes.txt"

for cmd in run probe; do
    if [ "$cmd" = run ]; then pre=(run --pipeline gray --fast --input); else pre=(probe); fi
    bad "$cmd: a missing file" 2 "^scope: no such video file: $m/missing.mp4$" "${pre[@]}" "$m/missing.mp4"
    bad "$cmd: a directory" 2 "^scope: $m/folder.mp4 is not a file \(expected a video file\)$" "${pre[@]}" "$m/folder.mp4"
    bad "$cmd: an empty file" 2 "^scope: $m/empty.mp4 is empty \(expected a video file\)$" "${pre[@]}" "$m/empty.mp4"
    bad "$cmd: text named .mp4" 2 "^scope: $m/notes.mp4 is not a video file FFmpeg can read: Invalid data found when processing input \(moov atom not found\)$" \
        "${pre[@]}" "$m/notes.mp4"
    bad "$cmd: cut before its index (moov at the end)" 2 "^scope: $m/cut-index.mp4 is not a video file FFmpeg can read: .*moov atom not found" \
        "${pre[@]}" "$m/cut-index.mp4"
    bad "$cmd: cut with its index at the front" 2 \
        "^scope: $m/cut-data.mp4 is damaged: [0-9]+ of the 60 frames its container promises could be read.*; pass --accept-damaged to use what could be read$" \
        "${pre[@]}" "$m/cut-data.mp4"
    bad "$cmd: noise over the middle" 2 "^scope: $m/corrupt.mp4 is damaged: .*FFmpeg reported [0-9]+ errors? while decoding it.*; pass --accept-damaged" \
        "${pre[@]}" "$m/corrupt.mp4"
    bad "$cmd: text named .png" 2 "^scope: $m/noise.png is not an image FFmpeg can read" "${pre[@]}" "$m/noise.png"
done
if [ "$(id -u)" -ne 0 ]; then
    cp "$clip" "$m/secret.mp4" && chmod 000 "$m/secret.mp4"
    bad "run: an unreadable file" 2 "^scope: cannot read $m/secret.mp4: permission denied$" run --pipeline gray --fast --input "$m/secret.mp4"
    bad "probe: an unreadable file" 2 "^scope: cannot read $m/secret.mp4: permission denied$" probe "$m/secret.mp4"
fi

# --accept-damaged: a warning, what could be read, a finished output
media_accepted "run --accept-damaged on the cut file" "$m/cut-data.mp4" run --pipeline gray --fast --input "$m/cut-data.mp4" \
    --output "$m/from-damaged.mp4" --accept-damaged
read_frames=$(./scope probe "$m/cut-data.mp4" --json --accept-damaged 2>/dev/null | sed -n 's/.*"frames" *: *\([0-9]*\).*/\1/p')
json_clean "probe the output of the damaged input" probe "$m/from-damaged.mp4" --json
if check probe "$work/out" "${read_frames:--1}" 160 120 30 >"$work/check.txt" 2>&1 && grep -q '"damage" *: *null' "$work/out"; then
    ok "the output holds the $read_frames frames that could be read, undamaged"
else
    fail "the output of the damaged input" "$(cat "$work/check.txt" "$work/out")"
fi
media_accepted "probe --accept-damaged on the cut file" "$m/cut-data.mp4" probe "$m/cut-data.mp4" --json --accept-damaged
grep -q '"frames_promised" *: *60' "$work/out" && grep -qE '"damage" *: *".*cut-data.mp4 is damaged: ' "$work/out" ||
    fail "probe --accept-damaged --json carries frames_promised and damage" "$(cat "$work/out")"

# FFmpeg's own lines go to the log at debug, never as [mov,mp4,... @ 0x...]
SCOPE_LOG=debug ./scope probe "$m/notes.mp4" >/dev/null 2>"$work/err"
if grep -qE '^scope: [a-z]+: FFmpeg mov,mp4,m4a,3gp,3g2,mj2: moov atom not found$' "$work/err" &&
    ! grep -qE '\[[^]]+ @ 0x[0-9a-f]+\]' "$work/err"; then
    ok "SCOPE_LOG=debug shows FFmpeg's lines through our log"
else
    fail "SCOPE_LOG=debug shows FFmpeg's lines through our log" "$(cat "$work/err")"
fi

# the test source and its limits
bad "testsrc:0x0@30" 2 "^scope: bad test source 'testsrc:0x0@30': 0x0 is past the limit: 16 to 8192 pixels on each side$" \
    run --pipeline gray --fast --duration 1 --input testsrc:0x0@30
bad "testsrc:9000x100@30" 2 "^scope: bad test source 'testsrc:9000x100@30': 9000x100 is past the limit: 16 to 8192 pixels on each side$" \
    run --pipeline gray --fast --duration 1 --input testsrc:9000x100@30
bad "testsrc:640x360@0" 2 "^scope: bad test source 'testsrc:640x360@0': a frame rate of 0 is past the limit: 0.1 to 1000 frames a second$" \
    run --pipeline gray --fast --duration 1 --input testsrc:640x360@0
bad "testsrc:abc" 2 "^scope: bad test source 'testsrc:abc': expected testsrc:WIDTHxHEIGHT@FPS \(16 to 8192 pixels on each side" \
    run --pipeline gray --fast --duration 1 --input testsrc:abc
bad "a device that is no camera" 2 "^scope: cannot open the webcam /dev/null: " run --pipeline gray --fast --duration 1 --input webcam:/dev/null

# outputs
bad "output: an existing file that is no .mp4" 2 "^scope: $m/notes.txt is an existing file, not an output: expected a path ending in .mp4" \
    run --pipeline gray --fast --duration 1 --input testsrc:64x48@30 --output "$m/notes.txt"
if [ "$(cat "$m/notes.txt")" = "keep me" ]; then ok "the existing file is left as it was"; else fail "notes.txt was changed"; fi
bad "output: /proc/x as a PNG folder" 2 "^scope: cannot create the directory /proc/x for a PNG sequence: no such file or directory$" \
    run --pipeline gray --fast --duration 1 --input testsrc:64x48@30 --output /proc/x
bad "output: /proc/x.mp4" 2 "^scope: cannot record to /proc/x.mp4: no such file or directory$" \
    run --pipeline gray --fast --duration 1 --input testsrc:64x48@30 --output /proc/x.mp4
bad "output: an .mp4 in a missing directory" 2 "^scope: cannot record to $m/nowhere/out.mp4: the directory $m/nowhere does not exist$" \
    run --pipeline gray --fast --duration 1 --input testsrc:64x48@30 --output "$m/nowhere/out.mp4"
bad "output: a PNG folder under a file" 2 "^scope: cannot create the directory $m/notes.txt/frames for a PNG sequence: not a directory$" \
    run --pipeline gray --fast --duration 1 --input testsrc:64x48@30 --output "$m/notes.txt/frames"
