"""Touch the curve: add, drag and remove points on the fit chart, or draw the target, while the net learns.

A components v2 element (no iframe, its JavaScript shipped here, no CDN) listens on the page for pointer events
on the fit chart's plot, which Vega draws as SVG (drawing/charts.py): the plot's rectangle is its background,
and its x and y domains are written in an invisible text, so a pixel is a point. Each edit goes to the server as
a trigger value and is checked there as an upload is (session/touching.py). Altair's own selections
(`on_select`) send back selected data only: no position on empty space, no drag. Mounted outside the live
fragment, as ui/shown_step.py is: a trigger sent from inside one was taken as a rerun of the fragment alone.
"""

import streamlit as st

from curvefit import text
from curvefit.drawing.charts import SCALES_MARK
from curvefit.inputs.hand_points import MAX_HAND_POINTS
from curvefit.inputs.touch import MAX_STROKE, version
from curvefit.session.page import Page, use_points
from curvefit.session.touching import current_points, edited_while_training, touchable, touched, undo
from curvefit.ui.live import FIT_KEY
from curvefit.ui.state import on_page

KEY = "touch"
MODES = ("points", "draw")
HOLD_MS = 600  # a press this long on a point, without moving, removes it (a phone has no shift key)

JS = """
export default function ({ data, setTriggerValue }) {
  const t = (window.curvefitTouch = window.curvefitTouch || {});
  t.data = data;
  t.send = setTriggerValue;
  if (t.ghostVersion && t.ghostVersion !== data.version) clearGhost(t);
  if (!t.style) {
    t.style = document.createElement("style");
    document.head.appendChild(t.style);
  }
  // On the chart a finger draws and drags instead of scrolling the page (elsewhere it still scrolls).
  const over = `.st-key-${data.chart} svg.marks`;
  t.style.textContent = data.enabled ? `${over} { touch-action: none; cursor: crosshair; }` : "";
  if (t.listening) return;
  t.listening = true;
  t.plot = () => plot(t);
  document.addEventListener("pointerdown", (event) => down(t, event), true);
  document.addEventListener("pointermove", (event) => move(t, event), true);
  document.addEventListener("pointerup", (event) => up(t, event), true);
  document.addEventListener("pointercancel", () => { t.gesture = null; clearGhost(t); }, true);
  document.addEventListener("contextmenu", (event) => {  // a long press on a phone: not the browser's menu
    const p = t.data.enabled && plot(t);
    if (p && p.svg.contains(event.target)) event.preventDefault();
  }, true);
}

function plot(t) {
  const svg = document.querySelector(`.st-key-${t.data.chart} svg.marks`);
  const background = svg && svg.querySelector(".role-frame.root > g > path.background");
  const written = svg && [...svg.querySelectorAll("text")].find((e) => e.textContent.startsWith(t.data.scales + " "));
  if (!background || !written) return null;
  const [x0, x1, y0, y1] = written.textContent.split(" ").slice(1).map(Number);
  const r = background.getBoundingClientRect();
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  return {
    svg, r,
    inside: (px, py) => px >= r.left && px <= r.right && py >= r.top && py <= r.bottom,
    toData: (px, py) => [
      x0 + ((clamp(px, r.left, r.right) - r.left) / r.width) * (x1 - x0),
      y1 - ((clamp(py, r.top, r.bottom) - r.top) / r.height) * (y1 - y0),
    ],
    toPixels: (x, y) => [r.left + ((x - x0) / (x1 - x0)) * r.width, r.top + ((y1 - y) / (y1 - y0)) * r.height],
    clamped: (px, py) => [clamp(px, r.left, r.right), clamp(py, r.top, r.bottom)],
  };
}

function nearest(t, p, px, py, radius) {
  let best = -1, bestDistance = radius;
  t.data.x.forEach((x, i) => {
    const [qx, qy] = p.toPixels(x, t.data.y[i]);
    const distance = Math.hypot(qx - px, qy - py);
    if (distance <= bestDistance) { best = i; bestDistance = distance; }
  });
  return best;
}

function send(t, edit) {
  t.send("edit", { ...edit, version: t.data.version });
  t.ghostVersion = t.data.version;  // the ghost stays until the chart shows the edit
  setTimeout(() => clearGhost(t), 4000);
}

function down(t, event) {
  const d = t.data;
  if (!d || !d.enabled || event.button > 0 || t.gesture) return;  // (a second finger does nothing)
  const p = plot(t);
  if (!p || !p.svg.contains(event.target) || !p.inside(event.clientX, event.clientY)) return;
  event.preventDefault();
  const at = [event.clientX, event.clientY];
  if (d.mode === "draw") {
    t.gesture = { kind: "stroke", p, pixels: [at], pointer: event.pointerId };
    ghost(t, p, t.gesture);
    return;
  }
  const index = nearest(t, p, ...at, event.pointerType === "mouse" ? 10 : 22);
  if (index >= 0 && event.shiftKey) {
    send(t, { op: "remove", index });
    return;
  }
  t.gesture = { kind: index >= 0 ? "drag" : "add", index, p, start: at, at, moved: false, pointer: event.pointerId };
  if (index >= 0 && event.pointerType !== "mouse") {
    const gesture = t.gesture;
    gesture.hold = setTimeout(() => {
      if (t.gesture !== gesture || gesture.moved) return;
      t.gesture = null;
      send(t, { op: "remove", index });
    }, d.hold_ms);
  }
}

function move(t, event) {
  const g = t.gesture;
  if (!g || event.pointerId !== g.pointer) return;
  event.preventDefault();
  const at = g.p.clamped(event.clientX, event.clientY);  // a drag outside the plot stays on its edge
  if (g.kind === "stroke") {
    const last = g.pixels[g.pixels.length - 1];
    if (Math.hypot(at[0] - last[0], at[1] - last[1]) >= 3 && g.pixels.length < t.data.max_stroke) g.pixels.push(at);
  } else {
    g.moved = g.moved || Math.hypot(at[0] - g.start[0], at[1] - g.start[1]) > 6;
    g.at = at;
    if (g.moved && g.hold) clearTimeout(g.hold);
  }
  ghost(t, g.p, g);
}

function up(t, event) {
  const g = t.gesture;
  if (!g || event.pointerId !== g.pointer) return;
  t.gesture = null;
  if (g.hold) clearTimeout(g.hold);
  const p = plot(t) || g.p;  // the scales the screen shows now: a playing fit may have moved them meanwhile
  if (g.kind === "stroke") {
    if (g.pixels.length >= 2) send(t, { op: "stroke", stroke: g.pixels.map((q) => p.toData(...q)) });
    else clearGhost(t);
  } else if (g.kind === "drag" && g.moved) {
    const [x, y] = p.toData(...g.at);
    send(t, { op: "move", index: g.index, x, y });
  } else if (g.kind === "add" && !g.moved) {
    const [x, y] = p.toData(...g.start);
    send(t, { op: "add", x, y });
  } else {
    clearGhost(t);
  }
}

// What the hand is doing, drawn over the chart until the server's next frame shows it.
function ghost(t, p, g) {
  if (!t.ghost) {
    t.ghost = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    const place = "position:fixed;left:0;top:0;width:100vw;height:100vh;pointer-events:none;z-index:999990";
    t.ghost.setAttribute("style", place);
    document.body.appendChild(t.ghost);
  }
  const colour = "#d62728";
  if (g.kind === "stroke") {
    const points = g.pixels.map((q) => q.join(",")).join(" ");
    const line = `fill="none" stroke="${colour}" stroke-width="3" stroke-dasharray="6 4"`;
    t.ghost.innerHTML = `<polyline ${line} points="${points}"/>`;
  } else {
    const [x, y] = g.at || g.start;
    t.ghost.innerHTML = `<circle cx="${x}" cy="${y}" r="7" fill="none" stroke="${colour}" stroke-width="2"/>`;
  }
}

function clearGhost(t) {
  if (t.ghost) t.ghost.innerHTML = "";
  t.ghostVersion = null;
}
"""
_element = st.components.v2.component("curvefit.touch", js=JS)


