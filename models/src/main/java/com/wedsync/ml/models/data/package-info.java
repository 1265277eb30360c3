/** Training data as the models see it: named numeric columns, rows, binary labels; checked on the way in. */
package com.wedsync.ml.models.data;
