/**
 * Training data as the models see it (named numeric columns, rows, binary labels; checked on the way in)
 * and trained models as artifacts: one byte array each, read back through a class filter.
 */
package com.wedsync.ml.models.data;
