/**
 * Start-up: turning start-up failures (an unreachable database, a port in use, bad configuration)
 * into one line that says what to change, and the work the default run does once the platform is up.
 */
package com.wedsync.ml.platform.startup;
