/**
 * Performance harness for the JDBC store: loads a realistic volume into PostgreSQL and times the
 * queries of the facade. Not published; run {@link org.entsupport.benchmarks.ListBenchmark}.
 */
@NullMarked
package org.entsupport.benchmarks;

import org.jspecify.annotations.NullMarked;
