/*
 * hpo4j dashboard: a single page over the read-only JSON API. Routes (in the URL's #):
 *   #/                      the studies
 *   #/s/NAME                a study: history, curves, importance, verdicts, running trials
 *   #/s/NAME/trials         its trial table (sortable, filterable)
 *   #/s/NAME/parallel       parallel coordinates with brushing
 *   #/s/NAME/t/N            one trial
 * The current view's document is polled every two seconds (with its ETag), so new trials and
 * epochs appear without a reload. Text is always set with textContent.
 */
"use strict";

const POLL_MS = 2000;
const STATE_COLORS = {
  COMPLETE: "#2563eb", RUNNING: "#16a34a", PRUNED: "#d97706", FAIL: "#dc2626", WAITING: "#94a3b8",
};
const BEST_COLOR = "#7c3aed";
const STATES = ["COMPLETE", "RUNNING", "PRUNED", "FAIL", "WAITING"];
// [key, label, column of an epoch row]; "reported" is the objective's reported value by step
// (trial.report), the curve a plain objective has without epochs.
const METRICS = [
  ["validation_accuracy", "validation accuracy", 4],
  ["validation_loss", "validation loss", 3],
  ["train_accuracy", "train accuracy", 2],
  ["train_loss", "train loss", 1],
  ["reported", "reported value", null],
];
const VERDICT_COLORS = {
  GOOD_FIT: "#16a34a", OVERFIT: "#dc2626", UNDERFIT: "#d97706", DIVERGED: "#7f1d1d", INCONCLUSIVE: "#94a3b8",
};

// ---------- DOM helpers ----------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return el;
}

/** Appends children, skipping null and false (Element.append would write "null"). */
function append(el, ...children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return el;
}

function chip(state, extra) {
  return h("span", { class: "chip chip-" + state.toLowerCase() }, extra || state.toLowerCase());
}

function verdictChip(v) {
  if (!v) return h("span", { class: "muted" }, "–");
  const base = v.label.startsWith("PRUNED") ? "PRUNED" : v.verdict;
  return h("span", { class: "verdict v-" + base.toLowerCase() + (v.provisional ? " provisional" : ""), title: v.reason },
    v.label.replace("_", " ").toLowerCase());
}

const fmt = (v) => Charts.format(v);
function fmtSeconds(s) {
  if (s === null || s === undefined) return "–";
  if (s < 60) return s.toFixed(s < 10 ? 1 : 0) + " s";
  const m = Math.floor(s / 60);
  if (m < 60) return m + " min " + String(Math.round(s % 60)).padStart(2, "0") + " s";
  return Math.floor(m / 60) + " h " + String(m % 60).padStart(2, "0") + " min";
}
function ago(iso) {
  if (!iso) return "–";
  const s = (Date.now() - Date.parse(iso)) / 1000;
  if (s < 5) return "just now";
  if (s < 90) return Math.round(s) + " s ago";
  if (s < 5400) return Math.round(s / 60) + " min ago";
  if (s < 172800) return Math.round(s / 3600) + " h ago";
  return new Date(iso).toLocaleDateString();
}
function fmtParam(v) {
  return typeof v === "number" ? fmt(v) : String(v);
}
const enc = encodeURIComponent;

// ---------- polling ----------
const live = {
  paused: false, timer: null, etag: null, url: null, onData: null, lastOk: null, failures: 0,
};

function poll(url, onData) {
  clearTimeout(live.timer);
  live.url = url;
  live.etag = null;
  live.onData = onData;
  tick();
}

async function tick() {
  const url = live.url;
  clearTimeout(live.timer);
  if (!url) return;
  try {
    const headers = live.etag ? { "If-None-Match": live.etag } : {};
    const res = await fetch(url, { headers, cache: "no-store" });
    if (url !== live.url) return;
    live.failures = 0;
    live.lastOk = new Date();
    if (res.status === 200) {
      live.etag = res.headers.get("ETag");
      const data = await res.json();
      if (url === live.url) live.onData(data, null);
    } else if (res.status !== 304) {
      const body = await res.json().catch(() => ({ error: res.statusText }));
      live.onData(null, body.error || res.statusText);
    }
    setLive("ok");
  } catch (e) {
    live.failures++;
    setLive("down");
  }
  if (!live.paused && url === live.url) live.timer = setTimeout(tick, POLL_MS);
}

function setLive(state) {
  const box = document.getElementById("live");
  const label = document.getElementById("live-text");
  box.classList.toggle("down", state === "down");
  box.classList.toggle("paused", live.paused);
  if (live.paused) label.textContent = "paused";
  else if (state === "down") label.textContent = "server unreachable, retrying…";
  else label.textContent = "live · " + (live.lastOk ? live.lastOk.toLocaleTimeString() : "");
}

document.getElementById("pause").addEventListener("click", (e) => {
  live.paused = !live.paused;
  e.target.textContent = live.paused ? "Resume" : "Pause";
  setLive("ok");
  if (!live.paused) tick();
});

// ---------- routing ----------
function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").filter((p) => p.length).map(decodeURIComponent);
  Charts.hideTip();
  const app = document.getElementById("app");
  app.textContent = "";
  if (parts[0] === "s" && parts.length >= 2) {
    const study = parts[1];
    if (parts[2] === "t" && parts[3] !== undefined) return trialPage(app, study, Number(parts[3]));
    return studyPage(app, study, parts[2] || "overview");
  }
  return studiesPage(app);
}

