// Lambda Ledger dashboard: plain JavaScript over the JSON API, charts by uPlot (from a WebJar).
// Pages: #/ overview, #/functions, #/function/<account>/<region>/<name>, #/bill, #/collections,
// #/alerts; each but alerts takes ?month=YYYY-MM (the month picker's choice, kept in the URL hash;
// absent: the current month). #/savings (savings.js) lists the recommendations of the days before today.
"use strict";

const API = "/api/v1";
const TOKEN_KEY = "lambda-ledger.token";
const view = document.getElementById("view");
const charts = [];
let about = { authEnabled: true };

// ---------- formatting: readable numbers with units, dates in UTC ----------

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const usdPrecise = new Intl.NumberFormat("en-US", {
  style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 6,
});
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** Money from a decimal string, to the cent, as the API gives it (no float rounding drift). */
function money(decimal) {
  if (decimal === null || decimal === undefined) return "–";
  const text = String(decimal);
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const cents = (fraction + "00").slice(0, 2);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (negative ? "-$" : "$") + grouped + "." + cents;
}
function count(n) {
  if (n === null || n === undefined) return "–";
  const value = Number(n);
  return Math.abs(value) >= 100000 ? compact.format(value) : integer.format(value);
}
function gbSeconds(decimal) {
  if (decimal === null || decimal === undefined) return "–";
  return compact.format(Number(decimal)) + " GB-s";
}
function ms(value) {
  if (value === null || value === undefined) return "–";
  const v = Number(value);
  if (v >= 60000) return (v / 60000).toFixed(1) + " min";
  if (v >= 1000) return (v / 1000).toFixed(2) + " s";
  return (v >= 10 ? v.toFixed(0) : v.toFixed(1)) + " ms";
}
function percent(fraction) {
  return (Number(fraction) * 100).toFixed(1) + " %";
}
/** Parts joined with " · ", leaving out empty ones (no dangling separators). */
function joined(parts) {
  return parts.filter((p) => p !== null && p !== undefined && String(p).trim() !== "").join(" · ");
}
/** "2026-10" → "October 2026". */
function monthName(month) {
  const [year, m] = month.split("-").map(Number);
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}
/** A length of time from milliseconds: "30 min", "24 h", "2 d 3 h". */
function span(millis) {
  const minutes = Math.round(millis / 60000);
  if (minutes < 60) return minutes + " min";
  const hours = minutes / 60;
  if (hours < 48) return (Number.isInteger(hours) ? hours : hours.toFixed(1)) + " h";
  const days = Math.floor(hours / 24), rest = Math.round(hours - days * 24);
  return days + " d" + (rest ? " " + rest + " h" : "");
}
/** A collection window with both ends' dates when they differ, and its length. */
function windowText(startIso, endIso) {
  if (!startIso || !endIso) return "–";
  const start = utc(startIso), end = utc(endIso);
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  const range = sameDay
    ? start.slice(0, 16) + "–" + end.slice(11, 16) + " UTC"
    : start.slice(0, 16) + " – " + end.slice(0, 16) + " UTC";
  return range + " (" + span(Date.parse(endIso) - Date.parse(startIso)) + ")";
}
/** Cents of a decimal money string, as an integer (exact, no float). */
function cents(decimal) {
  const text = String(decimal ?? "0");
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const value = Number(whole) * 100 + Number((fraction + "00").slice(0, 2));
  return negative ? -value : value;
}
function utc(iso, withTime = true) {
  if (!iso) return "–";
  const d = new Date(iso);
  const date = d.toISOString().slice(0, 10);
  return withTime ? date + " " + d.toISOString().slice(11, 16) + " UTC" : date;
}
function esc(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) =>
    ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// ---------- API access ----------

class Unauthorized extends Error {}
/** Thrown when a newer navigation started while this one waited: its result is dropped. */
class Stale extends Error {}

/** Incremented by every navigation; a page renders only while its generation is the latest. */
let generation = 0;

async function api(path) {
  const headers = { Accept: "application/json" };
  const token = localStorage.getItem(TOKEN_KEY);
  if (token && about.authEnabled) headers.Authorization = "Bearer " + token;
  const response = await fetch(API + path, { headers });
  if (response.status === 401) throw new Unauthorized();
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || response.status + " " + response.statusText);
  return body;
}

/** The responses of one navigation, or Stale if another navigation started meanwhile. */
async function load(gen, ...paths) {
  const bodies = await Promise.all(paths.map(api));
  if (gen !== generation) throw new Stale();
  return bodies;
}

// ---------- charts ----------

function clearCharts() {
  while (charts.length) charts.pop().destroy();
}
/** The width inside the card's padding: the chart must not overflow its card. */
function chartWidth(element) {
  const style = getComputedStyle(element);
  const inner = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return Math.max(200, Math.floor(inner));
}
/**
 * A time chart in its card, or the one empty state when there is nothing to draw: no points, or
 * no known value. Zeros are values: a $0.00 day inside the free tier is drawn.
 */
