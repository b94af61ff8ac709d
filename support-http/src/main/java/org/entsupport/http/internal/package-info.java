/** Implementation of the HTTP API: routes, JSON views, problem details, multipart. Not exported. */
@NullMarked
package org.entsupport.http.internal;

import org.jspecify.annotations.NullMarked;
