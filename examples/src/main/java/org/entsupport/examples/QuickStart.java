package org.entsupport.examples;

import java.io.PrintStream;
import java.util.Locale;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.jdbc.SupportJdbc;

/**
 * The whole feature in one run, on an embedded H2 database and an in-process support desk: nothing to
 * install. Each step prints what a person would see: the list, the news feed with unread counts, the
 * timeline.
 *
 * <p>Run it with {@code mvn -q -pl examples -am compile exec:java}; add {@code -Dexec.args=en} for English.
 */
public final class QuickStart {

    private QuickStart() {}

    /**
     * Runs the example.
     *
     * @param args {@code en} for English, French otherwise
     */
    public static void main(String[] args) throws Exception {
        Locale locale = args.length > 0 && args[0].startsWith("en") ? Locale.ENGLISH : Locale.FRENCH;
        run(System.out, locale);
    }

    static void run(PrintStream out, Locale locale) throws Exception {
        // An embedded H2 database, migrated on start; a real host passes its own DataSource.
        try (SupportJdbc jdbc = SupportJdbc.builder().build()) {
            InMemorySupportDesk desk = new InMemorySupportDesk();
            new SupportTour(out, locale)
                    .run(
                            jdbc.store(),
                            jdbc.newsFeed(),
                            jdbc.attachmentStore(),
                            desk,
                            (issue, text) -> desk.addComment(issue, "Agent Dupont", text, true));
        }
    }
}
