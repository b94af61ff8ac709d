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
 */
@NullMarked
package org.entsupport.tck;

import org.jspecify.annotations.NullMarked;
