/**
 * The analytics page for product people ({@code /analytics}): the MRR forecast with its band and
 * scenarios, churn risk, LTV distribution, models in production and experiments, rendered on the server.
 */
package com.wedsync.ml.platform.analytics;
