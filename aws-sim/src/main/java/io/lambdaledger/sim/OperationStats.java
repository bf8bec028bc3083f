package io.lambdaledger.sim;

/**
 * What the simulator saw of one operation since start (or the last reset).
 *
 * @param calls every request received, including those answered with an injected fault
 * @param metricsRequested GetMetricData: metric queries in calls that were answered (what AWS
 *     bills, $0.01 per 1,000)
 * @param datapointsReturned GetMetricData: datapoints sent back
 * @param throttled calls answered with an injected throttling error
 * @param serverErrors calls answered with an injected 5xx
 * @param dropped calls whose connection was dropped
 * @param clientErrors calls rejected as invalid (4xx other than throttling)
 * @param partialData GetMetricData: series cut short by the PartialData fault
 */
public record OperationStats(
    long calls,
    long metricsRequested,
    long datapointsReturned,
    long throttled,
    long serverErrors,
    long dropped,
    long clientErrors,
    long partialData) {}
