package org.entsupport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host on the module path, without support-jdbc (an optional dependency): a named module that requires
 * {@code org.entsupport.http} is compiled against the packaged jar and run in its own JVM; Jackson must read
 * and write the API's JSON through what the module opens to it.
 */
class ModulePathIT {

    /** The jars a host needs besides the library's own modules. */
    private static final List<String> RUNTIME = List.of(
            "jackson-databind",
            "jackson-core",
            "jackson-annotations",
            "jackson-datatype-jsr310",
            "jackson-dataformat-csv",
            "slf4j-api",
            "jspecify");

    @Test
    void aNamedModuleHostServesTheApi(@TempDir Path dir) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("support-http-.*\\.jar")
                            && !p.getFileName().toString().contains("sources"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("run after package: no support-http jar in target/"));
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
        Files.writeString(src.resolve("module-info.java"), "module host { requires org.entsupport.http; }\n");
        Files.writeString(src.resolve("host/Main.java"), """
                package host;

                import java.io.ByteArrayInputStream;
                import java.io.ByteArrayOutputStream;
                import java.nio.charset.StandardCharsets;
                import java.util.Optional;
                import org.entsupport.core.Actor;
                import org.entsupport.core.Support;
                import org.entsupport.http.ApiRequest;
                import org.entsupport.http.ApiResponse;
                import org.entsupport.http.SupportHttp;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        Actor a = Actor.user("u-1", "Une Personne").memberOf("s1").build();
                        try (Support support = Support.builder().build()) {
                            SupportHttp api = SupportHttp.builder(support, r -> Optional.of(a)).build();
                            byte[] json = ("{\\"school\\":\\"s1\\",\\"category\\":\\"/blog\\","
                                    + "\\"subject\\":\\"Depuis un module\\",\\"description\\":\\"d\\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                            print(api.handle(ApiRequest.builder("POST", "/api/v1/tickets")
                                    .header("Content-Type", "application/json")
                                    .body(() -> new ByteArrayInputStream(json)).build()));
                            print(api.handle(ApiRequest.builder("GET", "/api/v1/tickets/1/timeline").build()));
                            print(api.handle(ApiRequest.builder("GET", "/api/v1/openapi.json").build()));
                        }
                    }

                    static void print(ApiResponse r) throws Exception {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        r.writeBody(out);
                        String body = out.toString(StandardCharsets.UTF_8);
                        System.out.println(r.status() + " " + body.substring(0, Math.min(80, body.length())));
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "--module-path",
                path,
                src.resolve("module-info.java").toString(),
                src.resolve("host/Main.java").toString());
        assertThat(compiled)
                .as("the host module compiles against the library's modules")
                .isZero();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "--class-path",
                        String.join(File.pathSeparator, classPath),
                        "--module-path",
                        classes + File.pathSeparator + path,
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
                .as(out)
                .contains("201 {\"id\":1,")
                .contains("200 {\"ticketId\":1,")
                .contains("200 {\n  \"openapi\" : \"3.1.0\"");
        assertThat(p.exitValue()).isZero();
    }
}