function crumbs(items) {
  const nav = document.getElementById("crumbs");
  nav.textContent = "";
  items.forEach(([label, href], i) => {
    if (i) nav.appendChild(h("span", { class: "sep" }, "/"));
    nav.appendChild(href ? h("a", { href }, label) : h("span", { class: "here" }, label));
  });
}

window.addEventListener("hashchange", route);
// Charts are laid out to the page's width only: a change of height (a console opening, a
// screenshot tool growing the window) redraws nothing, so it cannot interrupt a drag.
let resizeTimer = null;
let drawnWidth = window.innerWidth;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (window.innerWidth === drawnWidth) return;
    drawnWidth = window.innerWidth;
    if (current.redraw) current.redraw();
  }, 150);
});
const current = { redraw: null };

// ---------- the studies ----------
function studiesPage(app) {
  crumbs([["Studies", null]]);
  document.title = "Studies · hpo4j dashboard";
  const filter = h("input", { type: "search", placeholder: "Filter studies by name or note", class: "filter", "aria-label": "filter studies" });
  const sub = h("p", { class: "muted" }, "");
  const body = h("div", { class: "card" });
  append(app, h("section", { class: "page-head" }, h("h1", {}, "Studies"), sub), h("div", { class: "toolbar" }, filter), body);
  let data = null;
  const render = () => {
    if (!data) return;
    sub.textContent = data.studies.length + " stud" + (data.studies.length === 1 ? "y" : "ies") + " in " + data.storage;
    const q = filter.value.trim().toLowerCase();
    const rows = data.studies.filter((s) => !q || s.name.toLowerCase().includes(q) || (s.note || "").toLowerCase().includes(q));
    body.textContent = "";
    if (!data.studies.length) {
      append(body, h("p", { class: "empty" }, "No studies yet. Start one with ", h("code", {}, "hpo run study.yaml"),
        "; it appears here as soon as its first trial starts."));
      return;
    }
    const table = h("table", { class: "grid-table studies" },
      h("thead", {}, h("tr", {}, ["Study", "Direction", "Trials", "States", "Best value", "Last activity", "Note"]
        .map((c) => h("th", {}, c)))),
      h("tbody", {}, rows.map((s) => h("tr", { class: "clickable", onclick: () => { location.hash = "#/s/" + enc(s.name); } },
        h("td", {}, h("a", { href: "#/s/" + enc(s.name), class: "study-name" }, s.name)),
        h("td", {}, s.direction.toLowerCase()),
        h("td", { class: "num" }, String(s.total)),
        h("td", {}, STATES.filter((st) => s.counts[st]).map((st) => chip(st, s.counts[st] + " " + st.toLowerCase()))),
        h("td", { class: "num" }, s.best_value === null ? "–" : fmt(s.best_value),
          s.best_trial === null ? null : h("span", { class: "muted" }, " #" + s.best_trial)),
        h("td", {}, ago(s.last_activity)),
        h("td", { class: "note-cell" }, s.note || "")))));
    append(body, table);
  };
  filter.addEventListener("input", render);
  current.redraw = render;
  poll("/api/studies", (d, err) => {
    if (err) { body.textContent = err; return; }
    data = d;
    render();
  });
}

// ---------- a study ----------
const studyState = {}; // per study: UI choices that survive polls and tab switches

function uiFor(name) {
  if (!studyState[name]) {
    studyState[name] = {
      metric: null, shown: { COMPLETE: true, RUNNING: true, PRUNED: true, FAIL: true },
      sort: { key: "value", dir: 0 }, filter: "", states: new Set(STATES), brushes: {}, pcAll: false,
    };
  }
  return studyState[name];
}

function studyPage(app, name, tab) {
  crumbs([["Studies", "#/"], [name, null]]);
  document.title = name + " · hpo4j dashboard";
  const ui = uiFor(name);
  const head = h("section", { class: "page-head" });
  const tabs = h("nav", { class: "tabs" }, [["overview", "Overview"], ["trials", "Trials"], ["parallel", "Parallel coordinates"]]
    .map(([id, label]) => h("a", { href: "#/s/" + enc(name) + (id === "overview" ? "" : "/" + id), class: tab === id ? "active" : "" }, label)));
  const content = h("div", { class: "content" });
  append(app, head, tabs, content);
  const view = tab === "trials" ? trialsTab(content, name, ui) : tab === "parallel" ? parallelTab(content, name, ui)
    : overviewTab(content, name, ui);
  let data = null;
  current.redraw = () => data && view(data);
  poll("/api/studies/" + enc(name), (d, err) => {
    if (err) {
      content.textContent = "";
      append(content, h("p", { class: "error card" }, err));
      return;
    }
    data = d;
    renderHead(head, d);
    view(d);
  });
}

function renderHead(head, d) {
  const s = d.study;
  head.textContent = "";
  const best = d.trials.find((t) => t.number === s.best_trial);
  append(head, 
    h("div", { class: "title-row" }, h("h1", {}, s.name),
      h("span", { class: "muted" }, s.direction.toLowerCase() + " " + d.metric)),
    s.note ? h("p", { class: "study-note" }, s.note) : null,
    h("div", { class: "stats" },
      stat("Best value", s.best_value === null ? "–" : fmt(s.best_value),
        best ? h("a", { href: "#/s/" + enc(s.name) + "/t/" + best.number }, "trial #" + best.number) : "no completed trial yet"),
      stat("Trials", String(s.total), h("span", {}, STATES.filter((st) => s.counts[st]).map((st) => chip(st, s.counts[st] + " " + st.toLowerCase())))),
      stat("Running", String(s.counts.RUNNING || 0), (s.counts.WAITING ? s.counts.WAITING + " waiting" : "")),
      stat("Last activity", ago(s.last_activity), "created " + new Date(s.created).toLocaleString())));
}

