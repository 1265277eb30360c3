/**
 * The REST API (JSON; every error, Spring's and Tomcat's own included, an RFC 9457 problem detail with a
 * bounded detail and an {@code errors} list naming the bad field: {@code ApiExceptionHandler}, {@code ErrorPage},
 * {@code ProblemErrorReportValve}, {@code RequestSizeLimit}). Who may call each endpoint is
 * {@code security.AccessRules}. The paths are the contract in DESIGN.md, "The API, at a glance".
 */
package com.wedsync.ml.platform.api;
