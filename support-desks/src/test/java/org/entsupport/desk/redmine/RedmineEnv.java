package org.entsupport.desk.redmine;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Redmine that {@code ../shared/tools/redmine-up.sh} starts, as its exported variables describe it.
 * With {@code CI=true} a missing Redmine fails the test; elsewhere the test is skipped with a message.
 */
final class RedmineEnv {

    private RedmineEnv() {}

    /** An environment variable, trimmed; empty when unset. */
    static String get(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value.strip();
    }

    /** Fails (CI) or skips (elsewhere) {@code test} when REDMINE_URL, REDMINE_API_KEY or REDMINE_PROJECT is unset. */
    static void require(String test) {
        boolean configured = !get("REDMINE_URL").isEmpty()
                && !get("REDMINE_API_KEY").isEmpty()
                && !get("REDMINE_PROJECT").isEmpty();
        String why = "REDMINE_URL, REDMINE_API_KEY and REDMINE_PROJECT must be set: run "
                + "eval \"$(../shared/tools/redmine-up.sh)\" before Maven";
        if (!configured && "true".equalsIgnoreCase(get("CI"))) {
            fail("CI=true but no Redmine: " + why);
        }
        assumeTrue(configured, test + " skipped: " + why);
    }
}