function stat(label, value, sub) {
  return h("div", { class: "stat" }, h("div", { class: "stat-label" }, label), h("div", { class: "stat-value" }, value),
    h("div", { class: "stat-sub" }, sub));
}

function card(title, ...body) {
  return h("section", { class: "card" }, h("h2", {}, title), ...body);
}

function trialHref(study, n) {
  return "#/s/" + enc(study) + "/t/" + n;
}

/** A trial's curve of the metric: [[epoch or step, value]]. */
function curveOf(t, key) {
  if (key === "reported") return t.intermediate;
  const col = METRICS.find((m) => m[0] === key)[2];
  return t.epochs.map((e) => [e[0], e[col]]);
}

/** The epochs a trial ran, or the last step it reported when it records no epochs. */
function stepsRun(t) {
  if (t.epochs.length) return t.epochs.length;
  return t.intermediate.length ? t.intermediate[t.intermediate.length - 1][0] : 0;
}

function defaultMetric(d) {
  if (!d.trials.some((t) => t.epochs.length) && d.trials.some((t) => t.intermediate.length)) return "reported";
  return METRICS.some((m) => m[0] === d.metric) ? d.metric : "validation_loss";
}

function trialTip(t, extra) {
  const lines = ["trial #" + t.number + " · " + t.state.toLowerCase() + (t.pruned_at ? " at epoch " + t.pruned_at : "")];
  if (t.value !== null) lines.push("value " + fmt(t.value));
  else if (t.best_so_far !== null) lines.push("best so far " + fmt(t.best_so_far));
  if (extra) lines.push(extra);
  for (const [k, v] of Object.entries(t.params)) lines.push(k + " = " + fmtParam(v));
  return lines.join("\n");
}

function overviewTab(content, name, ui) {
  const historyBox = h("div", { class: "chart-box" });
  const importanceBox = h("div", {});
  const curvesBox = h("div", { class: "chart-box" });
  const verdictBox = h("div", {});
  const runningBox = h("div", {});
  const timelineBox = h("div", { class: "chart-box" });
  const metricSelect = h("select", { "aria-label": "curve metric" }, METRICS.map(([k, label]) => h("option", { value: k }, label)));
  const toggles = h("span", { class: "toggles" });
  const curvesLegend = h("div", { class: "legend" });
  append(content, 
    h("div", { class: "row" },
      card("Optimization history", historyBox, legend([["complete", STATE_COLORS.COMPLETE, "dot"], ["pruned (last value)", STATE_COLORS.PRUNED, "triangle"],
        ["running (best so far)", STATE_COLORS.RUNNING, "hollow"], ["best so far", BEST_COLOR, "line"]])),
      card("Parameter importance", importanceBox)),
    card("Learning curves", h("div", { class: "toolbar" }, h("label", {}, "Metric ", metricSelect), toggles), curvesBox, curvesLegend),
    h("div", { class: "row" }, card("Running now", runningBox), card("Fit verdicts", verdictBox)),
    card("Timeline", timelineBox, legend([["complete", STATE_COLORS.COMPLETE, "line"], ["running", STATE_COLORS.RUNNING, "line"],
      ["pruned", STATE_COLORS.PRUNED, "line"], ["failed", STATE_COLORS.FAIL, "line"]])));
  metricSelect.addEventListener("change", () => { ui.metric = metricSelect.value; draw(last); });
  let last = null;
  const draw = (d) => {
    last = d;
    if (!ui.metric) ui.metric = defaultMetric(d);
    metricSelect.value = ui.metric;
    drawToggles(toggles, ui, d, () => draw(last));
    drawHistory(historyBox, d, name);
    drawImportance(importanceBox, d);
    drawCurves(curvesBox, curvesLegend, d, name, ui);
    drawRunning(runningBox, d, name);
    drawVerdicts(verdictBox, d);
    drawTimeline(timelineBox, d, name);
  };
  return draw;
}

function drawTimeline(box, d, name) {
  const bars = d.trials.filter((t) => t.start).map((t) => ({
    id: t.number, start: Date.parse(t.start), end: t.complete ? Date.parse(t.complete) : Date.parse(t.start) + 1000 * (t.seconds || 0),
    color: STATE_COLORS[t.state], running: t.state === "RUNNING", tip: trialTip(t, "duration " + fmtSeconds(t.seconds)),
  }));
  if (!bars.length) {
    box.textContent = "";
    append(box, h("p", { class: "empty" }, "No trial has started yet."));
    return;
  }
  Charts.timeline(box, bars, { onClick: (n) => { location.hash = trialHref(name, n); } });
}

function legend(items) {
  return h("div", { class: "legend" }, items.map(([label, color, kind]) =>
    h("span", { class: "legend-item" }, swatch(color, kind), label)));
}

function swatch(color, kind) {
  const s = h("span", { class: "swatch swatch-" + kind });
  s.style.setProperty("--c", color);
  return s;
}

