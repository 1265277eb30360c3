/** JSON for the JSONB columns (Jackson 3, the mapper Spring Boot 4 uses). */
package com.wedsync.ml.platform.json;