def touch_layer(state: Page) -> None:
    """The element that turns touches on the fit chart into edits (it draws nothing of its own)."""
    x, y = current_points(state)
    enabled = touchable(state)
    data = {
        "chart": FIT_KEY, "scales": SCALES_MARK, "enabled": enabled, "mode": touch_mode(),
        "x": x.tolist() if enabled else [], "y": y.tolist() if enabled else [], "version": version(x, y),
        "max_stroke": MAX_STROKE, "hold_ms": HOLD_MS,
    }  # fmt: skip
    _element(data=data, key=KEY, on_edit_change=on_page(_take))


def touch_controls(state: Page) -> None:
    """How the chart is touched: move points or draw the target, Undo, back to the generated data; and why the
    last edit was not taken. Plain buttons, drawn in a new visitor's first run too: a segmented control's code
    is fetched before the browser draws it, and it held Play back (docs/performance.md)."""
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    if not touchable(state):
        row.caption(text.TOUCH_OFF.format(most=MAX_HAND_POINTS, n=len(current_points(state)[0])))
        return
    mode = touch_mode()
    for each, icon in zip(MODES, (":material/touch_app:", ":material/draw:"), strict=True):
        row.button(
            text.TOUCH_MODES[each], icon=icon, type="secondary" if each == mode else "tertiary", help=text.TOUCH_HELP,
            on_click=_choose, args=(each,), key=f"touch_{each}",
        )  # fmt: skip
    row.button(text.UNDO, help=text.UNDO_HELP, disabled=not state.run.undo, on_click=on_page(_undo), key="undo")
    if state.run.own is not None:
        row.button(text.BACK_TO_GENERATED, on_click=on_page(use_points, None), key="touch_generated")
    row.caption(text.TOUCH_HINTS[mode])
    if moved := edited_while_training(state):
        st.caption(str(moved))
    if state.touch_problem:
        st.error(state.touch_problem)


def touch_mode() -> str:
    """Move points, or draw the target: the browser's own choice, kept with its widgets."""
    return st.session_state.get("touch_mode", MODES[0])


def _choose(mode: str) -> None:
    st.session_state.touch_mode = mode


def _take(state: Page) -> None:
    state.touch_problem = touched(state, getattr(st.session_state.get(KEY), "edit", None))


def _undo(state: Page) -> None:
    state.touch_problem = undo(state)