function drawToggles(box, ui, d, redraw) {
  box.textContent = "";
  for (const st of ["COMPLETE", "RUNNING", "PRUNED", "FAIL"]) {
    const n = d.trials.filter((t) => t.state === st).length;
    const cb = h("input", { type: "checkbox", checked: ui.shown[st] });
    cb.addEventListener("change", () => { ui.shown[st] = cb.checked; redraw(); });
    append(box, h("label", { class: "toggle" }, cb, swatch(STATE_COLORS[st], "line"), st.toLowerCase() + " (" + n + ")"));
  }
}

function drawHistory(box, d, name) {
  const max = d.study.direction === "MAXIMIZE";
  const points = [];
  const steps = [];
  let best = null;
  for (const t of d.trials) {
    if (t.state === "COMPLETE" && t.value !== null) {
      points.push({ id: t.number, x: t.number, y: t.value, color: STATE_COLORS.COMPLETE, tip: trialTip(t) });
      if (best === null || (max ? t.value > best : t.value < best)) {
        best = t.value;
        steps.push([t.number, best]);
      }
    } else if (t.state === "PRUNED" && t.value !== null) {
      points.push({ id: t.number, x: t.number, y: t.value, color: STATE_COLORS.PRUNED, shape: "triangle", tip: trialTip(t) });
    } else if (t.state === "RUNNING" && t.best_so_far !== null) {
      points.push({ id: t.number, x: t.number, y: t.best_so_far, color: STATE_COLORS.RUNNING, hollow: true, r: 5.5,
        tip: trialTip(t, "epoch " + stepsRun(t) + (t.planned_epochs ? "/" + t.planned_epochs : "")) });
    }
  }
  if (!points.length) {
    box.textContent = "";
    append(box, h("p", { class: "empty" }, "No trial has reported a value yet."));
    return;
  }
  Charts.scatter(box, points, { height: 280, xLabel: "trial", yLabel: d.metric, integerX: true,
    steps: { color: BEST_COLOR, points: steps }, onClick: (n) => { location.hash = trialHref(name, n); } });
}

function drawImportance(box, d) {
  box.textContent = "";
  const completed = d.study.counts.COMPLETE || 0;
  if (!d.importance.length) {
    append(box, h("p", { class: "empty" }, "Needs " + d.importance_min_trials + " completed trials (" + completed + " so far)."));
    return;
  }
  const top = Math.max(...d.importance.map((i) => i.importance), 1e-9);
  append(box, h("div", { class: "bars" }, d.importance.map((i) => {
    const bar = h("span", { class: "bar" + (i.p_value < 0.05 ? "" : " weak") });
    bar.style.width = (100 * i.importance / top).toFixed(1) + "%";
    return h("div", { class: "bar-row", title: "omega² share " + i.importance.toFixed(3) + ", p = " + i.p_value.toFixed(3)
        + " over " + i.trials + " trials, " + i.groups + " groups" },
      h("span", { class: "bar-label" }, i.parameter), h("span", { class: "bar-track" }, bar),
      h("span", { class: "bar-value" }, i.importance.toFixed(2)),
      h("span", { class: "bar-p" + (i.p_value < 0.05 ? " sig" : "") }, "p " + (i.p_value < 0.001 ? "<0.001" : i.p_value.toFixed(3))));
  })), h("p", { class: "hint" }, "Share of the variation of the value ranks each parameter explains alone (one-way ANOVA, omega²), over "
    + d.importance[0].trials + " completed trials; faded bars are not significant (p ≥ 0.05)."));
}

function drawCurves(box, legendBox, d, name, ui) {
  const bestN = d.study.best_trial;
  const series = [];
  const shown = d.trials.filter((t) => ui.shown[t.state] && curveOf(t, ui.metric).length);
  // pruned and failed first, then complete, then running, the best on top
  const order = { FAIL: 0, PRUNED: 1, COMPLETE: 2, RUNNING: 3 };
  shown.sort((a, b) => (order[a.state] - order[b.state]) || ((a.number === bestN) - (b.number === bestN)));
  const prunedAt = new Map();   // epoch -> the pruned trials' last points there
  for (const t of shown) {
    const points = curveOf(t, ui.metric);
    const isBest = t.number === bestN;
    const s = {
      id: t.number, points, color: isBest ? BEST_COLOR : STATE_COLORS[t.state], width: isBest ? 3 : t.state === "RUNNING" ? 2.4 : 1.4,
      opacity: isBest || t.state === "RUNNING" ? 1 : 0.55, dash: t.state === "RUNNING" ? "5 3" : undefined,
      tip: trialTip(t, t.verdict ? "verdict: " + t.verdict.label.toLowerCase() : null),
    };
    if (t.state === "PRUNED") {
      s.end = { shape: "x" };
      const at = t.pruned_at || stepsRun(t);
      const last = points.filter((p) => p[1] !== null).pop();
      if (last) prunedAt.set(at, (prunedAt.get(at) || []).concat([last]));
    } else if (t.state === "RUNNING") {
      s.end = { shape: "dot", r: 4.5, fill: "var(--card)", priority: 2,
        label: "#" + t.number + " ep " + stepsRun(t) + (t.planned_epochs ? "/" + t.planned_epochs : "") };
    } else if (t.state === "FAIL") s.end = { shape: "x", label: "failed" };
    else if (isBest) s.end = { shape: "dot", r: 4, label: "best #" + t.number, priority: 3 };
    series.push(s);
  }
  // the pruner's rungs, each with how many trials it stopped there; other prune epochs get one label each
  const rungs = [...new Set(shown.flatMap((t) => t.rungs || []))].sort((a, b) => a - b);
  const pruned = (n, e) => (n === 1 ? "1 pruned" : n + " pruned") + (e === undefined ? "" : " @" + e);
  const vlines = rungs.map((r) => ({ x: r, color: "#64748b", faint: true,
    label: "rung " + r + (prunedAt.has(r) ? " · " + pruned(prunedAt.get(r).length) : "") }));
  const labels = [];
  for (const [e, points] of prunedAt) {
    if (rungs.includes(e)) continue;
    const top = points.reduce((a, b) => (b[1] > a[1] ? b : a));   // the label goes by the highest ×
    labels.push({ x: top[0], y: top[1], text: points.length === 1 ? "pruned @" + e : pruned(points.length, e), color: STATE_COLORS.PRUNED, priority: 1 });
  }
  legendBox.textContent = "";
  append(legendBox, legend([["complete", STATE_COLORS.COMPLETE, "line"], ["running (dashed)", STATE_COLORS.RUNNING, "line"],
    ["pruned, × where it stopped", STATE_COLORS.PRUNED, "line"], ["failed", STATE_COLORS.FAIL, "line"], ["best trial", BEST_COLOR, "line"]]
    .concat(rungs.length ? [["pruner's rungs", "#64748b", "line"]] : [])));
  if (!series.length) {
    box.textContent = "";
    append(box, h("p", { class: "empty" }, ui.metric === "reported" ? "No trial has reported a value yet." : "No epochs recorded yet."));
    return;
  }
  Charts.line(box, series, { height: 340, margin: { right: 84 }, xLabel: ui.metric === "reported" ? "step" : "epoch",
    yLabel: METRICS.find((m) => m[0] === ui.metric)[1], integerX: true, xMin: 1, vlines, labels,
    onClick: (n) => { location.hash = trialHref(name, n); } });
}