function timeChart(element, title, xs, series, options = {}) {
  const target = typeof element === "string" ? document.getElementById(element) : element;
  target.innerHTML = `<h2>${esc(title)}</h2>`;
  const known = series.some((s) => s.values.some((v) => v !== null && v !== undefined));
  if (!xs.length || !known) {
    target.insertAdjacentHTML("beforeend", emptyState("No data", "Nothing was recorded for this in the chosen month."));
    target.dataset.rendered = "empty";
    return;
  }
  const colours = ["#2563eb", "#dc2626", "#059669", "#d97706"];
  const max = Math.max(...series.flatMap((s) => s.values.filter((v) => v !== null).map(Number)));
  const opts = {
    width: chartWidth(target),
    height: 220,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    legend: { show: series.length > 1 },
    scales: { x: { time: true }, y: { range: (u, lo, hi) => [Math.min(0, lo), max > 0 ? hi * 1.1 : 1] } },
    axes: [{}, {
      // Counts have no fractional ticks (a chart of zeros would otherwise read "0 0 1 1").
      values: (u, ticks) => ticks.map((v) => (options.whole && !Number.isInteger(v) ? "" : (options.axis || compact.format)(v))),
      size: 70,
    }],
    series: [{ label: "UTC" }].concat(series.map((s, i) => ({
      label: s.label,
      stroke: colours[i % colours.length],
      fill: options.bars ? colours[i % colours.length] + "cc" : colours[i % colours.length] + "22",
      width: options.bars ? 0 : 2,
      paths: options.bars ? uPlot.paths.bars({ size: [0.7, 60] }) : undefined,
      points: { show: false },
      value: (u, v) => (v === null ? "–" : (options.format || count)(v)),
    }))),
  };
  const plot = new uPlot(opts, [xs].concat(series.map((s) => s.values.map((v) => (v === null ? null : Number(v))))), target);
  target.dataset.rendered = "chart";
  charts.push(plot);
}
/** Charts follow their card's width, whatever changed it (window, zoom, emulated screen). */
const resizes = new ResizeObserver(() => {
  for (const plot of charts) {
    const width = chartWidth(plot.root.parentElement);
    if (plot.width !== width) plot.setSize({ width, height: 220 });
  }
});
resizes.observe(view);

/** A cost point's total, or null when the point had no usage at all (nothing to draw). */
function costValue(point) {
  return point.requests > 0 || Number(point.gbSeconds) > 0 || Number(point.total) !== 0 ? point.total : null;
}

// ---------- pages ----------

function emptyState(title, text) {
  return `<div class="empty"><strong>${esc(title)}</strong>${esc(text)}</div>`;
}
function warningsList(warnings) {
  if (!warnings || !warnings.length) return "";
  return `<ul class="warnings" id="warnings">${warnings.map((w) => `<li data-code="${esc(w.code)}">${esc(w.message)}</li>`).join("")}</ul>`;
}
/** What a warning about a function's own lines is called where a row or page marks it. */
const MARKS = {
  REGION_NOT_PRICED: "no price",
  HISTORY_INFERRED: "history inferred",
  HISTORY_UNKNOWN: "history unknown",
  NOT_YET_KNOWN: "not yet known",
};
/** Marks for a function (or an item) with usage without prices or uncertain history. */
function marks(unpriced, warnings) {
  const codes = (warnings || []).map((w) => w.code).filter((c) => MARKS[c]);
  if (unpriced && !codes.includes("REGION_NOT_PRICED")) codes.unshift("REGION_NOT_PRICED");
  return [...new Set(codes)].map((c) => {
    const w = (warnings || []).find((x) => x.code === c);
    const title = w ? w.message : "No prices for this region: its usage is listed without a cost.";
    return `<span class="mark" data-mark="${esc(c)}" title="${esc(title)}">${esc(MARKS[c])}</span>`;
  }).join("");
}
function functionLink(key, month) {
  const path = [key.account, key.region, key.function].map(encodeURIComponent).join("/");
  return `<a href="#/function/${path}${monthQuery(month)}">${esc(key.function)}</a>`;
}
function monthQuery(month) {
  return month && month !== months.current ? "?month=" + encodeURIComponent(month) : "";
}

