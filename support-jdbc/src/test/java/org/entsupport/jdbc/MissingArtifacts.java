package org.entsupport.jdbc;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code SupportJdbc.builder()...build()} as a host whose dependencies lack some artifacts: in a class
 * loader over the test class path without the jars whose names start with the given prefixes (its parent is
 * the platform class loader, so nothing leaks in from the test's own class path).
 */
final class MissingArtifacts {

    private MissingArtifacts() {}

    /**
     * Builds a store from {@code url} (or the embedded default when {@code null}) without the named jars.
     *
     * @return what {@code build()} threw, or {@code null} when it built (the store is then closed)
     */
    static @Nullable Throwable buildWithout(@Nullable String url, String... jarPrefixes) throws Exception {
        List<URL> urls = new ArrayList<>();
        List<String> left = new ArrayList<>(Arrays.asList(jarPrefixes));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean missing = Arrays.stream(jarPrefixes).anyMatch(name::startsWith);
            if (missing) {
                left.removeIf(name::startsWith);
            } else {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        if (!left.isEmpty()) {
            throw new AssertionError("not on the test class path, so the test would prove nothing: " + left);
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader host = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(host);
            Class<?> type = Class.forName(SupportJdbc.class.getName(), true, host);
            Object builder = type.getMethod("builder").invoke(null);
            if (url != null) {
                builder = builder.getClass().getMethod("jdbcUrl", String.class).invoke(builder, url);
            }
            try {
                Object jdbc = builder.getClass().getMethod("build").invoke(builder);
                ((AutoCloseable) jdbc).close();
                return null;
            } catch (InvocationTargetException e) {
                return e.getCause();
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
