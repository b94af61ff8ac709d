package org.entsupport.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose tests run on another JUnit 5 line (5.10) than the one support-tck is built with (5.14): its
 * contract subclass compiles and every contract test passes, in a JVM of its own whose class path is laid out
 * as Maven gives it to the host's tests: the host's classes, support-tck and its compile and runtime
 * dependencies (as Maven resolved them for this build), then the host's JUnit (one jar holding JUnit 5.10.3's
 * API, engine and launcher). Had support-tck brought its own JUnit API, it would come first and mix two lines.
 */
class OtherJUnitLineIT {

    @Test
    void aHostOnJUnit510RunsTheStoreContract(@TempDir Path dir) throws Exception {
        Path hostJUnit = Path.of(System.getProperty("tck.hostJUnit"));
        List<String> tck = classPath(
                System.getProperty("tck.classes"),
                Files.readString(Path.of(System.getProperty("tck.runtimeClasspath")))
                        .trim());
        assertThat(hostJUnit).exists();
        assertThat(tck)
                .as("support-tck brings no JUnit of its own to a host")
                .noneMatch(entry -> Path.of(entry).getFileName().toString().startsWith("junit-"));

        Path src = dir.resolve("src/host/HostStoreContractTest.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package host;

                import org.entsupport.core.memory.InMemoryTicketStore;
                import org.entsupport.core.spi.TicketStore;
                import org.entsupport.tck.TicketStoreContract;

                public class HostStoreContractTest extends TicketStoreContract {
                    @Override
                    protected TicketStore createStore() {
                        return new InMemoryTicketStore();
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        String compilePath = String.join(File.pathSeparator, tck) + File.pathSeparator + hostJUnit;
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(
                        null, null, null, "-proc:none", "-d", classes.toString(), "-cp", compilePath, src.toString()))
                .as("the contract subclass compiles against JUnit 5.10")
                .isZero();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        classes + File.pathSeparator + compilePath,
                        "org.junit.platform.console.ConsoleLauncher",
                        "--disable-banner",
                        "--details=summary",
                        "--fail-if-no-tests",
                        "--select-class",
                        "host.HostStoreContractTest")
                .redirectErrorStream(true)
                .start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();

        long contractTests = Arrays.stream(TicketStoreContract.class.getDeclaredMethods())
                .filter(m -> isTest(m))
                .count();
        assertThat(contractTests).isPositive();
        assertThat(out)
                .as(out)
                .containsPattern("\\[\\s+" + contractTests + " tests successful\\s+]")
                .containsPattern("\\[\\s+0 tests failed\\s+]");
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static boolean isTest(Method m) {
        return m.isAnnotationPresent(Test.class);
    }

    private static List<String> classPath(String first, String rest) {
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(first), Arrays.stream(rest.split(File.pathSeparator)))
                .filter(e -> !e.isBlank())
                .collect(Collectors.toList());
    }
}