function drawRunning(box, d, name) {
  box.textContent = "";
  const running = d.trials.filter((t) => t.state === "RUNNING");
  const waiting = d.trials.filter((t) => t.state === "WAITING").length;
  if (!running.length) {
    append(box, h("p", { class: "empty" }, "No trial is running" + (waiting ? "; " + waiting + " waiting." : ".")));
    return;
  }
  const metric = defaultMetric(d);
  append(box, h("table", { class: "grid-table compact" },
    h("thead", {}, h("tr", {}, ["Trial", "Epoch", d.metric, "Best so far", "Elapsed", "Verdict so far"].map((c) => h("th", {}, c)))),
    h("tbody", {}, running.map((t) => {
      const last = curveOf(t, metric).slice(-1)[0];
      const k = stepsRun(t);
      const progress = h("span", { class: "progress" }, h("span", { class: "progress-bar" }));
      if (t.planned_epochs) progress.firstChild.style.width = Math.min(100, 100 * k / t.planned_epochs) + "%";
      return h("tr", { class: "clickable", onclick: () => { location.hash = trialHref(name, t.number); } },
        h("td", {}, h("a", { href: trialHref(name, t.number) }, "#" + t.number)),
        h("td", {}, k + (t.planned_epochs ? "/" + t.planned_epochs : ""), t.planned_epochs ? progress : null),
        h("td", { class: "num" }, last ? fmt(last[1]) : "–"),
        h("td", { class: "num" }, fmt(t.best_so_far)),
        h("td", {}, fmtSeconds(t.seconds)),
        h("td", {}, verdictChip(t.verdict)));
    }))));
}

function drawVerdicts(box, d) {
  box.textContent = "";
  const entries = Object.entries(d.verdicts).sort((a, b) => b[1] - a[1]);
  if (!entries.length) {
    append(box, h("p", { class: "empty" }, "No trial has a curve to judge yet."));
    return;
  }
  const max = Math.max(...entries.map((e) => e[1]));
  append(box, h("div", { class: "bars wide" }, entries.map(([label, n]) => {
    const base = label.startsWith("PRUNED") ? "PRUNED" : label.split(" ")[0];
    const bar = h("span", { class: "bar" });
    bar.style.width = (100 * n / max) + "%";
    bar.style.background = base === "PRUNED" ? STATE_COLORS.PRUNED : VERDICT_COLORS[base] || "#64748b";
    if (label.includes("so far")) bar.classList.add("striped");
    return h("div", { class: "bar-row" }, h("span", { class: "bar-label wide" }, label.replace("_", " ").toLowerCase()),
      h("span", { class: "bar-track" }, bar), h("span", { class: "bar-value" }, String(n)));
  })), h("p", { class: "hint" }, "From each trial's learning curve; running trials' verdicts are provisional (so far), "
    + "pruned trials are judged only on the epochs before they were stopped."));
}

