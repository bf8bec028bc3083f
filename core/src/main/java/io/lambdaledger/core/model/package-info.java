/**
 * Domain records shared by every module: functions and their configuration history, metric samples,
 * usage rollups, collection runs, watermarks and API tokens. Pure values: no IO.
 *
 * <p>Instants are UTC. Money and fractional usage are {@link java.math.BigDecimal}, never {@code
 * double}. A component documented as "nullable" carries {@code null} for "not known"; every other
 * component is required.
 */
package io.lambdaledger.core.model;
