/**
 * Forecasting any monthly series: exponential smoothing in its state-space form (ETS, Hyndman et al.),
 * seasonal naive, and the selection between candidate models by rolling-origin error
 * ({@link com.wedsync.ml.models.forecast.SeriesForecaster}). The MRR forecast is one use of it.
 */
package com.wedsync.ml.models.forecast;
