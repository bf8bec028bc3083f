/**
 * Savings recommendations: pure rules over stored usage, configuration and the daily aggregates of
 * REPORT log lines, priced with the price book. No IO: the caller hands each function's evidence
 * in.
 */
package io.lambdaledger.core.advice;
