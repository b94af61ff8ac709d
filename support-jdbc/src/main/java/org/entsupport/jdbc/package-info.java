/**
 * The JDBC persistence adapter: {@link org.entsupport.jdbc.SupportJdbc} migrates the schema and
 * hands out the {@link org.entsupport.core.spi.TicketStore} the facade runs on, the
 * {@link org.entsupport.jdbc.JdbcAttachmentStore} that keeps attached files in the same database, and the
 * in-app {@link org.entsupport.jdbc.NewsFeed} ("fil de nouveautés"), a notifier whose entries users read
 * page by page ({@link org.entsupport.core.Page} of {@link org.entsupport.jdbc.FeedEntry}).
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.jdbc;

import org.jspecify.annotations.NullMarked;
