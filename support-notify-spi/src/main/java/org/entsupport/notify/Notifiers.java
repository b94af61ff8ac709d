package org.entsupport.notify;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the notifiers to use, with SLF4J's rules: notifiers the host registers explicitly win;
 * otherwise {@link ServiceLoader} providers of {@link Notifier} are used; a broken provider is
 * reported and skipped; finding none is reported as a warning.
 *
 * <pre>{@code
 * List<Notifier> notifiers = Notifiers.explicitOrDiscovered(List.of());  // nothing explicit: discover
 * }</pre>
 *
 * <p>Reports go to the {@link System.Logger} named {@code org.entsupport.notify.Notifiers}
 * (this module depends on no logging library; with {@code slf4j-jdk-platform-logging}, they reach
 * SLF4J). Two notifiers must not share a {@linkplain Notifier#name() name}, since the outbox keys
 * its rows by it: the second is reported and skipped.
 */
public final class Notifiers {

    /** The name of the logger that reports discovery problems. */
    public static final String LOGGER_NAME = "org.entsupport.notify.Notifiers";

    private static final Logger LOG = System.getLogger(LOGGER_NAME);

    /** Guards against a provider iterator that keeps failing without moving on. */
    private static final int MAX_CONSECUTIVE_ERRORS = 100;

    private Notifiers() {}

    /**
     * The notifiers declared as {@link ServiceLoader} providers to the thread's context class loader
     * (and, on the module path, by modules that {@code provides org.entsupport.notify.Notifier}).
     *
     * @return the notifiers found, in discovery order, broken ones and duplicate names left out;
     *         empty (with a warning) when there is none
     */
    public static List<Notifier> discover() {
        return discover(ServiceLoader.load(Notifier.class));
    }

    /**
     * The notifiers declared as {@link ServiceLoader} providers to {@code classLoader}.
     *
     * @param classLoader where to look for {@code META-INF/services/org.entsupport.notify.Notifier}
     * @return the notifiers found, broken ones and duplicate names left out; empty (with a warning)
     *         when there is none
     */
    public static List<Notifier> discover(ClassLoader classLoader) {
        return discover(ServiceLoader.load(Notifier.class, classLoader));
    }

    /**
     * The explicit notifiers if there are any, else the discovered ones: an explicit choice wins and
     * turns discovery off.
     *
     * @param explicit the notifiers the host registered; may be empty
     * @return {@code explicit} (checked for distinct names) when not empty, else {@link #discover()}
     * @throws IllegalArgumentException when two explicit notifiers share a name
     */
    public static List<Notifier> explicitOrDiscovered(Collection<? extends Notifier> explicit) {
        Objects.requireNonNull(explicit, "explicit");
        if (explicit.isEmpty()) {
            return discover();
        }
        Map<String, Notifier> byName = new LinkedHashMap<>();
        for (Notifier notifier : explicit) {
            Objects.requireNonNull(notifier, "notifier");
            Notifier previous = byName.putIfAbsent(notifier.name(), notifier);
            if (previous != null) {
                throw new IllegalArgumentException("notifiers must have distinct names, but " + describe(previous)
                        + " and " + describe(notifier) + " are both named '" + notifier.name() + "'");
            }
        }
        LOG.log(
                Level.DEBUG,
                () -> "Using " + byName.size() + " explicitly registered notifier(s) " + byName.keySet()
                        + "; ServiceLoader discovery skipped");
        return List.copyOf(byName.values());
    }

    private static List<Notifier> discover(ServiceLoader<Notifier> loader) {
        Map<String, Notifier> byName = new LinkedHashMap<>();
        Iterator<Notifier> it = loader.iterator();
        int consecutiveErrors = 0;
        while (true) {
            Notifier notifier;
            try {
                if (!it.hasNext()) {
                    break;
                }
                notifier = it.next();
                consecutiveErrors = 0;
            } catch (ServiceConfigurationError e) {
                LOG.log(Level.WARNING, "A notifier provider could not be loaded and is skipped: " + e.getMessage(), e);
                if (++consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
                    LOG.log(
                            Level.WARNING,
                            "Giving up notifier discovery after " + consecutiveErrors + " consecutive provider errors");
                    break;
                }
                continue;
            }
            String name;
            try {
                name = Objects.requireNonNull(notifier.name(), "name()");
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Notifier " + notifier.getClass().getName() + " failed to tell its name and is skipped: " + e,
                        e);
                continue;
            }
            Notifier previous = byName.putIfAbsent(name, notifier);
            if (previous != null) {
                LOG.log(
                        Level.WARNING,
                        "Notifier " + describe(notifier) + " is skipped: its name '" + name + "' is already taken by "
                                + describe(previous));
            }
        }
        if (byName.isEmpty()) {
            LOG.log(
                    Level.WARNING,
                    "No notifier found: nothing declares a ServiceLoader provider of "
                            + Notifier.class.getName() + " and none was registered explicitly."
                            + " No notification will be delivered.");
            return List.of();
        }
        LOG.log(Level.DEBUG, () -> "Discovered notifier(s) " + byName.keySet());
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    private static String describe(Notifier notifier) {
        return notifier.getClass().getName();
    }
}
