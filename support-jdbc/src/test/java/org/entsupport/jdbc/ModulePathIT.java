package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.codehaus.plexus.languages.java.jpms.LocationManager;
import org.codehaus.plexus.languages.java.jpms.ModuleNameSource;
import org.codehaus.plexus.languages.java.jpms.ResolvePathsRequest;
import org.codehaus.plexus.languages.java.jpms.ResolvePathsResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host on the module path: a small named module that requires {@code org.entsupport.jdbc} is
 * compiled against the packaged jar and run in its own JVM; Flyway must read the library's
 * migrations (which the module opens to it) and the store must work.
 *
 * <p>The host's build must not be told "Required filename-based automodules detected ... Please don't
 * publish this project": maven-compiler-plugin prints it (a boxed warning for a library, a note for an
 * application) when the modules its module path resolver (plexus-java) selects for the module include a
 * jar whose module name comes from its file name, as flyway-core's does. The test runs that resolver.
 */
class ModulePathIT {

    /** The jars a host on the module path needs besides the library's own modules. */
    private static final List<String> RUNTIME = List.of(
            "jooq-3",
            "r2dbc-spi",
            "reactive-streams",
            "flyway-core",
            "h2-",
            "HikariCP",
            "slf4j-api",
            "slf4j-simple",
            "jspecify",
            "jackson-");

    @Test
    void aNamedModuleHostMigratesAndFilesATicket(@TempDir Path dir) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("support-jdbc-.*\\.jar")
                            && !p.getFileName().toString().contains("sources"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("run after package: no support-jdbc jar in target/"));
        }
        List<String> modulePath = new ArrayList<>();
        modulePath.add(jar.toAbsolutePath().toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean ours = entry.replace('\\', '/').matches(".*/support-(core|notify-spi)/target/classes/?")
                    || name.matches("support-(core|notify-spi)-.*\\.jar");
            if (ours || (name.endsWith(".jar") && RUNTIME.stream().anyMatch(name::startsWith))) {
                modulePath.add(entry);
            }
        }
        String path = String.join(File.pathSeparator, modulePath);
        // The OWASP HTML sanitizer has no module name and its two shim jars split a package: a host keeps
        // them on the class path, which support-core reads (its internal Owasp class).
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.matches("(owasp-java-html-sanitizer|java8-shim|java10-shim)-.*\\.jar")) {
                classPath.add(entry);
            }
        }
        assertThat(classPath).as("the OWASP sanitizer and its shims").hasSize(3);

        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("host"));
        Files.writeString(src.resolve("module-info.java"), "module host { requires org.entsupport.jdbc; }\n");
        Files.writeString(src.resolve("host/Main.java"), """
                package host;

                import org.entsupport.core.Actor;
                import org.entsupport.core.NewTicket;
                import org.entsupport.core.Support;
                import org.entsupport.jdbc.SupportJdbc;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        try (SupportJdbc jdbc = SupportJdbc.builder().build();
                                Support support = Support.builder().store(jdbc.store()).build()) {
                            Actor a = Actor.user("u-1", "Une Personne").memberOf("s1").build();
                            var t = support.create(a, NewTicket.builder().school("s1").category("/blog")
                                    .subject("Depuis un module").description("d").build());
                            System.out.println("ticket " + t.id() + " on " + jdbc.database());
                        }
                    }
                }
                """);
        List<File> dependencies = modulePath.stream().map(File::new).collect(Collectors.toList());
        ResolvePathsResult<File> resolved = new LocationManager()
                .resolvePaths(ResolvePathsRequest.ofFiles(dependencies)
                        .setMainModuleDescriptor(src.resolve("module-info.java").toFile())
                        .setIncludeStatic(true));
        assertThat(resolved.getModulepathElements())
                .as("the host's module path, as maven-compiler-plugin resolves it")
                .isNotEmpty()
                .doesNotContainValue(ModuleNameSource.FILENAME);

        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(
                null,
                diagnostics,
                diagnostics,
                "-Xlint:all",
                "-d",
                classes.toString(),
                "--module-path",
                path,
                src.resolve("module-info.java").toString(),
                src.resolve("host/Main.java").toString());
        assertThat(compiled)
                .as("the host module compiles against the library's modules")
                .isZero();
        assertThat(diagnostics.toString(StandardCharsets.UTF_8))
                .as("javac -Xlint:all has nothing to say about the host")
                .isEmpty();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "--class-path",
                        String.join(File.pathSeparator, classPath),
                        "-Dorg.jooq.no-logo=true",
                        "-Dorg.jooq.no-tips=true",
                        "--module-path",
                        classes + File.pathSeparator + path,
                        "--add-modules",
                        "com.h2database,com.zaxxer.hikari",
                        "-m",
                        "host/host.Main")
                .redirectErrorStream(true)
                .start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(out)
                .as(out.lines()
                        .filter(l -> !l.toLowerCase(Locale.ROOT).contains("debug"))
                        .collect(Collectors.joining("\n")))
                .contains("ticket 1 on H2");
        assertThat(p.exitValue()).isZero();
    }
}