// ---------- the trial table ----------
function trialColumns(d) {
  const cols = [
    { key: "number", label: "#", get: (t) => t.number, num: true },
    { key: "state", label: "State", get: (t) => t.state, cell: (t) => chip(t.state, t.state === "PRUNED" && t.pruned_at ? "pruned @" + t.pruned_at : null) },
    { key: "value", label: "Value", get: (t) => (t.value !== null ? t.value : t.state === "RUNNING" ? t.best_so_far : null), num: true,
      cell: (t) => (t.value !== null ? fmt(t.value) : t.state === "RUNNING" && t.best_so_far !== null
        ? h("span", { class: "provisional", title: "best so far (running)" }, fmt(t.best_so_far) + "*") : "–") },
    { key: "epochs", label: "Epochs run", get: (t) => stepsRun(t), num: true,
      cell: (t) => stepsRun(t) + (t.planned_epochs ? "/" + t.planned_epochs : "") },
    { key: "verdict", label: "Verdict", get: (t) => (t.verdict ? t.verdict.label : ""), cell: (t) => verdictChip(t.verdict) },
  ];
  for (const p of d.params) {
    cols.push({ key: "p:" + p.name, label: p.name, get: (t) => t.params[p.name], num: p.type !== "categorical",
      cell: (t) => (t.params[p.name] === undefined ? "–" : fmtParam(t.params[p.name])) });
  }
  cols.push({ key: "seconds", label: "Duration", get: (t) => t.seconds, num: true, cell: (t) => fmtSeconds(t.seconds) });
  cols.push({ key: "note", label: "Note / reason", get: (t) => [t.note, t.reason].filter((x) => x).join(" · "),
    cell: (t) => h("span", { class: "note-cell clipped", title: [t.note, t.reason].filter((x) => x).join("\n") },
      t.note ? h("b", {}, t.note + " ") : null, t.reason || "") });
  return cols;
}

function rankKey(d) {
  const max = d.study.direction === "MAXIMIZE";
  return (t) => {
    const v = t.value !== null ? t.value : t.state === "RUNNING" ? t.best_so_far : null;
    const group = t.state === "COMPLETE" || t.state === "RUNNING" ? 0 : t.state === "PRUNED" ? 1 : 2;
    return [group, v === null ? Infinity : max ? -v : v];
  };
}

function sortTrials(trials, d, ui, cols) {
  const col = cols.find((c) => c.key === ui.sort.key) || cols[2];
  const sign = ui.sort.dir < 0 ? -1 : 1;
  const out = trials.slice();
  if (col.key === "value" && ui.sort.dir === 0) {
    const k = rankKey(d);
    out.sort((a, b) => { const x = k(a); const y = k(b); return (x[0] - y[0]) || (x[1] - y[1]) || (a.number - b.number); });
    return out;
  }
  out.sort((a, b) => {
    const x = col.get(a);
    const y = col.get(b);
    if (x === y) return a.number - b.number;
    if (x === null || x === undefined || x === "") return 1;
    if (y === null || y === undefined || y === "") return -1;
    return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * sign;
  });
  return out;
}

function trialTable(box, d, name, ui, trials) {
  const cols = trialColumns(d);
  const sorted = sortTrials(trials, d, ui, cols);
  box.textContent = "";
  const headRow = h("tr", {}, cols.map((c) => {
    const active = ui.sort.key === c.key;
    const arrow = active ? (ui.sort.dir === 0 ? " ↕" : ui.sort.dir > 0 ? " ▲" : " ▼") : "";
    return h("th", { class: (c.num ? "num " : "") + "sortable" + (active ? " sorted" : ""), title: c.key === "value" ? "click: rank, ascending, descending" : "click to sort",
      onclick: () => {
        if (ui.sort.key === c.key) ui.sort.dir = c.key === "value" ? (ui.sort.dir === 0 ? 1 : ui.sort.dir === 1 ? -1 : 0) : -ui.sort.dir || 1;
        else ui.sort = { key: c.key, dir: 1 };
        trialTable(box, d, name, ui, trials);
      } }, c.label + arrow);
  }));
  const body = h("tbody", {}, sorted.map((t) => h("tr", { class: "clickable state-" + t.state.toLowerCase() + (t.number === d.study.best_trial ? " best" : ""),
    "data-trial": t.number, onclick: () => { location.hash = trialHref(name, t.number); } },
  cols.map((c) => h("td", { class: c.num ? "num" : "" }, c.cell ? c.cell(t) : String(c.get(t)))))));
  append(box, h("div", { class: "table-scroll" }, h("table", { class: "grid-table trials", id: "trial-table" }, h("thead", {}, headRow), body)));
}

function filterTrials(d, ui) {
  const q = ui.filter.trim().toLowerCase();
  return d.trials.filter((t) => ui.states.has(t.state) && (!q || [String(t.number), t.state, t.verdict ? t.verdict.label : "",
    t.note || "", t.reason || "", ...Object.entries(t.params).map(([k, v]) => k + "=" + fmtParam(v))]
    .join(" ").toLowerCase().includes(q)));
}

function trialsTab(content, name, ui) {
  const filter = h("input", { type: "search", placeholder: "Filter: text in any column, e.g. adam or overfit", class: "filter", value: ui.filter, "aria-label": "filter trials" });
  const stateBox = h("span", { class: "toggles" });
  const count = h("span", { class: "muted" });
  const tableBox = h("div", {});
  append(content, h("section", { class: "card" }, h("div", { class: "toolbar" }, filter, stateBox, count), tableBox,
    h("p", { class: "hint" }, "Values marked * are the best so far of a running trial. Rank order: completed and running trials by value, then pruned, then failed.")));
  let last = null;
  const draw = (d) => {
    last = d;
    stateBox.textContent = "";
    for (const st of STATES) {
      const n = d.trials.filter((t) => t.state === st).length;
      if (!n) continue;
      const cb = h("input", { type: "checkbox", checked: ui.states.has(st) });
      cb.addEventListener("change", () => { if (cb.checked) ui.states.add(st); else ui.states.delete(st); draw(last); });
      append(stateBox, h("label", { class: "toggle" }, cb, chip(st, st.toLowerCase() + " " + n)));
    }
    const rows = filterTrials(d, ui);
    count.textContent = rows.length + " of " + d.trials.length + " trials";
    trialTable(tableBox, d, name, ui, rows);
  };
  filter.addEventListener("input", () => { ui.filter = filter.value; if (last) draw(last); });
  return draw;
}

