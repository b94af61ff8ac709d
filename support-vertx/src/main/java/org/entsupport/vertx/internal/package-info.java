/** Streams between Vert.x and the blocking API: request bodies in, response bodies out. Not exported. */
@NullMarked
package org.entsupport.vertx.internal;

import org.jspecify.annotations.NullMarked;
