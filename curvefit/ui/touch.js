// The touch layer of curvefit's fit chart (curvefit/ui/touch.py): pointer events on its SVG become edits.
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
  setTimeout(() => { if (!t.gesture) clearGhost(t); }, 4000);  // (an answer lost: the ghost goes anyway)
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
