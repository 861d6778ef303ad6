#!/usr/bin/env bash
# tests/gui/x11/run.sh — drive the real ConvLens window as a person would: a real X server (Xvfb) with a window
# manager (openbox), real mouse clicks, drags and key presses (xdotool), screenshots of the whole screen (ImageMagick
# `import`). The offscreen tests send events to widgets directly; this goes through X11, focus, the window manager
# and the shortcut system, where issue 10's bugs lived.
#
# Run by hand (not part of ctest: it needs an X server and takes a minute):
#   tests/gui/x11/run.sh [BUILD_DIR] [OUT_DIR]        defaults: build, /tmp/convlens-x11
# Needs: Xvfb openbox xdotool imagemagick (apt-get install xvfb openbox xdotool imagemagick).
# It prints one line per check (ok / FAIL) and leaves a PNG per step in OUT_DIR; the exit status is the failure count.
#
# Where to click: Qt widgets are not X windows, so the app writes where its widgets, layer rows and tabs are on the
# screen (CONVLENS_UI_PROBE, app/gui/ui_probe.h); `at KEY` reads the centre of one from that file.
set -u
BUILD=${1:-build}
OUT=${2:-/tmp/convlens-x11}
APP=$(readlink -f "$BUILD/app/gui/convlens")
SRC=$(cd "$(dirname "$0")/../../.." && pwd)
mkdir -p "$OUT"
rm -f "$OUT"/*.png
FAILS=0
PROBE="$OUT/probe.txt"
export CONVLENS_UI_PROBE="$PROBE"

for tool in Xvfb openbox xdotool import; do
    command -v "$tool" > /dev/null || { echo "missing $tool: apt-get install xvfb openbox xdotool imagemagick"; exit 2; }
done
[ -x "$APP" ] || { echo "no app at $APP: build first"; exit 2; }

# ---------------------------------------------------------------------------------------------------- helpers
check() { # check DESCRIPTION COMMAND...
    if "${@:2}"; then echo "ok    $1"; else echo "FAIL  $1"; FAILS=$((FAILS + 1)); fi
}
shot() { sleep 0.4; import -display "$DISPLAY" -window root "$OUT/$1.png"; }
probe_line() { grep -P "^\Q$1\E\t" "$PROBE" | head -1; }
# The centre of a probed widget, row or tab: "x y".
at() { probe_line "$1" | awk -F'\t' '{ printf "%d %d", $2 + $4 / 2, $3 + $5 / 2 }'; }
# Its top-left corner plus an offset: "x y".
at_offset() { probe_line "$1" | awk -F'\t' -v dx="$2" -v dy="$3" '{ printf "%d %d", $2 + dx, $3 + dy }'; }
text_of() { probe_line "$1" | cut -f6-; }
has() { [ -n "$(probe_line "$1")" ]; }
settle() { sleep "${1:-1.2}"; } # the probe file is rewritten twice a second
click() { xdotool mousemove $(at "$1") click 1; settle 0.8; }
wait_for() { # wait_for KEY [SECONDS]: until the probe lists it
    for _ in $(seq 1 $((${2:-20} * 4))); do has "$1" && return 0; sleep 0.25; done
    return 1
}
contains() { [[ "$(text_of "$1")" == *"$2"* ]]; }
not_contains() { [[ "$(text_of "$1")" != *"$2"* ]]; }

start_session() { # start_session WxH [VAR=value…] [-- app arguments…]: Xvfb + openbox + a fresh ConvLens
    local size=$1 vars=() args=()
    shift
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
    [ "${1:-}" = "--" ] && shift
    args=("$@")
    export DISPLAY=:97
    Xvfb :97 -screen 0 "${size}x24" -nolisten tcp > "$OUT/xvfb.log" 2>&1 &
    XVFB=$!
    sleep 1
    openbox > "$OUT/openbox.log" 2>&1 &
    WM=$!
    sleep 1
    rm -f "$PROBE"
    # A fresh home: no remembered layout, the first start of a new user.
    env HOME="$(mktemp -d)" XDG_CONFIG_HOME="$(mktemp -d)" "${vars[@]}" "$APP" "${args[@]}" > "$OUT/app.log" 2>&1 &
    APPPID=$!
    wait_for window 30 || { echo "FAIL  the window did not open"; FAILS=$((FAILS + 1)); }
    settle 2
}
stop_session() {
    kill "$APPPID" 2> /dev/null
    wait "$APPPID" 2> /dev/null
    kill "$WM" "$XVFB" 2> /dev/null
    wait "$WM" "$XVFB" 2> /dev/null
}
window_fits() { # the window's frame inside the screen
    local screen
    screen=$(xdotool getdisplaygeometry)
    probe_line window | awk -F'\t' -v s="$screen" 'BEGIN { split(s, d, " ") }
        { exit !($2 >= 0 && $3 >= 0 && $2 + $4 <= d[1] && $3 + $5 <= d[2]) }'
}

# ---------------------------------------------------------------------------------------------------- 1280×720
echo "== 1280x720, light, the autoencoder"
start_session 1280x720
shot 01_first_window
check "the first window fits the 1280x720 screen" window_fits
check "compact layout: the summary is a tab beside the layer list" has "tab/Summary"

# Delete, Duplicate and Undo with the Layers list focused (issue 10, first bullet).
click "row/conv2d_1"
xdotool key Delete
settle
check "Del in the Layers list deletes the layer it selected" bash -c "! grep -q -P '^row/conv2d_1\t' '$PROBE'"
shot 02_deleted_from_the_list
xdotool key ctrl+z
settle
check "Ctrl+Z brings it back" has "row/conv2d_1"
click "row/conv2d_1"
xdotool key ctrl+d
settle
check "Ctrl+D in the Layers list duplicates it" has "row/conv2d_7"
xdotool key ctrl+z
settle

# Undo while the stride spin box still has the focus.
click "row/conv2d"
xdotool mousemove $(at_offset strides 20 10) click 1 # into the H box
xdotool key ctrl+a 2
settle
check "typing 2 in the focused stride box halves conv2d's output" contains "row/conv2d" "(None, 14, 14, 16)"
xdotool key ctrl+z
settle
check "Ctrl+Z in the focused spin box undoes it" contains "row/conv2d" "(None, 28, 28, 16)"
check "the spin box keeps the focus" contains focus "QSpinBox"
shot 03_undo_from_the_spin_box
xdotool key ctrl+shift+z
settle
check "Ctrl+Shift+Z redoes it" contains "row/conv2d" "(None, 14, 14, 16)"
xdotool key ctrl+z
settle

# A drag in the layer list: the layer moves, one undo step.
drag_from=$(at "row/max_pooling2d")
drag_to=$(at_offset "row/conv2d_2" 60 2)
xdotool mousemove $drag_from mousedown 1
for step in 1 2 3 4 5 6; do xdotool mousemove_relative 0 8; sleep 0.05; done
xdotool mousemove $drag_to
sleep 0.3
xdotool mouseup 1
settle
shot 04_dragged
check "a drag in the layer list moves the layer" bash -c "
    a=\$(grep -P '^row/max_pooling2d\t' '$PROBE' | cut -f3); b=\$(grep -P '^row/conv2d_1\t' '$PROBE' | cut -f3)
    [ -n \"\$a\" ] && [ -n \"\$b\" ] && [ \"\$a\" -gt \"\$b\" ]"
xdotool key ctrl+z
settle
check "one Ctrl+Z puts it back" bash -c "
    a=\$(grep -P '^row/max_pooling2d\t' '$PROBE' | cut -f3); b=\$(grep -P '^row/conv2d_1\t' '$PROBE' | cut -f3)
    [ \"\$a\" -lt \"\$b\" ]"

# Tab leaves the summary table.
click "tab/Summary"
click "summary/conv2d"
xdotool key Tab
settle
check "Tab leaves the summary table" not_contains focus "summaryTable"
click "tab/Layers"

# The step player: its tab, then keys.
click "row/max_pooling2d_2"
click "tab/Step player"
xdotool key End
settle
check "End goes to the last step" contains playerStep "16 / 16"
xdotool key Home Right Right
settle
check "Home, → → go to step 3" contains playerStep "3 / 16"
shot 05_step_player

# A digit drawn with the mouse, small, in a corner of the canvas: centred as MNIST before the model sees it.
click "tab/Feature maps"
read -r cx cy < <(probe_line digitCanvas | awk -F'\t' '{ print $2, $3 }')
xdotool mousemove $((cx + 14)) $((cy + 14)) mousedown 1
for p in "46 14" "26 58"; do
    read -r dx dy <<< "$p"
    xdotool mousemove $((cx + dx)) $((cy + dy))
    sleep 0.15
done
xdotool mouseup 1
settle 2
check "a drawing becomes the input" contains inputNote "your drawing"
shot 06_drawn_digit

# Help ▸ Guide (F1).
xdotool key F1
settle
check "F1 opens the guide" has "toplevel/guideDialog"
shot 07_guide
xdotool key Escape
settle

# The import dialog: focus in the text box, PyTorch without a shape in the dialog's own words, an undoable import.
xdotool key ctrl+shift+k
wait_for importCode 10
settle
check "the import dialog opens with the focus in the text box" contains focus "importCode"
xdotool type --delay 5 "import torch.nn as nn"
xdotool key Return
xdotool type --delay 5 "model = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU())"
click importButton
check "PyTorch code without a shape: the dialog asks for it in its own words" contains importError "Input shape field"
check "… without the command line's --input-shape" not_contains importError "--"
check "… and puts the focus in the shape field" contains focus "inputShape"
shot 08_import_dialog
xdotool type --delay 5 "1,28,28"
click importButton
check "the PyTorch model is imported" has "row/0"
xdotool key ctrl+z
settle
check "Ctrl+Z undoes the import: the autoencoder is back" contains window "autoencoder"
check "… with its layers" has "row/conv2d"
stop_session

# ---------------------------------------------------------------------------------------------------- groups
# Issue 9: a Keras model built from nested models lists its layers under one collapsible group per nested model.
echo "== 1920x1080, nested Keras models: the grouped Layers list"
/usr/bin/python3 - "$SRC/tests/golden/modules/keras_modules.json" "$OUT/nested_autoencoder.py" << 'PY' 2> /dev/null ||
import json, sys
code = next(c["code"] for c in json.load(open(sys.argv[1]))["cases"] if c["id"] == "nested_encoder_decoder_autoencoder")
open(sys.argv[2], "w").write(code)
PY
    { echo "FAIL  cannot write the nested model"; FAILS=$((FAILS + 1)); }
start_session 1920x1080 -- "$OUT/nested_autoencoder.py"
check "the encoder's layers are under an open 'encoder' group" contains "group/encoder:Functional" "open"
check "… and the decoder's under 'decoder'" contains "group/decoder:Functional" "open"
check "… its layers listed" has "row/conv2d_1"
# The summary's group rows: Keras's model.summary() gives the nested encoder 18,672 parameters, the decoder 9,569.
check "the summary shows the encoder as a group row with its output and 18,672 parameters" \
    contains "summarygroup/encoder:Functional" "encoder|(None, 16)|18,672"
check "… the decoder with 9,569" contains "summarygroup/decoder:Functional" "|9,569"
shot 13_grouped_list
click "group/encoder:Functional"
check "a click on the header folds the group" contains "group/encoder:Functional" "folded"
check "… its layers are hidden" bash -c "! grep -q -P '^row/conv2d_1\t' '$PROBE'"
check "… in the summary too" bash -c "! grep -q -P '^summary/conv2d_1\t' '$PROBE'"
check "… the decoder's are not" has "row/conv2d_transpose_1"
shot 14_group_folded
click "row/conv2d_transpose_1"
xdotool key Delete
settle
check "Del in the grouped list deletes the layer" bash -c "! grep -q -P '^row/conv2d_transpose_1\t' '$PROBE'"
xdotool key ctrl+z
settle
check "Ctrl+Z brings it back" has "row/conv2d_transpose_1"
check "… and the encoder stays folded" contains "group/encoder:Functional" "folded"
# The folded header itself, reached with Down from the row above it: Del deletes the whole group in one step, Ctrl+D
# is refused by name, Ctrl+Z brings every layer back.
above=$(awk -F'\t' -v gy="$(probe_line group/encoder:Functional | cut -f3)" \
    '$1 ~ /^row\// && $3 < gy && $3 > best { best = $3; name = $1 } END { print name }' "$PROBE")
click "$above"
xdotool key Down
settle 0.5
xdotool key ctrl+d
settle
check "Ctrl+D on the folded header is refused, naming the group" contains "statusMessage" "Unfold the group encoder"
xdotool key Delete
settle
check "Del on the folded header deletes the whole group" bash -c "! grep -q -P '^group/encoder' '$PROBE'"
check "… the decoder stays" has "row/conv2d_transpose_1"
shot 15_group_deleted
xdotool key ctrl+z
settle
check "one Ctrl+Z brings the whole group back, folded" contains "group/encoder:Functional" "folded"
click "group/encoder:Functional"
check "another click unfolds it" has "row/conv2d_1"
stop_session

# ---------------------------------------------------------------------------------------------------- dark
echo "== 1280x720, dark palette"
start_session 1280x720 -- --palette dark --select max_pooling2d_2 --view stepper
shot 09_dark_stepper
click "tab/All layers"
shot 10_dark_overview
stop_session

# ---------------------------------------------------------------------------------------------------- scale 2
echo "== 1920x1080 with QT_SCALE_FACTOR=2"
start_session 1920x1080 QT_SCALE_FACTOR=2
shot 11_scale_factor_2
check "under QT_SCALE_FACTOR=2 the first window fits the screen" window_fits
stop_session

echo "== 1920x1080"
start_session 1920x1080
check "wide layout: palette and layer list side by side" bash -c "
    p=\$(grep -P '^paletteDock\t' '$PROBE' | cut -f2); l=\$(grep -P '^layersDock\t' '$PROBE' | cut -f2)
    [ -n \"\$p\" ] && [ -n \"\$l\" ] && [ \"\$p\" -lt \"\$l\" ]"
shot 12_wide
stop_session

echo "$FAILS failed; screenshots in $OUT"
exit "$FAILS"
