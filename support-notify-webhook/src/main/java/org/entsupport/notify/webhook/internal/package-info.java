/**
 * The webhook notifier's implementation details: the JSON payload and HTTP header parsing. Not
 * exported; may change in any release.
 */
@NullMarked
package org.entsupport.notify.webhook.internal;

import org.jspecify.annotations.NullMarked;
