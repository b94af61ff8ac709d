package org.entsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifiersTest {

    /** A working provider. */
    public static final class Good implements Notifier {
        @Override
        public void deliver(Notification notification) {}
    }

    /** Another working provider. */
    public static final class Other implements Notifier {
        @Override
        public void deliver(Notification notification) {}
    }

    /** A provider whose constructor fails. */
    public static final class Broken implements Notifier {
        public Broken() {
            throw new IllegalStateException("no configuration");
        }

        @Override
        public void deliver(Notification notification) {}
    }

    /** A provider that takes a name already taken. */
    public static final class Impostor implements Notifier {
        @Override
        public void deliver(Notification notification) {}

        @Override
        public String name() {
            return "Good";
        }
    }

    /** Not a notifier at all. */
    public static final class NotANotifier {}

    @TempDir
    Path dir;

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger julLogger = Logger.getLogger(Notifiers.LOGGER_NAME);
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureReports() {
        julLogger.addHandler(handler);
        julLogger.setLevel(Level.ALL);
        julLogger.setUseParentHandlers(false);
    }

    @AfterEach
    void stopCapturing() {
        julLogger.removeHandler(handler);
        julLogger.setUseParentHandlers(true);
    }

    @Test
    void discoversProvidersAndSkipsBrokenOnesWithAReport() throws IOException {
        try (URLClassLoader loader = loaderDeclaring(
                Good.class.getName(),
                Broken.class.getName(),
                "org.example.DoesNotExist",
                NotANotifier.class.getName(),
                Impostor.class.getName(),
                Other.class.getName())) {

            List<Notifier> found = Notifiers.discover(loader);

            assertThat(found).extracting(Notifier::name).containsExactly("Good", "Other");
            assertThat(warnings()).hasSize(4);
            assertThat(warnings().get(0))
                    .startsWith("A notifier provider could not be loaded and is skipped: ")
                    .contains(Broken.class.getName());
            assertThat(warnings().get(1)).contains("org.example.DoesNotExist");
            assertThat(warnings().get(2)).contains(NotANotifier.class.getName());
            assertThat(warnings().get(3))
                    .isEqualTo("Notifier " + Impostor.class.getName()
                            + " is skipped: its name 'Good' is already taken by " + Good.class.getName());
        }
    }

    @Test
    void findingNoneIsAClearWarning() throws IOException {
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThat(Notifiers.discover(loader)).isEmpty();
        }

        assertThat(warnings())
                .singleElement()
                .asString()
                .startsWith(
                        "No notifier found: nothing declares a ServiceLoader provider of org.entsupport.notify.Notifier");
    }

    @Test
    void explicitNotifiersWinOverDiscovery() throws IOException {
        Notifier explicit = n -> {};
        try (URLClassLoader loader = loaderDeclaring(Good.class.getName())) {
            Thread thread = Thread.currentThread();
            ClassLoader saved = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                assertThat(Notifiers.explicitOrDiscovered(List.of(explicit))).containsExactly(explicit);
                assertThat(Notifiers.explicitOrDiscovered(List.of()))
                        .extracting(Notifier::name)
                        .containsExactly("Good");
            } finally {
                thread.setContextClassLoader(saved);
            }
        }
        assertThat(warnings()).isEmpty();
    }

    @Test
    void explicitNotifiersMustHaveDistinctNames() {
        assertThatThrownBy(() -> Notifiers.explicitOrDiscovered(List.of(new Good(), new Impostor())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("notifiers must have distinct names, but " + Good.class.getName() + " and "
                        + Impostor.class.getName() + " are both named 'Good'");
    }

    @Test
    void defaultsOfTheSpi() {
        Notifier n = new Good();

        assertThat(n.name()).isEqualTo("Good");
        assertThat(n.supports(NotificationType.TICKET_AUTO_CLOSED)).isTrue();
        n.close();
        n.close();
    }

    private URLClassLoader loaderDeclaring(String... classNames) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.write(services.resolve(Notifier.class.getName()), List.of(classNames), StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    private List<String> warnings() {
        return records.stream()
                .filter(r -> r.getLevel() == Level.WARNING)
                .map(LogRecord::getMessage)
                .toList();
    }
}
