/**
 * Who may call what, and who did it: users and API tokens in PostgreSQL, HTTP Basic, bearer tokens and a
 * sign-in page with CSRF for browsers, the role ladder viewer &lt; ml-engineer &lt; admin, the throttle on
 * failed sign-ins, the append-only audit log and the first start's admin. The whole access policy is one
 * table, {@link com.wedsync.ml.platform.security.AccessRules}.
 */
package com.wedsync.ml.platform.security;
