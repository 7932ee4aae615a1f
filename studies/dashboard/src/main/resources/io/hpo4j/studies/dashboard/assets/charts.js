/*
 * hpo4j dashboard charts: small SVG charts drawn without a library (line and scatter charts with
 * linear or log axes, parallel coordinates with brushing), and a shared tooltip. Every text is set
 * with textContent, never parsed as HTML.
 */
"use strict";

const Charts = (() => {
  const NS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, parent) {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== undefined && v !== null) el.setAttribute(k, v);
    }
    if (parent) parent.appendChild(el);
    return el;
  }

  function text(parent, x, y, content, attrs) {
    const t = svg("text", Object.assign({ x, y }, attrs || {}), parent);
    t.textContent = content;
    return t;
  }

  // ---- tooltip ----
  function tip(el, content) {
    el.addEventListener("mouseenter", (e) => showTip(e, typeof content === "function" ? content() : content));
    el.addEventListener("mousemove", moveTip);
    el.addEventListener("mouseleave", hideTip);
  }
  function showTip(e, content) {
    const t = document.getElementById("tip");
    if (!t) return;
    t.textContent = "";
    for (const line of String(content).split("\n")) {
      const d = document.createElement("div");
      d.textContent = line;
      t.appendChild(d);
    }
    t.hidden = false;
    moveTip(e);
  }
  function moveTip(e) {
    const t = document.getElementById("tip");
    if (!t || t.hidden) return;
    const pad = 14;
    let x = e.clientX + pad;
    let y = e.clientY + pad;
    const r = t.getBoundingClientRect();
    if (x + r.width > window.innerWidth - 8) x = e.clientX - r.width - pad;
    if (y + r.height > window.innerHeight - 8) y = e.clientY - r.height - pad;
    t.style.left = x + "px";
    t.style.top = y + "px";
  }
  function hideTip() {
    const t = document.getElementById("tip");
    if (t) t.hidden = true;
  }

  // ---- scales ----
  function niceStep(span, count) {
    const raw = span / Math.max(1, count);
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const norm = raw / mag;
    return (norm >= 5 ? 10 : norm >= 2 ? 5 : norm >= 1 ? 2 : 1) * mag;
  }

  /** A linear scale; the domain is widened to whole ticks unless exact (then ticks fall inside it). */
  function linear(domain, range, count, exact) {
    let [d0, d1] = domain;
    if (!(isFinite(d0) && isFinite(d1))) { d0 = 0; d1 = 1; }
    if (d0 === d1) { const pad = Math.abs(d0) * 0.05 || 0.5; d0 -= pad; d1 += pad; }
    let step = niceStep(d1 - d0, count || 5);
    if (exact && Number.isInteger(d0) && Number.isInteger(d1)) step = Math.max(1, Math.round(step));
    const lo = exact ? d0 : Math.floor(d0 / step) * step;
    const hi = exact ? d1 : Math.ceil(d1 / step) * step;
    const f = (v) => range[0] + (v - lo) / (hi - lo) * (range[1] - range[0]);
    f.invert = (p) => lo + (p - range[0]) / (range[1] - range[0]) * (hi - lo);
    f.ticks = () => {
      const out = [];
      for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step / 1e6; v += step) out.push(Math.abs(v) < step / 1e6 ? 0 : v);
      return out;
    };
    f.format = (v) => format(v, step);
    f.domain = [lo, hi];
    return f;
  }

  function log(domain, range) {
    let [d0, d1] = domain.map((v) => Math.max(v, 1e-300));
    if (d0 === d1) { d0 /= 2; d1 *= 2; }
    const lo = Math.floor(Math.log10(d0));
    const hi = Math.ceil(Math.log10(d1));
    const f = (v) => range[0] + (Math.log10(Math.max(v, 1e-300)) - lo) / (hi - lo) * (range[1] - range[0]);
    f.invert = (p) => Math.pow(10, lo + (p - range[0]) / (range[1] - range[0]) * (hi - lo));
    f.ticks = () => {
      const out = [];
      for (let e = lo; e <= hi; e++) out.push(Math.pow(10, e));
      return out;
    };
    f.format = (v) => v.toExponential(0).replace("e+", "e");
    f.domain = [Math.pow(10, lo), Math.pow(10, hi)];
    return f;
  }

  function format(v, step) {
    if (v === null || v === undefined || !isFinite(v)) return "–";
    if (step !== undefined) {
      const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
      return v.toFixed(decimals);
    }
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
    return Number(v.toPrecision(4)).toString();
  }

  function extent(values) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      if (v !== null && v !== undefined && isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    return lo === Infinity ? [0, 1] : [lo, hi];
  }

  function frame(container, height, margin) {
    container.textContent = "";
    const width = Math.max(240, container.clientWidth || 600);
    const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img" }, container);
    const m = Object.assign({ top: 14, right: 18, bottom: 38, left: 56 }, margin || {});
    return { root, width, height, m, x0: m.left, x1: width - m.right, y0: height - m.bottom, y1: m.top };
  }

  function axes(f, xs, ys, opts) {
    const g = svg("g", { class: "axes" }, f.root);
    for (const t of ys.ticks()) {
      const y = ys(t);
      svg("line", { x1: f.x0, x2: f.x1, y1: y, y2: y, class: "grid" }, g);
      text(g, f.x0 - 6, y + 4, ys.format(t), { class: "tick", "text-anchor": "end" });
    }
    let ticks = xs.ticks();
    if (opts.integerX) ticks = ticks.filter((t) => Number.isInteger(t));
    for (const t of ticks) {
      const x = xs(t);
      svg("line", { x1: x, x2: x, y1: f.y0, y2: f.y0 + 4, class: "axis" }, g);
      text(g, x, f.y0 + 17, opts.integerX ? String(t) : xs.format(t), { class: "tick", "text-anchor": "middle" });
    }
    svg("line", { x1: f.x0, x2: f.x1, y1: f.y0, y2: f.y0, class: "axis" }, g);
    if (opts.xLabel) text(g, (f.x0 + f.x1) / 2, f.height - 4, opts.xLabel, { class: "label", "text-anchor": "middle" });
    if (opts.yLabel) {
      text(g, 14, (f.y0 + f.y1) / 2, opts.yLabel,
        { class: "label", "text-anchor": "middle", transform: `rotate(-90 14 ${(f.y0 + f.y1) / 2})` });
    }
  }

  function marker(parent, shape, x, y, attrs) {
    const a = Object.assign({}, attrs);
    if (shape === "x") {
      const r = a.r || 4.5;
      const g = svg("g", { class: a.class, stroke: a.stroke || a.fill, "stroke-width": 2.2, "stroke-linecap": "round" }, parent);
      svg("line", { x1: x - r, y1: y - r, x2: x + r, y2: y + r }, g);
      svg("line", { x1: x - r, y1: y + r, x2: x + r, y2: y - r }, g);
      svg("circle", { cx: x, cy: y, r: r + 3, fill: "transparent", stroke: "none" }, g);
      return g;
    }
    if (shape === "triangle") {
      const r = a.r || 5;
      return svg("path", { d: `M${x},${y - r} L${x + r},${y + r * 0.8} L${x - r},${y + r * 0.8} Z`, fill: a.fill,
        stroke: a.stroke, "stroke-width": a["stroke-width"], class: a.class }, parent);
    }
    return svg("circle", { cx: x, cy: y, r: a.r || 4, fill: a.fill, stroke: a.stroke, "stroke-width": a["stroke-width"],
      class: a.class }, parent);
  }

  /**
   * Line chart. series: [{id, label, color, width, dash, opacity, points: [[x, y]], end: {shape, label, priority}, tip}];
   * opts: {height, xLabel, yLabel, integerX, logY, xMin, vlines: [{x, label, color, faint}],
   * labels: [{x, y, text, color, priority}] (in data units), onClick(id)}. Labels (series' end
   * labels and opts.labels) are placed by priority next to their point, nudged up or down to
   * clear each other; one that finds no room is left out (its point keeps its tooltip).
   */
  function line(container, series, opts) {
    const f = frame(container, opts.height || 300, opts.margin);
    const xsAll = [];
    const ysAll = [];
    for (const s of series) for (const [x, y] of s.points) { xsAll.push(x); if (y !== null) ysAll.push(y); }
    if (opts.xMin !== undefined) xsAll.push(opts.xMin);
    const xe = extent(xsAll);
    if (xe[0] === xe[1]) xe[1] = xe[0] + 1;
    const xs = linear(xe, [f.x0, f.x1], Math.max(2, Math.floor((f.x1 - f.x0) / 70)), opts.integerX);
    const ys = (opts.logY ? log : linear)(extent(ysAll), [f.y0, f.y1], 5);
    axes(f, xs, ys, opts);
    const plot = svg("g", { class: "plot" }, f.root);
    const taken = vlines(plot, f, xs, opts.vlines || []);   // the boxes of their labels, which the others avoid
    const labels = [];
    for (const s of series) {
      const pts = s.points.filter(([, y]) => y !== null && isFinite(y));
      if (!pts.length) continue;
      const g = svg("g", { class: "series" + (opts.onClick ? " clickable" : ""), opacity: s.opacity }, plot);
      const d = pts.map(([x, y], i) => (i ? "L" : "M") + xs(x).toFixed(1) + "," + ys(y).toFixed(1)).join(" ");
      svg("path", { d, fill: "none", stroke: s.color, "stroke-width": s.width || 1.6, "stroke-dasharray": s.dash,
        "stroke-linejoin": "round", "stroke-linecap": "round" }, g);
      svg("path", { d, fill: "none", stroke: "transparent", "stroke-width": 10 }, g);
      if (s.dots) for (const [x, y] of pts) marker(g, "dot", xs(x), ys(y), { r: 2.6, fill: s.color });
      if (s.end) {
        const [x, y] = pts[pts.length - 1];
        marker(g, s.end.shape, xs(x), ys(y), { fill: s.end.fill || s.color, stroke: s.end.stroke || s.color, r: s.end.r,
          "stroke-width": 1.5, class: "end-marker" });
        if (s.end.label) labels.push({ px: xs(x), py: ys(y), text: s.end.label, color: s.color, priority: s.end.priority || 0 });
      }
      if (s.tip) tip(g, s.tip);
      if (opts.onClick) g.addEventListener("click", () => opts.onClick(s.id));
      g.addEventListener("mouseenter", () => g.classList.add("hover"));
      g.addEventListener("mouseleave", () => g.classList.remove("hover"));
    }
    for (const l of opts.labels || []) {
      if (isFinite(l.y)) labels.push({ px: xs(l.x), py: ys(l.y), text: l.text, color: l.color, priority: l.priority || 0 });
    }
    placeLabels(svg("g", { class: "labels" }, plot), f, labels, taken);
    return f.root;
  }

  /**
   * Dashed vertical lines at x, labelled at the top; labels of nearby lines are stacked. Lines
   * outside the x range are left out. Returns the labels' boxes [x0, y0, x1, y1].
   */
  function vlines(parent, f, xs, lines) {
    const placed = [];
    const boxes = [];
    for (const v of lines) {
      const x = xs(v.x);
      if (!(x >= f.x0 - 0.5 && x <= f.x1 + 0.5)) continue;
      svg("line", { x1: x, x2: x, y1: f.y1, y2: f.y0, stroke: v.color, "stroke-dasharray": v.faint ? "2 3" : "4 3",
        "stroke-width": v.faint ? 1 : 1.2, opacity: v.faint ? 0.8 : 1, class: "vline" }, parent);
      if (!v.label) continue;
      const width = v.label.length * 6 + 8;
      const left = x + 4 + width > f.x1 + f.m.right;   // near the right edge: the label goes left of the line
      const box = [left ? x - 4 - width : x + 4, left ? x - 4 : x + 4 + width];
      let row = 0;
      while (placed.some(([r, a, b]) => r === row && a < box[1] && box[0] < b)) row++;
      placed.push([row, box[0], box[1]]);
      const y = f.y1 + 10 + 12 * row;
      boxes.push([box[0], y - 10, box[1], y + 2]);
      text(parent, left ? x - 4 : x + 4, y, v.label, { class: "vlabel", fill: v.color, "text-anchor": left ? "end" : "start" });
    }
    return boxes;
  }

  /**
   * Draws labels [{px, py, text, color, priority}] right of their points, highest priority first,
   * clear of each other and of the boxes already taken.
   */
  function placeLabels(parent, f, labels, taken) {
    const boxes = taken.slice();
    const offsets = [-6, 6, -18, 18, -30, 30];
    labels.sort((a, b) => b.priority - a.priority);
    for (const l of labels) {
      const x0 = l.px + 7;
      const x1 = x0 + l.text.length * 6.2;
      for (const dy of offsets) {
        const y = Math.min(f.y0 - 3, Math.max(f.y1 + 9, l.py + dy + 4));   // the text's baseline
        const box = [x0, y - 10, x1, y + 2];
        if (boxes.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) continue;
        boxes.push(box);
        text(parent, x0, y, l.text, { class: "end-label", fill: l.color });
        break;
      }
    }
  }

  /**
   * Scatter chart. points: [{id, x, y, color, shape, hollow, tip}]; opts as for line, plus
   * steps: {color, label, points: [[x, y]]} for a step line (the best value so far).
   */
  function scatter(container, points, opts) {
    const f = frame(container, opts.height || 300, opts.margin);
    const ysAll = points.map((p) => p.y);
    if (opts.steps) for (const [, y] of opts.steps.points) ysAll.push(y);
    const xe = extent(points.map((p) => p.x).concat([0]));
    const xs = linear([xe[0] - 0.5, xe[1] + 0.5], [f.x0, f.x1], Math.max(2, Math.floor((f.x1 - f.x0) / 70)), true);
    const ys = (opts.logY ? log : linear)(extent(ysAll), [f.y0, f.y1], 5);
    axes(f, xs, ys, opts);
    const plot = svg("g", { class: "plot" }, f.root);
    if (opts.steps && opts.steps.points.length) {
      const sp = opts.steps.points;
      let d = "M" + xs(sp[0][0]) + "," + ys(sp[0][1]);
      for (let i = 1; i < sp.length; i++) d += " H" + xs(sp[i][0]) + " V" + ys(sp[i][1]);
      d += " H" + f.x1;
      svg("path", { d, fill: "none", stroke: opts.steps.color, "stroke-width": 2, opacity: 0.85 }, plot);
    }
    for (const p of points) {
      if (p.y === null || !isFinite(p.y)) continue;
      const el = marker(plot, p.shape || "dot", xs(p.x), ys(p.y), {
        r: p.r || 4.5, fill: p.hollow ? "var(--card)" : p.color, stroke: p.color, "stroke-width": p.hollow ? 2 : 1,
        class: "point" + (opts.onClick ? " clickable" : ""),
      });
      if (p.tip) tip(el, p.tip);
      if (opts.onClick) el.addEventListener("click", () => opts.onClick(p.id));
    }
    return f.root;
  }

  /**
   * Parallel coordinates with brushing. axes: [{name, kind: "num"|"cat", log, domain, choices}];
   * rows: [{id, values: [...], color, dash, tip}]; brushes: a map name -> [lo, hi] (in data units
   * for numbers, choice indices for categories) that the chart reads and changes; onBrush() is
   * called after a change. Drag on an axis to select a range, click an axis to clear it.
   */
  function parallel(container, axesSpec, rows, brushes, opts) {
    const f = frame(container, opts.height || 380, { top: 34, bottom: 30, left: 40, right: 60 });
    const n = axesSpec.length;
    const xOf = (i) => f.x0 + (n === 1 ? 0 : i * (f.x1 - f.x0) / (n - 1));
    const scales = axesSpec.map((a) => {
      if (a.kind === "cat") {
        const k = Math.max(1, a.choices.length);
        const s = (v) => f.y0 - (k === 1 ? 0.5 : v / (k - 1)) * (f.y0 - f.y1);
        s.invert = (p) => (f.y0 - p) / (f.y0 - f.y1) * (k - 1);
        return s;
      }
      return (a.log ? log : linear)(a.domain, [f.y0, f.y1], 5);
    });
    const active = (row) => axesSpec.every((a, i) => {
      const b = brushes[a.name];
      const v = row.values[i];
      return !b || (v !== null && v !== undefined && v >= b[0] && v <= b[1]);
    });
    const linesG = svg("g", { class: "pc-lines" }, f.root);
    const sorted = rows.slice().sort((a, b) => Number(active(a)) - Number(active(b)));
    let selected = 0;
    for (const r of sorted) {
      const on = active(r);
      if (on) selected++;
      const pts = r.values.map((v, i) => (v === null || v === undefined ? null : [xOf(i), scales[i](v)]));
      const d = [];
      let pen = false;
      for (const p of pts) {
        if (!p) { pen = false; continue; }
        d.push((pen ? "L" : "M") + p[0].toFixed(1) + "," + p[1].toFixed(1));
        pen = true;
      }
      const path = svg("path", { d: d.join(" "), fill: "none", stroke: on ? r.color : "var(--faint)",
        "stroke-width": on ? 1.8 : 1, opacity: on ? 0.9 : 0.5, "stroke-dasharray": r.dash, class: "pc-line" + (on ? " on" : "") }, linesG);
      if (r.tip && on) tip(path, r.tip);
      if (opts.onClick && on) path.addEventListener("click", () => opts.onClick(r.id));
    }
    axesSpec.forEach((a, i) => {
      const x = xOf(i);
      const g = svg("g", { class: "pc-axis" }, f.root);
      svg("line", { x1: x, x2: x, y1: f.y1, y2: f.y0, class: "axis-strong" }, g);
      text(g, x, f.y1 - 16, a.name, { class: "pc-name", "text-anchor": "middle" });
      const s = scales[i];
      const ticks = a.kind === "cat" ? a.choices.map((c, j) => [j, String(c)])
        : s.ticks().filter((t) => !a.integer || Number.isInteger(t)).map((t) => [t, a.integer ? String(t) : s.format(t)]);
      for (const [t, label] of ticks) {
        const y = s(t);
        svg("line", { x1: x - 3, x2: x + 3, y1: y, y2: y, class: "axis" }, g);
        text(g, x + 6, y + 4, label, { class: "tick pc-tick" });
      }
      const b = brushes[a.name];
      if (b) {
        const ya = s(b[0]);
        const yb = s(b[1]);
        svg("rect", { x: x - 8, width: 16, y: Math.min(ya, yb), height: Math.max(2, Math.abs(ya - yb)), class: "brush" }, g);
      }
      // the hit area for brushing
      const hit = svg("rect", { x: x - 14, width: 28, y: f.y1 - 4, height: f.y0 - f.y1 + 8, class: "pc-hit" }, g);
      let start = null;
      const yIn = (e) => {
        const r = f.root.getBoundingClientRect();
        return Math.min(f.y0, Math.max(f.y1, (e.clientY - r.top) * (f.height / r.height)));
      };
      let live = null;
      hit.addEventListener("pointerdown", (e) => {
        start = yIn(e);
        hit.setPointerCapture(e.pointerId);
        live = svg("rect", { x: x - 8, width: 16, y: start, height: 1, class: "brush" }, g);
      });
      hit.addEventListener("pointermove", (e) => {
        if (start === null) return;
        const y = yIn(e);
        live.setAttribute("y", Math.min(start, y));
        live.setAttribute("height", Math.max(1, Math.abs(y - start)));
      });
      hit.addEventListener("pointerup", (e) => {
        if (start === null) return;
        const end = yIn(e);
        const y0 = start;
        start = null;
        if (Math.abs(end - y0) < 4) {
          delete brushes[a.name];
        } else {
          const v0 = s.invert(y0);
          const v1 = s.invert(end);
          brushes[a.name] = a.kind === "cat"
            ? [Math.ceil(Math.min(v0, v1) - 0.5), Math.floor(Math.max(v0, v1) + 0.5)]
            : [Math.min(v0, v1), Math.max(v0, v1)];
        }
        opts.onBrush();
      });
    });
    return { selected };
  }

  /**
   * Timeline: one bar per trial from its start to its end (now, while it runs), trials top to
   * bottom. bars: [{id, start, end (ms since the epoch), color, running, tip}].
   */
  function timeline(container, bars, opts) {
    const rowH = Math.max(4, Math.min(16, Math.floor(320 / Math.max(1, bars.length))));
    const f = frame(container, Math.max(120, bars.length * rowH + 54), { left: 56, right: 18, top: 10, bottom: 38 });
    const t0 = Math.min(...bars.map((b) => b.start));
    const t1 = Math.max(...bars.map((b) => b.end));
    const span = Math.max(0.001, (t1 - t0) / 1000);
    const xs = linear([0, span], [f.x0, f.x1], Math.max(2, Math.floor((f.x1 - f.x0) / 90)));
    const seconds = span < 60;   // a quick study: seconds (0.5 s, 2 s), else m:ss
    const g = svg("g", { class: "axes" }, f.root);
    for (const t of xs.ticks()) {
      const x = xs(t);
      svg("line", { x1: x, x2: x, y1: f.y1, y2: f.y0, class: "grid" }, g);
      const m = Math.floor(t / 60);
      text(g, x, f.y0 + 17, seconds ? xs.format(t) : m + ":" + String(Math.round(t % 60)).padStart(2, "0"),
        { class: "tick", "text-anchor": "middle" });
    }
    svg("line", { x1: f.x0, x2: f.x1, y1: f.y0, y2: f.y0, class: "axis" }, g);
    text(g, (f.x0 + f.x1) / 2, f.height - 4, opts.xLabel || "time since the first trial started " + (seconds ? "(s)" : "(m:ss)"),
      { class: "label", "text-anchor": "middle" });
    const plot = svg("g", { class: "plot" }, f.root);
    bars.forEach((b, i) => {
      const y = f.y1 + i * rowH;
      if (rowH >= 10 && (bars.length <= 30 || i % 5 === 0)) {
        text(plot, f.x0 - 6, y + rowH * 0.75, "#" + b.id, { class: "tick", "text-anchor": "end" });
      }
      const x0 = xs((b.start - t0) / 1000);
      const x1 = Math.max(x0 + 2, xs((b.end - t0) / 1000));
      const r = svg("rect", { x: x0, y: y + 1, width: x1 - x0, height: Math.max(2, rowH - 2), rx: 2, fill: b.color,
        opacity: b.running ? 0.55 : 0.9, class: "bar-t" + (opts.onClick ? " clickable" : "") }, plot);
      if (b.running) r.setAttribute("stroke", b.color);
      if (b.tip) tip(r, b.tip);
      if (opts.onClick) r.addEventListener("click", () => opts.onClick(b.id));
    });
    return f.root;
  }

  /** A color from a sequential ramp (dark blue for t=1, the best; light for t=0). */
  function ramp(t) {
    const stops = [[198, 219, 239], [107, 174, 214], [49, 130, 189], [8, 69, 148], [37, 37, 120]];
    const x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(x));
    const u = x - i;
    const c = stops[i].map((v, k) => Math.round(v + (stops[i + 1][k] - v) * u));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }

  return { line, scatter, parallel, timeline, ramp, format, tip, hideTip };
})();
