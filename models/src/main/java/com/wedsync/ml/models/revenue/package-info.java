/**
 * Revenue intelligence without Spring or SQL: the MRR forecast by stream with wedding seasonality,
 * scenarios and a Monte Carlo band ({@link com.wedsync.ml.models.revenue.MrrForecaster}), and the
 * supplier LTV model ({@link com.wedsync.ml.models.revenue.LtvModel}).
 */
package com.wedsync.ml.models.revenue;
