package org.entsupport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What Maven Central asks of every published module, checked on the POMs of the reactor: the root POM holds
 * the project's URL, licence, SCM and developers (inherited as they are, without the module's name appended),
 * the BOM repeats them and lists every published module, and each module has a name and a description.
 * A module added to the reactor without its line in the BOM fails here.
 */
class PublishedModulesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> NOT_PUBLISHED = List.of("examples", "benchmarks", "support-bom");

    @Test
    void theBomListsEveryPublishedModule() throws Exception {
        List<String> published = publishedModules();
        assertThat(published).contains("support-core", "support-jdbc", "support-tck");

        List<String> managed = new ArrayList<>();
        NodeList deps = pom("support-bom").getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            managed.add(child((Element) deps.item(i), "artifactId"));
        }
        assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void theRootAndTheBomCarryTheProjectsMetadata() throws Exception {
        Element root = pom(".").getDocumentElement();
        Element bom = pom("support-bom").getDocumentElement();
        for (Element project : List.of(root, bom)) {
            assertThat(child(project, "url")).isEqualTo("https://github.com/entsupport/aide-support-java");
            assertThat(text(project, "licenses/license/name")).isEqualTo("Apache-2.0");
            assertThat(text(project, "scm/connection"))
                    .isEqualTo("scm:git:https://github.com/entsupport/aide-support-java.git");
            assertThat(text(project, "scm/url")).isEqualTo("https://github.com/entsupport/aide-support-java");
            assertThat(text(project, "developers/developer/name")).isNotBlank();
            assertThat(child(project, "name")).isNotBlank();
            assertThat(child(project, "description")).isNotBlank();
        }
        assertThat(root.getAttribute("child.project.url.inherit.append.path")).isEqualTo("false");
        Element scm = (Element) root.getElementsByTagName("scm").item(0);
        assertThat(scm.getAttribute("child.scm.connection.inherit.append.path")).isEqualTo("false");
        assertThat(scm.getAttribute("child.scm.developerConnection.inherit.append.path"))
                .isEqualTo("false");
        assertThat(scm.getAttribute("child.scm.url.inherit.append.path")).isEqualTo("false");
        assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
    }

    @Test
    void everyPublishedModuleHasANameAndADescription() throws Exception {
        for (String module : publishedModules()) {
            Element project = pom(module).getDocumentElement();
            assertThat(child(project, "name")).as(module).startsWith("Aide & Support :: ");
            assertThat(child(project, "description")).as(module).isNotBlank();
        }
    }

    private static List<String> publishedModules() throws Exception {
        List<String> modules = new ArrayList<>();
        NodeList list = pom(".").getElementsByTagName("module");
        for (int i = 0; i < list.getLength(); i++) {
            String name = list.item(i).getTextContent().trim();
            if (!NOT_PUBLISHED.contains(name)) {
                modules.add(name);
            }
        }
        return modules;
    }

    private static Document pom(String module) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(ROOT.resolve(module).resolve("pom.xml").toFile());
    }

    /** The text of the direct child {@code name} of {@code parent}, or "" when there is none. */
    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    /** The text at a path of direct children, such as {@code scm/url}. */
    private static String text(Element parent, String path) {
        Element current = parent;
        String[] steps = path.split("/");
        for (int i = 0; i < steps.length - 1; i++) {
            Element next = null;
            for (Node n = current.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(steps[i])) {
                    next = e;
                    break;
                }
            }
            if (next == null) {
                return "";
            }
            current = next;
        }
        return child(current, steps[steps.length - 1]);
    }
}
