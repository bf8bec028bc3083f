// Lambda Ledger dashboard: plain JavaScript over the JSON API, charts by uPlot (from a WebJar).
// Pages: #/ overview, #/functions, #/function/<account>/<region>/<name>, #/collections.
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

// ---------- charts ----------

function clearCharts() {
  while (charts.length) charts.pop().destroy();
}
function chartWidth(element) {
  return Math.max(280, element.clientWidth - 8);
}
function timeChart(element, title, xs, series, options = {}) {
  const target = typeof element === "string" ? document.getElementById(element) : element;
  target.innerHTML = "";
  const heading = document.createElement("h2");
  heading.textContent = title;
  target.appendChild(heading);
  // A window is empty when it has no points, or when no point holds a value (options.hasData, when
  // given, says whether there was usage: a day with requests that cost $0.00 inside the free tier is
  // drawn as a $0.00 day, not as "no data").
  const hasValues = options.hasData !== undefined
    ? options.hasData
    : series.some((s) => s.values.some((v) => v !== null && v !== 0 && !Number.isNaN(v)));
  if (!xs.length || !hasValues) {
    const empty = document.createElement("p");
    empty.className = "empty";
    empty.textContent = "No data in this window yet.";
    target.appendChild(empty);
    target.dataset.rendered = "empty";
    return;
  }
  const colours = ["#2563eb", "#dc2626", "#059669", "#d97706"];
  const opts = {
    width: chartWidth(target),
    height: 220,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    legend: { show: series.length > 1 },
    scales: { x: { time: true } },
    axes: [{}, { values: (u, ticks) => ticks.map(options.axis || ((v) => compact.format(v))), size: 70 }],
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
  const plot = new uPlot(opts, [xs].concat(series.map((s) => s.values)), target);
  target.dataset.rendered = "chart";
  charts.push(plot);
}
window.addEventListener("resize", () => {
  for (const plot of charts) plot.setSize({ width: chartWidth(plot.root.parentElement), height: 220 });
});

// ---------- pages ----------

function emptyState(title, text) {
  return `<div class="empty"><strong>${esc(title)}</strong>${esc(text)}</div>`;
}
function warningsList(warnings) {
  if (!warnings || !warnings.length) return "";
  return `<ul class="warnings" id="warnings">${warnings.map((w) => `<li>${esc(w.message)}</li>`).join("")}</ul>`;
}
function functionLink(key) {
  const path = [key.account, key.region, key.function].map(encodeURIComponent).join("/");
  return `<a href="#/function/${path}">${esc(key.function)}</a>`;
}

async function overview() {
  const [costs, byDay, top, freeTier, forecast] = await Promise.all([
    api("/costs?window=month"),
    api("/costs?window=month&step=day"),
    api("/costs?window=month&aggregate=function&sort=total:desc&limit=10"),
    api("/free-tier?month=month"),
    api("/forecast?month=month"),
  ]);
  const requestsUsed = freeTier.payers.reduce((a, p) => a + Number(p.requests.used), 0);
  const requestsAllowed = freeTier.payers.reduce((a, p) => a + Number(p.requests.allowance), 0);
  const gbsUsed = freeTier.payers.reduce((a, p) => a + Number(p.gbSeconds.used), 0);
  const gbsAllowed = freeTier.payers.reduce((a, p) => a + Number(p.gbSeconds.allowance), 0);
  const gbsFraction = gbsAllowed ? Math.min(1, gbsUsed / gbsAllowed) : 0;
  const runOut = freeTier.payers.map((p) => p.projectedRunOut).filter(Boolean).sort()[0];
  const month = costs.window.start.slice(0, 7);
  view.innerHTML = `
    <h1>Overview</h1>
    <p class="subtitle muted">${esc(month)}, month to date · data through ${utc(costs.dataThrough)} · prices ${esc(costs.priceVersion)}</p>
    <div class="cards">
      <div class="card figure"><div class="label">Month to date</div>
        <div class="value" id="mtd-total" data-value="${esc(costs.totals.total)}">${money(costs.totals.total)}</div>
        <div class="note">${count(costs.totals.requests)} requests · ${gbSeconds(costs.totals.gbSeconds)}</div></div>
      <div class="card figure"><div class="label">Projected month end</div>
        <div class="value" id="projected-total" data-value="${esc(forecast.totals.projected)}">${money(forecast.totals.projected)}</div>
        <div class="note" title="${esc(forecast.method)}">run rate of the last days, priced with tiers and free tier</div></div>
      <div class="card figure"><div class="label">Free tier used (GB-seconds)</div>
        <div class="value" id="free-tier-used">${percent(gbsFraction)}</div>
        <div class="bar"><span style="width:${(gbsFraction * 100).toFixed(1)}%"></span></div>
        <div class="note">${gbSeconds(gbsUsed)} of ${gbSeconds(gbsAllowed)} · requests ${count(requestsUsed)} of ${count(requestsAllowed)}
          ${runOut ? ` · runs out ${utc(runOut, false)}` : ""}</div></div>
      <div class="card figure"><div class="label">Free-tier credit</div>
        <div class="value" id="free-tier-credit" data-value="${esc(costs.totals.freeTierCredit)}">${money(costs.totals.freeTierCredit)}</div>
        <div class="note">already deducted from the total</div></div>
    </div>
    ${warningsList(costs.warnings)}
    <div class="grid2">
      <section class="card chart" id="cost-by-day"></section>
      <section class="card"><h2>Top functions this month</h2><div id="top-functions"></div></section>
    </div>`;
  const points = byDay.series || [];
  timeChart("cost-by-day", "Cost by day (USD)", points.map((p) => Date.parse(p.start) / 1000),
    [{ label: "Cost", values: points.map((p) => Number(p.total)) }],
    { bars: true, format: (v) => usd.format(v), axis: (v) => usd.format(v),
      hasData: points.some((p) => Number(p.requests) > 0 || Number(p.total) !== 0) });
  const topEl = document.getElementById("top-functions");
  if (!top.items.length) {
    topEl.innerHTML = emptyState("No functions with usage yet",
      "Costs appear after the first collection cycle has stored metrics.");
  } else {
    topEl.innerHTML = `<table id="top-table"><thead><tr><th>Function</th><th>Region</th><th class="num">Requests</th><th class="num">Cost</th></tr></thead><tbody>
      ${top.items.map((i) => `<tr><td>${functionLink(i.key)}</td><td>${esc(i.key.region)}</td>
        <td class="num">${count(i.requests)}</td><td class="num" data-value="${esc(i.total)}">${money(i.total)}</td></tr>`).join("")}
      </tbody></table>`;
  }
}

const functionColumns = [
  { key: "name", label: "Function", value: (f) => f.name, render: (f) => functionLink({ account: f.account, region: f.region, function: f.name }) },
  { key: "account", label: "Account", value: (f) => f.account },
  { key: "region", label: "Region", value: (f) => f.region },
  { key: "config", label: "Memory / arch", value: (f) => f.memoryMb, render: (f) => `${integer.format(f.memoryMb)} MB · ${esc(f.architecture)}` },
  { key: "cost", label: "Cost", num: true, value: (f) => Number(f.cost), render: (f) => money(f.cost) },
  { key: "invocations", label: "Invocations", num: true, value: (f) => f.metrics.invocations, render: (f) => count(f.metrics.invocations) },
  { key: "duration", label: "Avg duration", num: true, value: (f) => f.metrics.durationMsAvg ?? -1, render: (f) => ms(f.metrics.durationMsAvg) },
  { key: "errors", label: "Errors", num: true, value: (f) => f.metrics.errors, render: (f) => count(f.metrics.errors) },
  { key: "throttles", label: "Throttles", num: true, value: (f) => f.metrics.throttles, render: (f) => count(f.metrics.throttles) },
  { key: "iteratorAge", label: "Max iterator age", num: true, value: (f) => f.metrics.iteratorAgeMaxMs ?? -1, render: (f) => ms(f.metrics.iteratorAgeMaxMs) },
  { key: "dlq", label: "DLQ errors", num: true, value: (f) => f.metrics.deadLetterErrors, render: (f) => count(f.metrics.deadLetterErrors) },
  { key: "activity", label: "Last activity", value: (f) => f.lastActivity || "", render: (f) => utc(f.lastActivity) },
];

async function functionsPage() {
  const data = await api("/functions?window=month");
  const state = { sort: "cost", asc: false, text: "" };
  view.innerHTML = `
    <h1>Functions</h1>
    <p class="subtitle muted">${count(data.items.length)} functions · usage and cost ${utc(data.window.start, false)} to ${utc(data.window.end, false)} (UTC)</p>
    <section class="card">
      <div class="toolbar"><input type="search" id="function-filter" placeholder="Filter by name, account, region or tag" aria-label="Filter functions" size="40">
        <span class="muted" id="function-count"></span></div>
      <div class="table-wrap" id="functions-table"></div>
    </section>`;
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
        `<td${c.num ? ' class="num"' : ""}>${c.render ? c.render(f) : esc(c.value(f))}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
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
  { name: "invocations", title: "Invocations", format: count },
  { name: "duration", title: "Duration (average)", format: ms },
  { name: "errors", title: "Errors", format: count },
  { name: "throttles", title: "Throttles", format: count },
  { name: "iteratorAge", title: "Iterator age (max)", format: ms },
  { name: "deadLetterErrors", title: "Dead-letter errors", format: count },
];

async function functionPage(account, region, name) {
  const base = `/functions/${[account, region, name].map(encodeURIComponent).join("/")}`;
  const filter = encodeURIComponent(`account:${account},region:${region},function:${name}`);
  const [fn, metrics, costs] = await Promise.all([
    api(base),
    api(`${base}/metrics?window=month&step=day`),
    api(`/costs?window=month&step=day&aggregate=function&filter=${filter}`),
  ]);
  const item = costs.items[0];
  const current = fn.configurations.find((c) => !c.validTo) || fn.configurations[fn.configurations.length - 1] || {};
  view.innerHTML = `
    <h1 id="function-name">${esc(fn.name)}</h1>
    <p class="subtitle muted">${esc(fn.account)} · ${esc(fn.region)} · ${esc(fn.runtime || "")} ·
      ${Object.entries(fn.tags || {}).map(([k, v]) => `<span class="tag">${esc(k)}=${esc(v)}</span>`).join("")}</p>
    <div class="cards">
      <div class="card figure"><div class="label">Cost this month</div>
        <div class="value" id="function-cost" data-value="${esc(item ? item.total : "0.00")}">${money(item ? item.total : "0.00")}</div>
        <div class="note">${count(item ? item.requests : 0)} requests · ${gbSeconds(item ? item.gbSeconds : 0)}</div></div>
      <div class="card figure"><div class="label">Configuration now</div>
        <div class="value">${current.memoryMb ? integer.format(current.memoryMb) + " MB" : "–"}</div>
        <div class="note">${esc(current.architecture || "")} · ephemeral ${current.ephemeralStorageMb ? integer.format(current.ephemeralStorageMb) + " MB" : "–"} · timeout ${current.timeoutSeconds ?? "–"} s</div></div>
    </div>
    ${warningsList(costs.warnings)}
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
  timeChart("chart-cost", "Cost by day (USD)", costPoints.map((p) => Date.parse(p.start) / 1000),
    [{ label: "Cost", values: costPoints.map((p) => Number(p.total)) }],
    { bars: true, format: (v) => usd.format(v), axis: (v) => usdPrecise.format(v) });
  for (const m of METRICS) {
    const series = metrics.series.find((s) => s.metric === m.name);
    const points = series ? series.points : [];
    timeChart(`chart-${m.name}`, m.title, points.map((p) => Date.parse(p.start) / 1000),
      [{ label: m.title, values: points.map((p) => p.value) }], { format: m.format, axis: m.format });
  }
}

async function collectionsPage() {
  const data = await api("/collections?limit=200");
  view.innerHTML = `
    <h1>Collection</h1>
    <p class="subtitle muted">Each cycle reads CloudWatch for one account and region. GetMetricData is billed per metric requested.</p>
    <div class="cards">
      <div class="card figure"><div class="label">CloudWatch spend this month</div>
        <div class="value" id="cloudwatch-spend" data-value="${esc(data.monthToDate.cloudWatchCost)}">${usdPrecise.format(Number(data.monthToDate.cloudWatchCost))}</div>
        <div class="note">${count(data.monthToDate.metricsRequested)} metrics requested · ${count(data.monthToDate.calls)} API calls</div></div>
      <div class="card figure"><div class="label">Last successful cycle</div>
        <div class="value" style="font-size:18px">${utc(data.lastSuccess)}</div></div>
    </div>
    <section class="card"><h2>Recent runs</h2><div class="table-wrap" id="runs"></div></section>`;
  const runs = document.getElementById("runs");
  if (!data.items.length) {
    runs.innerHTML = emptyState("No collection runs yet", "serve starts the first cycle a few seconds after it starts.");
    return;
  }
  runs.innerHTML = `<table id="runs-table"><thead><tr><th>Started</th><th>Account</th><th>Region</th><th>Status</th><th>Window</th>
    <th class="num">API calls</th><th class="num">Metrics requested</th><th class="num">CloudWatch cost</th></tr></thead><tbody>
    ${data.items.map((r) => `<tr><td>${utc(r.startedAt)}</td><td>${esc(r.account)}</td><td>${esc(r.region)}</td>
      <td class="${r.status === "SUCCEEDED" ? "status-ok" : r.status === "RUNNING" ? "" : "status-bad"}" title="${esc(r.error || "")}">${esc(r.status.toLowerCase())}</td>
      <td>${utc(r.windowStart)} – ${utc(r.windowEnd).slice(11)}</td><td class="num">${count(r.calls)}</td>
      <td class="num">${count(r.metricsRequested)}</td><td class="num">${usdPrecise.format(Number(r.cloudWatchCost))}</td></tr>`).join("")}
    </tbody></table>`;
}

// ---------- token entry and routing ----------

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

async function route() {
  clearCharts();
  const hash = location.hash.replace(/^#\/?/, "");
  const parts = hash.split("/").map(decodeURIComponent);
  document.querySelectorAll("[data-nav]").forEach((a) => a.classList.toggle("active",
    a.dataset.nav === (parts[0] === "function" ? "functions" : parts[0] || "overview")));
  document.getElementById("signout").classList.toggle("hidden",
    !about.authEnabled || !localStorage.getItem(TOKEN_KEY));
  try {
    if (parts[0] === "functions") await functionsPage();
    else if (parts[0] === "function" && parts.length === 4) await functionPage(parts[1], parts[2], parts[3]);
    else if (parts[0] === "collections") await collectionsPage();
    else await overview();
    document.body.dataset.page = parts[0] || "overview";
  } catch (e) {
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
  const tick = () => {
    document.getElementById("clock").textContent = new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC";
  };
  tick();
  setInterval(tick, 30000);
  window.addEventListener("hashchange", route);
  route();
}

start();
