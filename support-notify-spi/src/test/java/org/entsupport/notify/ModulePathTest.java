package org.entsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tests run on the class path; this one loads the compiled module into a module layer and renders
 * through it, so the message resources are known to load from a named module too.
 */
class ModulePathTest {

    @Test
    void rendersFromANamedModule() throws Exception {
        Path classes = Path.of(Notifier.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Configuration cf = ModuleLayer.boot()
                .configuration()
                .resolve(ModuleFinder.of(classes), ModuleFinder.of(), Set.of("org.entsupport.notify"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        ClassLoader loader = layer.findLoader("org.entsupport.notify");

        Class<?> type = loader.loadClass("org.entsupport.notify.NotificationType");
        Class<?> recipient = loader.loadClass("org.entsupport.notify.Recipient");
        Class<?> notification = loader.loadClass("org.entsupport.notify.Notification");
        Class<?> messages = loader.loadClass("org.entsupport.notify.NotificationMessages");
        assertThat(notification.getModule().getName()).isEqualTo("org.entsupport.notify");

        Object b = notification.getMethod("builder").invoke(null);
        Class<?> builder = b.getClass();
        builder.getMethod("type", type)
                .invoke(b, type.getMethod("valueOf", String.class).invoke(null, "TICKET_CREATED"));
        builder.getMethod("ticket", long.class, String.class).invoke(b, 42L, "42");
        builder.getMethod("school", String.class).invoke(b, "0750001A");
        builder.getMethod("actor", String.class, String.class).invoke(b, "u1", "Camille");
        builder.getMethod("recipients", List.class)
                .invoke(
                        b,
                        List.of(recipient
                                .getMethod("of", String.class, String.class, Locale.class)
                                .invoke(null, "u2", "Sam", Locale.FRENCH)));
        builder.getMethod("occurredAt", Instant.class).invoke(b, Instant.EPOCH);
        builder.getMethod("parameter", String.class, String.class).invoke(b, "subject", "Élève absent");
        builder.getMethod("link", String.class).invoke(b, "https://ent.example/t/42");
        Object n = builder.getMethod("build").invoke(b);

        Object rendered =
                messages.getMethod("render", notification, Locale.class).invoke(null, n, Locale.FRENCH);

        assertThat(rendered.getClass().getMethod("subject").invoke(rendered))
                .isEqualTo("[Aide et support] Nouvelle demande n°42 : Élève absent");
    }
}
