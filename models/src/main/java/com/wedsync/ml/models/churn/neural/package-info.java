/** The only package that sees DL4J and ND4J types. */
package com.wedsync.ml.models.churn.neural;
