// Savings view (#/savings): the API's recommendations, the largest expected saving first, with the
// evidence and assumptions of each behind a disclosure. Uses app.js's helpers (load, esc, view...).
"use strict";

const SAVINGS_KINDS = {
  arm64: "arm64",
  memory: "Memory",
  provisionedConcurrency: "Provisioned concurrency",
  failures: "Failures",
};

function savingRange(s) {
  return s.low === s.high ? usd.format(Number(s.expected))
    : `${usd.format(Number(s.low))} – ${usd.format(Number(s.high))}`;
}

async function savingsPage(gen) {
  const [data] = await load(gen, "/recommendations");
  const spend = data.logsInsights;
  view.innerHTML = `
    <h1>Savings</h1>
    <p class="subtitle muted" id="page-month" data-month="${esc(months.current)}">Measured over ${esc(windowText(data.window.start, data.window.end))}; savings per 30-day month.</p>
    <div class="cards">
      <div class="card figure"><div class="label">Expected saving a month</div>
        <div class="value" id="savings-total" data-value="${esc(data.monthlySaving.expected)}">${usd.format(Number(data.monthlySaving.expected))}</div>
        <div class="note">range ${esc(savingRange(data.monthlySaving))}, ${count(data.items.length)} recommendations</div></div>
      ${spend ? `<div class="card figure"><div class="label">Logs Insights this month</div>
        <div class="value" id="logs-insights-spend" data-value="${esc(spend.costThisMonthUsd)}">${usdPrecise.format(Number(spend.costThisMonthUsd))}</div>
        <div class="note">${esc(joined([count(spend.queriesThisMonth) + " queries", compact.format(spend.bytesScannedThisMonth) + " bytes scanned"]))}</div></div>` : ""}
    </div>
    <section class="card"><h2>Recommendations</h2><div class="table-wrap" id="recommendations"></div></section>`;
  const list = document.getElementById("recommendations");
  if (!data.items.length) {
    list.innerHTML = emptyState("Nothing to recommend",
      "No function would save at least a dollar a month. Memory advice needs REPORT lines: run lambda-ledger recommend.");
    return;
  }
  list.innerHTML = `<table id="recommendations-table"><thead><tr><th>Kind</th><th>Function</th><th>Action</th>
    <th class="num">Saving a month</th></tr></thead><tbody>
    ${data.items.map((r) => `<tr data-kind="${esc(r.kind)}"><td>${esc(SAVINGS_KINDS[r.kind] || r.kind)}</td>
      <td>${functionLink({ account: r.accountId, region: r.region, function: r.functionName }, months.current)}<div class="sub">${esc(r.accountId)} · ${esc(r.region)}</div></td>
      <td>${esc(r.action)}<details><summary class="muted">evidence and assumptions</summary>
        <ul class="small-print">${r.evidence.map((e) => `<li>${esc(e.name)}: ${esc(e.value)} ${esc(e.unit)}</li>`).join("")}</ul>
        <ul class="small-print muted">${r.assumptions.map((a) => `<li>${esc(a)}</li>`).join("")}</ul></details></td>
      <td class="num" data-expected="${esc(r.monthlySaving.expected)}">${usd.format(Number(r.monthlySaving.expected))}<div class="sub">${esc(savingRange(r.monthlySaving))}</div></td></tr>`).join("")}
    </tbody></table>`;
}
