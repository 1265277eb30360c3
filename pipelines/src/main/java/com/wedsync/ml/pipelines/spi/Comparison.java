package com.wedsync.ml.pipelines.spi;

/**
 * A challenger against the champion on the same held-out data.
 *
 * @param test              the test used, e.g. "DeLong (1988) one-sided test on AUC"
 * @param metric            the metric compared
 * @param pValue            the p-value of "the challenger is better"
 * @param challengerIsBetter whether the challenger is better at the requested significance level
 */
public record Comparison(String test, String metric, double challengerValue, double championValue, double statistic,
                         double pValue, boolean challengerIsBetter) {
}
