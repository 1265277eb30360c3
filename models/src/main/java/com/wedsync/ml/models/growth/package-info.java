/**
 * Growth intelligence (spec sections 3 and 4): the viral coefficient of both sides of the loop
 * ({@link com.wedsync.ml.models.growth.ViralLoop}), the network-effect values
 * ({@link com.wedsync.ml.models.growth.NetworkEffects}) and demand by vendor type and region
 * ({@link com.wedsync.ml.models.growth.DemandForecaster}). Pure Java on in-memory series.
 */
package com.wedsync.ml.models.growth;
