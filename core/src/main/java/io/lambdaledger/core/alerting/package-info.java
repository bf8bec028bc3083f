/**
 * Budgets and cost anomalies: which alerts a priced forecast and a function's daily costs raise.
 * Pure rules (no IO); the composition root reads the usage, prices it through {@code core.costing},
 * stores the alerts and sends them. See {@code docs/alerts.md}.
 */
package io.lambdaledger.core.alerting;
