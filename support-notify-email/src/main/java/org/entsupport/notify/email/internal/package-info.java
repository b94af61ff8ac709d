/**
 * The e-mail notifier's implementation details: building MIME messages and classifying SMTP
 * failures. Not exported; may change in any release.
 */
@NullMarked
package org.entsupport.notify.email.internal;

import org.jspecify.annotations.NullMarked;
