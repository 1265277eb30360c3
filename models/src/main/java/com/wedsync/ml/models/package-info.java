/**
 * Pure Java machine learning for the WedSync platform: no Spring, no SQL, no I/O.
 *
 * <p>Each sub-package is one concept ({@code churn}, {@code drift}, ...). Everything here can be
 * used and tested alone, on in-memory data.
 */
package com.wedsync.ml.models;