async function overview(gen, month) {
  const current = month === months.current;
  const w = encodeURIComponent(month);
  const [costs, byDay, top, freeTier, forecast] = await load(gen,
    `/costs?window=${w}`,
    `/costs?window=${w}&step=day`,
    `/costs?window=${w}&aggregate=function&sort=total:desc&limit=10`,
    `/free-tier?month=${w}`,
    `/forecast?month=${w}`);
  const requestsUsed = freeTier.payers.reduce((a, p) => a + Number(p.requests.used), 0);
  const requestsAllowed = freeTier.payers.reduce((a, p) => a + Number(p.requests.allowance), 0);
  const gbsUsed = freeTier.payers.reduce((a, p) => a + Number(p.gbSeconds.used), 0);
  const gbsAllowed = freeTier.payers.reduce((a, p) => a + Number(p.gbSeconds.allowance), 0);
  const gbsFraction = gbsAllowed ? Math.min(1, gbsUsed / gbsAllowed) : 0;
  const ranOut = freeTier.payers.map((p) => p.gbSeconds.exhaustedOn).filter(Boolean).sort()[0];
  const runsOut = freeTier.payers.map((p) => p.projectedRunOut).filter(Boolean).sort()[0];
  view.innerHTML = `
    <h1>Overview</h1>
    <p class="subtitle muted" id="page-month" data-month="${esc(month)}">${esc(joined([
      monthName(month) + (current ? ", month to date" : ""),
      costs.dataThrough ? "data through " + utc(costs.dataThrough) : "",
      costs.priceVersion && costs.priceVersion !== "none" ? "prices " + costs.priceVersion : "",
    ]))}</p>
    <div class="cards">
      <div class="card figure"><div class="label">${current ? "Month to date" : "Month total"}</div>
        <div class="value" id="mtd-total" data-value="${esc(costs.totals.total)}">${money(costs.totals.total)}</div>
        <div class="note">${esc(joined([count(costs.totals.requests) + " requests", gbSeconds(costs.totals.gbSeconds)]))}</div></div>
      <div class="card figure"><div class="label">${current ? "Projected month end" : "Month end (actual)"}</div>
        <div class="value" id="projected-total" data-value="${esc(forecast.totals.projected)}">${money(forecast.totals.projected)}</div>
        <div class="note" title="${esc(forecast.method)}">${current ? "run rate of the last days, priced with tiers and free tier" : "the month is over: its projection is its actual"}</div></div>
      <div class="card figure"><div class="label">Free tier used (GB-seconds)</div>
        <div class="value" id="free-tier-used">${percent(gbsFraction)}</div>
        <div class="bar"><span style="width:${(gbsFraction * 100).toFixed(1)}%"></span></div>
        <div class="note">${esc(joined([
          gbSeconds(gbsUsed) + " of " + gbSeconds(gbsAllowed),
          "requests " + count(requestsUsed) + " of " + count(requestsAllowed),
          ranOut ? "ran out " + ranOut : runsOut ? "runs out " + utc(runsOut, false) : "",
        ]))}</div></div>
      <div class="card figure"><div class="label">Free-tier credit</div>
        <div class="value" id="free-tier-credit" data-value="${esc(costs.totals.freeTierCredit)}">${money(costs.totals.freeTierCredit)}</div>
        <div class="note">already deducted from the total</div></div>
    </div>
    ${warningsList(costs.warnings)}
    <div class="grid2">
      <section class="card chart" id="cost-by-day"></section>
      <section class="card"><h2>Top functions in ${esc(monthName(month))}</h2><div class="table-wrap" id="top-functions"></div></section>
    </div>`;
  const points = byDay.series || [];
  timeChart("cost-by-day", "Cost by day (USD)", points.map((p) => Date.parse(p.start) / 1000),
    [{ label: "Cost", values: points.map(costValue) }],
    { bars: true, format: (v) => usd.format(v), axis: (v) => usd.format(v) });
  const topEl = document.getElementById("top-functions");
  if (!top.items.length) {
    topEl.innerHTML = emptyState("No functions with usage yet",
      "Costs appear after the first collection cycle has stored metrics.");
  } else {
    topEl.innerHTML = `<table id="top-table"><thead><tr><th>Function</th><th class="num">Requests</th><th class="num">Cost</th></tr></thead><tbody>
      ${top.items.map((i) => `<tr><td>${functionLink(i.key, month)}<div class="sub">${esc(i.key.region)}</div></td>
        <td class="num">${count(i.requests)}</td><td class="num" data-value="${esc(i.total)}">${i.total === undefined && i.unpriced ? "no price" : money(i.total)}${marks(i.unpriced, [])}</td></tr>`).join("")}
      </tbody></table>`;
  }
}

const functionColumns = [
  { key: "name", label: "Function", value: (f) => f.name,
    render: (f, month) => `${functionLink({ account: f.account, region: f.region, function: f.name }, month)}${marks(f.unpriced, f.warnings)}<div class="sub">${esc(f.account)} · ${esc(f.region)}</div>` },
  { key: "config", label: "Memory / arch", value: (f) => f.memoryMb, render: (f) => `${integer.format(f.memoryMb)} MB<div class="sub">${esc(f.architecture)}</div>` },
  { key: "cost", label: "Cost", num: true, value: (f) => (f.cost === undefined ? -1 : Number(f.cost)),
    render: (f) => (f.cost === undefined && f.unpriced ? `<span class="muted">no price</span>` : money(f.cost)) },
  { key: "invocations", label: "Invocations", num: true, value: (f) => f.metrics.invocations, render: (f) => count(f.metrics.invocations) },
  { key: "duration", label: "Avg duration", num: true, value: (f) => f.metrics.durationMsAvg ?? -1, render: (f) => ms(f.metrics.durationMsAvg) },
  { key: "errors", label: "Errors", num: true, value: (f) => f.metrics.errors, render: (f) => count(f.metrics.errors) },
  { key: "throttles", label: "Throttles", num: true, value: (f) => f.metrics.throttles, render: (f) => count(f.metrics.throttles) },
  { key: "iteratorAge", label: "Max iterator age", num: true, value: (f) => f.metrics.iteratorAgeMaxMs ?? -1, render: (f) => ms(f.metrics.iteratorAgeMaxMs) },
  { key: "dlq", label: "DLQ errors", num: true, value: (f) => f.metrics.deadLetterErrors, render: (f) => count(f.metrics.deadLetterErrors) },
  { key: "activity", label: "Last activity", value: (f) => f.lastActivity || "", render: (f) => utc(f.lastActivity) },
];

