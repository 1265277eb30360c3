/**
 * The REST API (JSON; errors as RFC 9457 problem details naming the bad field). The paths are the
 * contract in DESIGN.md, "The API, at a glance".
 */
package com.wedsync.ml.platform.api;
