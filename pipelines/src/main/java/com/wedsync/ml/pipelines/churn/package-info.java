/**
 * The churn model kind: the spec's supplier churn prediction, trained as the stacked ensemble of
 * {@link com.wedsync.ml.models.churn} on feature set {@code supplier_churn}, scored with the spec's
 * interventions. Registered through {@code META-INF/services}, like any other kind.
 */
package com.wedsync.ml.pipelines.churn;
