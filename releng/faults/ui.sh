# The workbench without a display: ./scope with no command says so in one line, names the commands
# that need none, and exits 2 (bad usage), both when no display is named and when GTK cannot open
# the one named.
DISPLAY='' WAYLAND_DISPLAY='' bad "workbench with no display named" 2 \
    "^scope: no display to open the workbench on \(neither DISPLAY nor WAYLAND_DISPLAY is set\); the headless commands need none: pipelines, schemas, render, run, probe, plugins \(see ./scope help\)$"
DISPLAY=:987 WAYLAND_DISPLAY='' bad "workbench on a display that is not there" 2 \
    "^scope: cannot open the X11 display ':987' \(GTK could not connect to it\); the headless commands need none: "
# the headless commands still run without a display
DISPLAY='' WAYLAND_DISPLAY='' scope pipelines --json
if [ "$rc" -eq 0 ] && [ ! -s "$work/err" ]; then ok "headless commands need no display"; else fail "pipelines without a display (exit $rc)" "$(cat "$work/err")"; fi
