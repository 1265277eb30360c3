/** Application-wide configuration beans. */
package com.wedsync.ml.platform.config;