// ---------- parallel coordinates ----------
function parallelTab(content, name, ui) {
  const chartBox = h("div", { class: "chart-box" });
  const info = h("span", { class: "muted" });
  const all = h("input", { type: "checkbox", checked: ui.pcAll });
  const clear = h("button", { type: "button" }, "Clear selection");
  const tableBox = h("div", {});
  append(content, 
    h("section", { class: "card" }, h("h2", {}, "Parallel coordinates"),
      h("div", { class: "toolbar" }, h("label", { class: "toggle" }, all, "include running and pruned trials (dashed)"), clear, info),
      chartBox, h("p", { class: "hint" }, "Drag along an axis to keep only the trials in that range; drag on several axes to combine; click an axis to clear it. Darker lines are better values.")),
    h("section", { class: "card" }, h("h2", {}, "Selected trials"), tableBox));
  let last = null;
  all.addEventListener("change", () => { ui.pcAll = all.checked; draw(last); });
  clear.addEventListener("click", () => { ui.brushes = {}; draw(last); });
  const draw = (d) => {
    last = d;
    const trials = d.trials.filter((t) => (t.state === "COMPLETE" && t.value !== null)
      || (ui.pcAll && (t.state === "RUNNING" || t.state === "PRUNED") && (t.value !== null || t.best_so_far !== null)));
    const valueOf = (t) => (t.value !== null ? t.value : t.best_so_far);
    const axes = d.params.map((p) => (p.type === "categorical"
      ? { name: p.name, kind: "cat", choices: p.choices }
      : { name: p.name, kind: "num", log: p.log, integer: p.type === "int", domain: [p.low, p.high] }));
    const values = trials.map(valueOf);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    axes.push({ name: d.metric, kind: "num", log: false, domain: [lo, hi] });
    const max = d.study.direction === "MAXIMIZE";
    const rows = trials.map((t) => {
      const v = valueOf(t);
      const good = hi === lo ? 1 : max ? (v - lo) / (hi - lo) : (hi - v) / (hi - lo);
      return {
        id: t.number, color: Charts.ramp(0.15 + 0.85 * good), dash: t.state === "COMPLETE" ? undefined : "4 3", tip: trialTip(t),
        values: d.params.map((p) => {
          const x = t.params[p.name];
          if (x === undefined) return null;
          return p.type === "categorical" ? p.choices.findIndex((c) => String(c) === String(x)) : x;
        }).concat([v]),
      };
    });
    if (!trials.length) {
      chartBox.textContent = "";
      append(chartBox, h("p", { class: "empty" }, "No completed trial yet."));
      tableBox.textContent = "";
      return;
    }
    const { selected } = Charts.parallel(chartBox, axes, rows, ui.brushes, {
      height: 400, onBrush: () => draw(last), onClick: (n) => { location.hash = trialHref(name, n); },
    });
    const brushed = Object.keys(ui.brushes).length;
    info.textContent = brushed ? selected + " of " + trials.length + " trials selected" : trials.length + " trials";
    const ids = new Set(rows.filter((r) => axes.every((a, i) => {
      const b = ui.brushes[a.name];
      return !b || (r.values[i] !== null && r.values[i] >= b[0] && r.values[i] <= b[1]);
    })).map((r) => r.id));
    trialTable(tableBox, d, name, ui, trials.filter((t) => ids.has(t.number)));
  };
  return draw;
}

// ---------- a trial ----------
function trialPage(app, study, number) {
  crumbs([["Studies", "#/"], [study, "#/s/" + enc(study)], ["trial " + number, null]]);
  document.title = "Trial " + number + " · " + study + " · hpo4j dashboard";
  const box = h("div", {});
  append(app, box);
  let data = null;
  const draw = () => data && renderTrial(box, data, study, number);
  current.redraw = draw;
  poll("/api/studies/" + enc(study) + "/trials/" + number, (d, err) => {
    if (err) {
      box.textContent = "";
      append(box, h("p", { class: "error card" }, err));
      return;
    }
    data = d;
    draw();
  });
}

