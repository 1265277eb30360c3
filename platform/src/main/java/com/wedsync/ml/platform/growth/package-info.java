/** Growth intelligence the platform computes directly from its tables: the network effects of the marketplace. */
package com.wedsync.ml.platform.growth;
