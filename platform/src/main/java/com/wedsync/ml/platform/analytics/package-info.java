/**
 * The analytics page for product people ({@code /analytics}): the MRR forecast with its band and
 * scenarios, churn risk, LTV distribution, models in production (metrics, drift, alerts) and
 * experiments, rendered on the server with Thymeleaf ({@code templates/analytics/}: a layout and one
 * fragment per section) as HTML with inline SVG and no script.
 *
 * <p>{@code AnalyticsQueries} holds the page's SQL and returns records, one kind per section
 * ({@link com.wedsync.ml.platform.analytics.MrrForecast}, {@link com.wedsync.ml.platform.analytics.ChurnMatrix},
 * {@link com.wedsync.ml.platform.analytics.ProductionModel}, ...); {@link
 * com.wedsync.ml.platform.analytics.MrrSection} and {@link com.wedsync.ml.platform.analytics.LtvSection} add
 * their charts' geometry from the Spring-free {@code chart} package; the controller only hands them to
 * the view. Templates print text with {@code th:text} (escaped) and numbers through {@link
 * com.wedsync.ml.platform.analytics.Format}, which prints "-" for a value that is not finite.
 */
package com.wedsync.ml.platform.analytics;
