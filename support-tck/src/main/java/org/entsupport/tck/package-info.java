/**
 * Contract test kits: abstract JUnit 5 classes that every implementation of a port or SPI runs
 * through a small subclass (ticket store, notifier, support desk). Extend one, implement its factory
 * method, and run it with your tests:
 *
 * <pre>{@code
 * class MyStoreContractTest extends TicketStoreContract {
 *     protected TicketStore createStore() { return new MyStore(freshDatabase()); }
 * }
 * }</pre>
 *
 * <p><b>JUnit:</b> the kits run on the JUnit 5 of the host's own tests and bring none of their own
 * ({@code junit-jupiter-api} is a {@code provided} dependency), so a host never has two JUnit lines on its
 * test class path. They need JUnit Jupiter 5 (they use {@code @Test}, {@code @BeforeEach}, {@code @AfterEach}
 * and {@code @DisplayName} only); they are built with JUnit 5.14.4 and checked on 5.10.3.
 */
@NullMarked
package org.entsupport.tck;

import org.jspecify.annotations.NullMarked;