function renderTrial(box, d, study, number) {
  const t = d.trial;
  box.textContent = "";
  const total = d.study.total;
  const nav = h("span", { class: "pager" },
    number > 0 ? h("a", { href: trialHref(study, number - 1) }, "← #" + (number - 1)) : null,
    number + 1 < total ? h("a", { href: trialHref(study, number + 1) }, "#" + (number + 1) + " →") : null);
  const isBest = d.study.best_trial === t.number;
  append(box, h("section", { class: "page-head" },
    h("div", { class: "title-row" }, h("h1", {}, "Trial " + t.number), chip(t.state, t.state === "PRUNED" && t.pruned_at ? "pruned at epoch " + t.pruned_at : null),
      isBest ? h("span", { class: "chip chip-best" }, "best trial") : null,
      t.state === "PRUNED" ? null : verdictChip(t.verdict), nav),   // a pruned one's state chip says it all
    h("div", { class: "stats" },
      stat(t.state === "RUNNING" ? "Best so far" : "Value", t.value !== null ? fmt(t.value) : fmt(t.best_so_far),
        d.rank ? "rank " + d.rank + (t.state === "RUNNING" ? " (provisional)" : "") : d.metric),
      stat(t.epochs.length ? "Best epoch" : "Best step", t.best_epoch === null ? "–" : String(t.best_epoch),
        "of " + stepsRun(t) + " run" + (t.planned_epochs ? ", " + t.planned_epochs + " planned" : "")),
      stat("Duration", fmtSeconds(t.seconds), t.state === "RUNNING" ? "running" : t.complete ? "finished " + new Date(t.complete).toLocaleString() : ""),
      stat("Started", t.start ? new Date(t.start).toLocaleTimeString() : "–", t.start ? new Date(t.start).toLocaleDateString() : "waiting"))));
  if (t.verdict || t.reason || t.note) {
    append(box, h("section", { class: "card verdict-card" },
      t.verdict ? h("p", {}, h("b", {}, "Verdict: "), verdictChip(t.verdict), " ", t.verdict.reason) : null,
      t.reason ? h("p", {}, h("b", {}, t.state === "FAIL" ? "Failed: " : t.state === "PRUNED" ? "Pruned: " : "Stopped: "), t.reason) : null,
      t.note ? h("p", {}, h("b", {}, "Note: "), t.note) : null));
  }
  const vlines = [];
  const rungs = t.rungs || [];
  if (t.best_epoch !== null) vlines.push({ x: t.best_epoch, label: "best", color: BEST_COLOR });
  if (t.verdict && t.verdict.overfit_onset_epoch) vlines.push({ x: t.verdict.overfit_onset_epoch, label: "overfit onset", color: STATE_COLORS.FAIL });
  if (t.pruned_at && !rungs.includes(t.pruned_at)) vlines.push({ x: t.pruned_at, label: "pruned", color: STATE_COLORS.PRUNED });
  for (const r of rungs) {
    vlines.push(r === t.pruned_at ? { x: r, label: "pruned at rung " + r, color: STATE_COLORS.PRUNED }
      : { x: r, label: "rung " + r, color: "#64748b", faint: true });
  }
  if (!t.epochs.length && t.intermediate.length) {   // a plain objective: the values it reported by step
    const reportedBox = h("div", { class: "chart-box" });
    append(box, card("Reported values", reportedBox));
    Charts.line(reportedBox, [{ id: "reported", points: t.intermediate, color: STATE_COLORS.COMPLETE, width: 2.4, dots: true,
      tip: "reported value" }], { height: 260, xLabel: "step", yLabel: d.metric, integerX: true, xMin: 1, vlines });
  } else {
    const lossBox = h("div", { class: "chart-box" });
    const accBox = h("div", { class: "chart-box" });
    append(box, h("div", { class: "row" }, card("Loss", lossBox), card("Accuracy", accBox)));
    const pair = (target, iTrain, iVal, label) => {
      if (!t.epochs.length) {
        append(target, h("p", { class: "empty" }, "No epochs recorded yet."));
        return;
      }
      Charts.line(target, [
        { id: "train", points: t.epochs.map((e) => [e[0], e[iTrain]]), color: "#64748b", width: 2, dots: true, tip: "train " + label },
        { id: "validation", points: t.epochs.map((e) => [e[0], e[iVal]]), color: STATE_COLORS.COMPLETE, width: 2.4, dots: true, tip: "validation " + label },
      ], { height: 260, xLabel: "epoch", yLabel: label, integerX: true, xMin: 1, vlines });
      append(target, legend([["train", "#64748b", "line"], ["validation", STATE_COLORS.COMPLETE, "line"]]));
    };
    pair(lossBox, 1, 3, "loss");
    pair(accBox, 2, 4, "accuracy");
  }

  append(box, h("div", { class: "row" },
    card("Parameters", kvTable(Object.entries(t.params).map(([k, v]) => [k, fmtParam(v), describe(d.distributions[k])]))),
    card("Epochs", epochTable(t))));
  append(box, h("div", { class: "row" },
    card("Provenance", kvTable(Object.entries(d.system_attrs).map(([k, v]) => [k, pretty(v)]))),
    card("User attributes", kvTable(Object.entries(d.user_attrs).map(([k, v]) => [k, pretty(v)])))));
}

function describe(dist) {
  if (!dist) return "";
  if (dist.type === "categorical") return "one of " + dist.choices.join(", ");
  return dist.type + " in [" + fmt(dist.low) + ", " + fmt(dist.high) + "]" + (dist.log ? ", log" : "");
}

function pretty(v) {
  if (v === null) return "null";
  if (typeof v === "object") return JSON.stringify(v, null, 1).replace(/\n\s*/g, " ");
  return String(v);
}

function kvTable(rows) {
  if (!rows.length) return h("p", { class: "empty" }, "None.");
  return h("table", { class: "kv" }, h("tbody", {}, rows.map((r) => h("tr", {}, h("th", {}, r[0]), h("td", {}, r[1]),
    r.length > 2 ? h("td", { class: "muted" }, r[2]) : null))));
}

function epochTable(t) {
  if (!t.epochs.length) return h("p", { class: "empty" }, "None yet.");
  return h("div", { class: "table-scroll short" }, h("table", { class: "grid-table compact" },
    h("thead", {}, h("tr", {}, ["epoch", "train loss", "train acc", "val loss", "val acc", "s"].map((c) => h("th", { class: "num" }, c)))),
    h("tbody", {}, t.epochs.map((e) => h("tr", { class: e[0] === t.best_epoch ? "best" : "" },
      e.map((v, i) => h("td", { class: "num" }, i === 0 ? String(v) : i === 5 ? (v === null ? "–" : v.toFixed(2)) : fmt(v))))))));
}

route();
