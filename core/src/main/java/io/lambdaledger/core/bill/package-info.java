/** The real bill: line items imported from AWS Data Exports (CUR 2.0, FOCUS 1.2). */
package io.lambdaledger.core.bill;