async function functionsPage(gen, month) {
  const [data] = await load(gen, `/functions?window=${encodeURIComponent(month)}`);
  const state = { sort: "cost", asc: false, text: "" };
  view.innerHTML = `
    <h1>Functions</h1>
    <p class="subtitle muted" id="page-month" data-month="${esc(month)}">${esc(joined([
      count(data.paging ? data.paging.count : data.items.length) + " functions",
      "usage and cost in " + monthName(month) + (month === months.current ? ", month to date" : ""),
    ]))}</p>
    <section class="card">
      <div class="toolbar"><input type="search" id="function-filter" placeholder="Filter by name, account, region or tag" aria-label="Filter functions">
        <span class="muted" id="function-count"></span></div>
      <div class="table-wrap" id="functions-table"></div>
    </section>
    ${warningsList(data.warnings)}`;
  const render = () => {
    const text = state.text.toLowerCase();
    const rows = data.items.filter((f) => !text || [f.name, f.account, f.region, f.runtime,
      ...Object.entries(f.tags || {}).map(([k, v]) => k + ":" + v)].join(" ").toLowerCase().includes(text));
    const column = functionColumns.find((c) => c.key === state.sort);
    rows.sort((a, b) => {
      const x = column.value(a), y = column.value(b);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return state.asc ? order : -order;
    });
    document.getElementById("function-count").textContent = `${rows.length} shown`;
    const table = document.getElementById("functions-table");
    if (!data.items.length) {
      table.innerHTML = emptyState("No functions yet", "The inventory fills after the first collection cycle.");
      return;
    }
    table.innerHTML = `<table id="functions"><thead><tr>${functionColumns.map((c) =>
      `<th class="sortable${c.num ? " num" : ""}${c.key === state.sort ? " sorted" + (state.asc ? " asc" : "") : ""}" data-sort="${c.key}">${c.label}</th>`).join("")}</tr></thead>
      <tbody>${rows.map((f) => `<tr>${functionColumns.map((c) =>
        `<td${c.num ? ' class="num"' : ""}>${c.render ? c.render(f, month) : esc(c.value(f))}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
    table.querySelectorAll("th[data-sort]").forEach((th) => th.addEventListener("click", () => {
      state.asc = state.sort === th.dataset.sort ? !state.asc : false;
      state.sort = th.dataset.sort;
      render();
    }));
  };
  document.getElementById("function-filter").addEventListener("input", (e) => {
    state.text = e.target.value;
    render();
  });
  render();
}

const METRICS = [
  { name: "invocations", title: "Invocations", format: count, whole: true },
  { name: "duration", title: "Duration (average)", format: ms },
  { name: "errors", title: "Errors", format: count, whole: true },
  { name: "throttles", title: "Throttles", format: count, whole: true },
  { name: "iteratorAge", title: "Iterator age (max)", format: ms },
  { name: "deadLetterErrors", title: "Dead-letter errors", format: count, whole: true },
];

/** Warnings of the window (/costs) that hold for any function; the rest come from the function. */
const WINDOW_WARNINGS = ["ESTIMATED", "NOT_FINAL", "MONTH_NOT_OVER", "PART_OF_MONTH"];

function provisionedCard(fn, item) {
  const allocated = (fn.provisionedConcurrency || []).reduce((a, pc) => a + pc.allocated, 0);
  const used = fn.provisionedUsage || {};
  if (!allocated && !Number(used.concurrencySeconds || 0)) return "";
  const charges = item ? item.charges : {};
  return `<div class="card figure" id="provisioned"><div class="label">Provisioned concurrency</div>
      <div class="value"><span id="pc-allocated">${integer.format(allocated)}</span> allocated</div>
      <div class="note">${esc(joined((fn.provisionedConcurrency || []).map((pc) => pc.qualifier + ": " + pc.allocated)))}</div>
      <dl class="kv">
        <dt>Utilization</dt><dd id="pc-utilization">${used.utilization !== undefined ? percent(used.utilization) : "–"}</dd>
        <dt>PC cost</dt><dd id="pc-cost">${money(charges.provisionedConcurrency ?? "0.00")}</dd>
        <dt>PC duration cost</dt><dd id="pc-duration-cost">${money(charges.provisionedDuration ?? "0.00")}</dd>
        <dt>Requests on PC</dt><dd>${count(used.requests)}${used.spilloverRequests ? " (" + count(used.spilloverRequests) + " spilled over)" : ""}</dd>
        <dt>PC charged on</dt><dd>${gbSeconds(used.gbSeconds)}</dd>
      </dl></div>`;
}

async function functionPage(gen, month, account, region, name) {
  const base = `/functions/${[account, region, name].map(encodeURIComponent).join("/")}`;
  const filter = encodeURIComponent(`account:${account},region:${region},function:${name}`);
  const w = encodeURIComponent(month);
  const [fn, metrics, costs] = await load(gen,
    `${base}?window=${w}`,
    `${base}/metrics?window=${w}&step=day`,
    `/costs?window=${w}&step=day&aggregate=function&filter=${filter}`);
  const item = costs.items[0];
  const current = fn.configurations.find((c) => !c.validTo) || fn.configurations[fn.configurations.length - 1] || {};
  const bound = fn.costBound;
  const warnings = costs.warnings.filter((x) => WINDOW_WARNINGS.includes(x.code)).concat(fn.warnings || []);
  const used = fn.provisionedUsage || {};
  view.innerHTML = `
    <h1 id="function-name">${esc(fn.name)}</h1>
    <p class="subtitle muted" id="page-month" data-month="${esc(month)}">${esc(joined([fn.account, fn.region, fn.runtime]))}
      ${Object.entries(fn.tags || {}).map(([k, v]) => `<span class="tag">${esc(k)}=${esc(v)}</span>`).join("")}</p>
    <div class="cards">
      <div class="card figure"><div class="label">Cost in ${esc(monthName(month))}</div>
        <div class="value" id="function-cost" data-value="${esc(fn.cost)}">${fn.cost === undefined && fn.unpriced ? "no price" : money(fn.cost)}</div>
        <div class="marks" id="function-marks">${marks(fn.unpriced, fn.warnings)}</div>
        <div class="note" id="function-usage">${esc(joined([
          count(item ? item.requests : 0) + " requests",
          gbSeconds(item ? item.gbSeconds : 0) + " on demand",
          Number(used.concurrencySeconds || 0) ? gbSeconds(used.gbSeconds) + " provisioned" : "",
        ]))}</div>
        ${bound ? `<div class="note" id="function-bound">up to ${money(bound.upTo)} higher (at most ${money(bound.atMost)})</div>` : ""}</div>
      ${provisionedCard(fn, item)}
      <div class="card figure"><div class="label">Configuration now</div>
        <div class="value">${current.memoryMb ? integer.format(current.memoryMb) + " MB" : "–"}</div>
        <div class="note">${esc(joined([current.architecture,
          "ephemeral " + (current.ephemeralStorageMb ? integer.format(current.ephemeralStorageMb) + " MB" : "–"),
          "timeout " + (current.timeoutSeconds ?? "–") + " s"]))}</div></div>
    </div>
    ${warningsList(warnings)}
    <div class="charts" id="metric-charts">
      <section class="card chart" id="chart-cost"></section>
      ${METRICS.map((m) => `<section class="card chart" id="chart-${m.name}"></section>`).join("")}
    </div>
    <section class="card"><h2>Configuration history</h2>
      <div class="table-wrap"><table id="config-history"><thead><tr><th>From</th><th>To</th><th class="num">Memory</th><th>Architecture</th><th class="num">Ephemeral storage</th><th class="num">Timeout</th></tr></thead>
      <tbody>${fn.configurations.map((c) => `<tr><td>${utc(c.validFrom)}</td><td>${c.validTo ? utc(c.validTo) : "now"}</td>
        <td class="num">${integer.format(c.memoryMb)} MB</td><td>${esc(c.architecture)}</td>
        <td class="num">${integer.format(c.ephemeralStorageMb)} MB</td><td class="num">${c.timeoutSeconds} s</td></tr>`).join("")}</tbody></table></div>
    </section>`;
  const costPoints = item && item.series ? item.series : [];
  if (item && item.unpriced && item.total === undefined) {
    // Usage without prices: say so, rather than "no data" or a chart of $0.00 days.
    const chart = document.getElementById("chart-cost");
    chart.innerHTML = `<h2>Cost by day (USD)</h2>` + emptyState("No price",
      "The price book has no prices for " + fn.region + ": the usage is shown without a cost.");
    chart.dataset.rendered = "unpriced";
  } else {
    timeChart("chart-cost", "Cost by day (USD)", costPoints.map((p) => Date.parse(p.start) / 1000),
      [{ label: "Cost", values: costPoints.map(costValue) }],
      { bars: true, format: (v) => usd.format(v), axis: (v) => usdPrecise.format(v) });
  }
  for (const m of METRICS) {
    const series = metrics.series.find((s) => s.metric === m.name);
    const points = series ? series.points : [];
    timeChart(`chart-${m.name}`, m.title, points.map((p) => Date.parse(p.start) / 1000),
      [{ label: m.title, values: points.map((p) => (p.value === undefined ? null : p.value)) }], { format: m.format, axis: m.format, whole: m.whole });
  }
}

/** A shard's collection interval: seconds, an ISO-8601 duration, or text as the API gives it. */
function interval(value) {
  if (typeof value === "number") return span(value * 1000);
  const iso = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(String(value ?? ""));
  if (iso && (iso[1] || iso[2] || iso[3])) {
    return span(((Number(iso[1] || 0) * 60 + Number(iso[2] || 0)) * 60 + Number(iso[3] || 0)) * 1000);
  }
  return String(value ?? "–");
}

function budgetSection(budget) {
  // The API always answers with a budget object; before any scheduled cycle recorded one it holds
  // no budget and no shards, and there is nothing to show.
  if (!budget || (budget.monthlyUsd == null && !(budget.shards || []).length)) return "";
  const shards = budget.shards || [];
  return `<section class="card" id="budget"><h2>CloudWatch budget</h2>
    <div class="cards">
      <div class="figure"><div class="label">Monthly budget</div><div class="value" id="budget-monthly">${usdPrecise.format(Number(budget.monthlyUsd))}</div></div>
      <div class="figure"><div class="label">Projected this month</div><div class="value" id="budget-projected">${usdPrecise.format(Number(budget.projectedMonthlyUsd))}</div></div>
    </div>
    ${warningsList((budget.warnings || []).map((w) => (typeof w === "string" ? { code: "BUDGET", message: w } : w)))}
    ${shards.length ? `<div class="table-wrap"><table id="budget-shards"><thead><tr><th>Account</th><th>Region</th><th>Interval</th>
      <th class="num">Active series</th><th class="num">Projected monthly</th></tr></thead><tbody>
      ${shards.map((s) => `<tr><td>${esc(s.account)}</td><td>${esc(s.region)}</td><td>${esc(interval(s.interval))}</td>
        <td class="num">${count(s.activeSeries)}</td><td class="num">${usdPrecise.format(Number(s.projectedMonthlyUsd))}</td></tr>`).join("")}
      </tbody></table></div>` : ""}
  </section>`;
}

/** The response of a GET, or null when the API answers 404 (say, no bill imported). */
async function apiOrNone(gen, path) {
  const headers = { Accept: "application/json" };
  const token = localStorage.getItem(TOKEN_KEY);
  if (token && about.authEnabled) headers.Authorization = "Bearer " + token;
  const response = await fetch(API + path, { headers });
  if (gen !== generation) throw new Stale();
  if (response.status === 401) throw new Unauthorized();
  if (response.status === 404) return null;
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || response.status + " " + response.statusText);
  return body;
}

/** Horizontal bars of signed amounts, scaled to the largest; negative to the left. */
function varianceBars(rows) {
  const max = Math.max(0.01, ...rows.map((r) => Math.abs(Number(r.amount))));
  return `<div class="variance-bars">${rows.map((r) => {
    const width = (Math.abs(Number(r.amount)) / max) * 50;
    const side = Number(r.amount) < 0 ? `right:50%` : `left:50%`;
    return `<div class="variance-row" data-code="${esc(r.label)}"><span class="variance-label">${esc(r.label)}</span>
      <span class="variance-track"><span class="variance-bar ${Number(r.amount) < 0 ? "neg" : "pos"}" style="${side};width:${width.toFixed(2)}%"></span></span>
      <span class="variance-amount num">${money(r.amount)}</span></div>`;
  }).join("")}</div>`;
}

async function billPage(gen, month) {
  const data = await apiOrNone(gen, "/reconciliation?month=" + encodeURIComponent(month));
  const header = `<h1>Estimate vs bill</h1>
    <p class="subtitle muted" id="page-month" data-month="${esc(month)}">What the metrics estimated against what AWS billed in ${esc(monthName(month))}, and why they differ.</p>`;
  if (!data) {
    view.innerHTML = header + `<section class="card" id="no-bill">${emptyState("No bill imported for this month",
      "Import the AWS Data Export with lambda-ledger bill import, or configure bill.exports for serve.")}</section>`;
    return;
  }
  const causes = data.explained.filter((c) => Number(c.amount) !== 0);
  const top = data.items.filter((i) => i.key !== "(unallocated)").slice(0, 10);
  view.innerHTML = header + `
    <div class="cards">
      <div class="card figure"><div class="label">Estimated</div><div class="value" id="bill-estimated">${money(data.estimated.total)}</div>
        <div class="note">${esc(windowText(data.billedDays.from + "T00:00:00Z", data.billedDays.through + "T23:59:59Z"))}</div></div>
      <div class="card figure"><div class="label">Billed</div><div class="value" id="bill-billed">${money(data.billed.total)}</div>
        <div class="note">net ${money(data.billed.net)}</div></div>
      <div class="card figure"><div class="label">Variance</div><div class="value" id="bill-variance">${money(data.variance.amount)}</div>
        <div class="note">${data.variance.percent === null ? "" : esc(data.variance.percent) + " % of the estimate"}</div></div>
    </div>
    <section class="card" id="variance-chart"><h2>Variance explained</h2>
      ${causes.length ? varianceBars(causes.map((c) => ({ label: c.code, amount: c.amount }))) : emptyState("No variance", "The estimate equals the bill.")}</section>
    <section class="card"><h2>Functions that differ most</h2><div class="table-wrap">
      <table id="bill-functions"><thead><tr><th>Function</th><th class="num">Estimated</th><th class="num">Billed</th>
        <th class="num">Variance</th><th>Largest cause</th></tr></thead><tbody>
      ${top.map((i) => {
        const largest = i.explained.reduce((a, b) => (Math.abs(Number(b.amount)) > Math.abs(Number(a.amount)) ? b : a));
        return `<tr><td>${functionLink({ account: i.account, region: i.region, function: i.key }, month)}<div class="sub">${esc(i.account)} · ${esc(i.region)}</div></td>
          <td class="num">${money(i.estimated)}</td><td class="num">${money(i.billed)}</td><td class="num">${money(i.variance.amount)}</td>
          <td>${Number(largest.amount) === 0 ? "–" : esc(largest.code) + " " + money(largest.amount)}</td></tr>`;
      }).join("")}
      </tbody></table></div></section>
    ${warningsList(data.warnings)}`;
}

async function collectionsPage(gen, month) {
  const [data] = await load(gen, "/collections?limit=200");
  const inMonth = data.items.filter((r) => (r.startedAt || "").slice(0, 7) === month);
  view.innerHTML = `
    <h1>Collection</h1>
    <p class="subtitle muted" id="page-month" data-month="${esc(month)}">Each cycle reads CloudWatch for one account and region. GetMetricData is billed per metric requested.</p>
    <div class="cards">
      <div class="card figure"><div class="label">CloudWatch spend in ${esc(monthName(months.current))}</div>
        <div class="value" id="cloudwatch-spend" data-value="${esc(data.monthToDate.cloudWatchCost)}">${usdPrecise.format(Number(data.monthToDate.cloudWatchCost))}</div>
        <div class="note">${esc(joined([count(data.monthToDate.metricsRequested) + " metrics requested", count(data.monthToDate.calls) + " API calls"]))}</div></div>
      <div class="card figure"><div class="label">Last successful cycle</div>
        <div class="value small">${utc(data.lastSuccess)}</div></div>
    </div>
    ${budgetSection(data.budget)}
    <section class="card"><h2>Runs started in ${esc(monthName(month))}</h2>
      <p class="muted small-print">Of the latest ${count(data.items.length)} runs.</p>
      <div class="table-wrap" id="runs"></div></section>`;
  const runs = document.getElementById("runs");
  if (!inMonth.length) {
    runs.innerHTML = emptyState("No collection runs in this month",
      data.items.length ? "Choose another month to see its runs." : "serve starts the first cycle a few seconds after it starts.");
    return;
  }
  runs.innerHTML = `<table id="runs-table"><thead><tr><th>Started</th><th>Account / region</th><th>Status</th><th>Window</th>
    <th class="num">API calls</th><th class="num">Metrics requested</th><th class="num">CloudWatch cost</th></tr></thead><tbody>
    ${inMonth.map((r) => `<tr><td>${utc(r.startedAt)}</td><td>${esc(r.account)}<div class="sub">${esc(r.region)}</div></td>
      <td class="${r.status === "SUCCEEDED" ? "status-ok" : r.status === "RUNNING" ? "" : "status-bad"}" title="${esc(r.error || "")}">${esc(r.status.toLowerCase())}</td>
      <td class="window">${esc(windowText(r.windowStart, r.windowEnd))}</td><td class="num">${count(r.calls)}</td>
      <td class="num">${count(r.metricsRequested)}</td><td class="num">${usdPrecise.format(Number(r.cloudWatchCost))}</td></tr>`).join("")}
    </tbody></table>`;
}

/** Budgets and the alerts raised (newest first); what a scoped token sees of them only. */
async function alertsPage(gen) {
  const [alerts, budgets] = await load(gen, "/alerts?limit=200", "/budgets");
  view.innerHTML = `
    <h1>Alerts</h1>
    <p class="subtitle muted">Budgets crossed by the month's forecast, and daily cost spikes per function against the same weekday of the last weeks; checked after each collection cycle, each alert raised once.</p>
    <section class="card"><h2>Budgets</h2><div class="table-wrap" id="budgets"></div></section>
    <section class="card"><h2>Alerts raised</h2><div class="table-wrap" id="alerts"></div></section>`;
  const budgetBox = document.getElementById("budgets");
  budgetBox.innerHTML = budgets.items.length
    ? `<table id="budgets-table"><thead><tr><th>Budget</th><th>Covers</th><th class="num">Per month</th><th>Set in</th></tr></thead><tbody>
      ${budgets.items.map((b) => `<tr data-budget="${esc(b.name)}"><td>${esc(b.name)}</td><td>${esc(b.covers)}</td>
        <td class="num">${usd.format(Number(b.amount))}</td><td>${b.source === "config" ? "configuration file" : "API"}</td></tr>`).join("")}
      </tbody></table>`
    : emptyState("No budgets", "Set one in the configuration file (alerts.budgets) or with PUT /api/v1/budgets/{name}.");
  const alertBox = document.getElementById("alerts");
  alertBox.innerHTML = alerts.items.length
    ? `<table id="alerts-table"><thead><tr><th>Raised</th><th>Kind</th><th>What</th><th class="num">Observed</th><th class="num">Expected</th><th>Sent</th></tr></thead><tbody>
      ${alerts.items.map((a) => `<tr data-key="${esc(a.key)}"><td>${utc(a.raisedAt)}</td><td>${a.kind === "budget" ? "budget" : "cost spike"}</td>
        <td>${esc(a.message)}</td><td class="num">${usd.format(Number(a.observed))}</td><td class="num">${usd.format(Number(a.expected))}</td>
        <td class="${a.delivery === "failed" || a.delivery === "abandoned" ? "status-bad" : a.delivery === "delivered" ? "status-ok" : ""}">${esc(a.delivery)}</td></tr>`).join("")}
      </tbody></table>`
    : emptyState("No alerts", "Nothing crossed a budget or spiked so far.");
}

// ---------- token entry, month picker and routing ----------

/** The months the picker offers, from /api/v1/months. */
let months = { current: null, items: [] };

function showTokenForm(message) {
  clearCharts();
  view.innerHTML = "";
  view.appendChild(document.getElementById("token-form").content.cloneNode(true));
  document.getElementById("token-error").textContent = message || "";
  document.getElementById("token-entry").addEventListener("submit", (e) => {
    e.preventDefault();
    localStorage.setItem(TOKEN_KEY, document.getElementById("token-input").value.trim());
    route();
  });
}

/** The page path and its query (month) from the hash "#/path?month=2026-09". */
function parseHash() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = hash.split("?");
  const parts = path.split("/").map(decodeURIComponent);
  return { parts, month: new URLSearchParams(query).get("month") };
}

function showMonthPicker(selected) {
  const picker = document.getElementById("month-picker");
  const listed = months.items.map((m) => m.month);
  if (!listed.includes(selected)) listed.unshift(selected);
  listed.sort().reverse();
  picker.innerHTML = listed.map((m) => `<option value="${esc(m)}"${m === selected ? " selected" : ""}>${esc(monthName(m))}${m === months.current ? " (now)" : ""}</option>`).join("");
  document.getElementById("month-choice").classList.remove("hidden");
}

function chooseMonth(month) {
  const { parts } = parseHash();
  const path = parts.map(encodeURIComponent).join("/");
  location.hash = "#/" + path + monthQuery(month);
}

async function route() {
  const gen = ++generation;
  clearCharts();
  const { parts, month: asked } = parseHash();
  document.querySelectorAll("[data-nav]").forEach((a) => a.classList.toggle("active",
    a.dataset.nav === (parts[0] === "function" ? "functions" : parts[0] || "overview")));
  document.getElementById("signout").classList.toggle("hidden",
    !about.authEnabled || !localStorage.getItem(TOKEN_KEY));
  try {
    [months] = await load(gen, "/months");
    const month = asked && /^\d{4}-\d{2}$/.test(asked) ? asked : months.current;
    showMonthPicker(month);
    document.querySelectorAll("[data-nav]").forEach((a) => {
      a.setAttribute("href", a.getAttribute("href").split("?")[0] + monthQuery(month));
    });
    if (parts[0] === "functions") await functionsPage(gen, month);
    else if (parts[0] === "function" && parts.length === 4) await functionPage(gen, month, parts[1], parts[2], parts[3]);
    else if (parts[0] === "collections") await collectionsPage(gen, month);
    else if (parts[0] === "alerts") await alertsPage(gen);
    else if (parts[0] === "savings") await savingsPage(gen);
    else if (parts[0] === "bill") await billPage(gen, month);
    else await overview(gen, month);
    document.body.dataset.page = parts[0] || "overview";
    document.body.dataset.generation = String(gen);
  } catch (e) {
    if (e instanceof Stale) return;
    if (gen !== generation) return;
    document.getElementById("month-choice").classList.add("hidden");
    if (e instanceof Unauthorized) {
      showTokenForm(localStorage.getItem(TOKEN_KEY) ? "That token was not accepted." : "");
    } else {
      view.innerHTML = `<div class="card error" id="page-error">Could not load this page: ${esc(e.message)}</div>`;
    }
  }
}

async function start() {
  try {
    about = await fetch(API + "/about").then((r) => r.json());
  } catch (e) {
    about = { authEnabled: true };
  }
  document.getElementById("auth-off").classList.toggle("hidden", about.authEnabled !== false);
  document.getElementById("signout").addEventListener("click", () => {
    localStorage.removeItem(TOKEN_KEY);
    route();
  });
  document.getElementById("month-picker").addEventListener("change", (e) => chooseMonth(e.target.value));
  const tick = () => {
    const now = about.time ? new Date(Date.parse(about.time) + (Date.now() - loadedAt)) : new Date();
    document.getElementById("clock").textContent = now.toISOString().slice(0, 16).replace("T", " ") + " UTC";
  };
  const loadedAt = Date.now();
  tick();
  setInterval(tick, 30000);
  window.addEventListener("hashchange", route);
  route();
}

start();
