package org.entsupport.desk.redmine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.entsupport.desk.testing.LoopbackServer;
import org.entsupport.desk.testing.LoopbackServer.Answer;
import org.entsupport.desk.testing.LoopbackServer.Request;
import org.jspecify.annotations.Nullable;

/**
 * A local server that follows the parts of Redmine's REST API the connector uses (issues with
 * journals and attachments, uploads, the current user, projects, priorities and statuses), with the
 * answers a stock Redmine 5 gives: 404 for a deleted issue, 403 for one the account may not see,
 * 204 without body for an update, a status the workflow does not allow silently kept.
 */
final class FakeRedmine implements AutoCloseable {

    static final String KEY = "connector-k3y-0123456789";
    static final long CONNECTOR = 10;
    static final long AGENT = 2;

    /** An attachment of an issue. */
    record Attachment(long id, String fileName, String contentType, byte[] content) {}

    /** A journal: a note, files or field changes. */
    record Journal(
            long id,
            long userId,
            String userName,
            String notes,
            boolean privateNotes,
            Instant createdOn,
            List<Attachment> files,
            @Nullable String statusFrom,
            @Nullable String statusTo) {}

    /** An issue. */
    static final class Issue {
        final long id;
        final String subject;
        final String description;
        volatile int statusId = 1;
        volatile Instant updatedOn;
        volatile boolean deleted;
        volatile boolean hidden;
        final List<Journal> journals = new ArrayList<>();
        final List<Attachment> attachments = new ArrayList<>();

        Issue(long id, String subject, String description, Instant createdOn) {
            this.id = id;
            this.subject = subject;
            this.description = description;
            this.updatedOn = createdOn;
        }
    }

    private static final Map<Integer, String> STATUSES =
            Map.of(1, "New", 2, "In Progress", 3, "Resolved", 4, "Feedback", 5, "Closed", 6, "Rejected");

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong(100);
    private final Map<Long, Issue> issues = new ConcurrentHashMap<>();
    private final Map<String, Attachment> uploads = new ConcurrentHashMap<>();
    private final LoopbackServer server;

    /** Statuses the workflow does not let the account set: Redmine keeps the old one without a word. */
    final Set<Integer> workflowKeeps = ConcurrentHashMap.newKeySet();
    /** Statuses Redmine refuses outright with 422 (a parent whose subtasks are open). */
    final Set<Integer> refused = ConcurrentHashMap.newKeySet();
    /** The project's trackers, by id. */
    volatile Map<Integer, String> trackers = new java.util.TreeMap<>(Map.of(1, "Bug", 3, "Support"));
    /** The issue priorities: id, name and whether active. */
    volatile List<Object[]> priorities = List.of(new Object[] {2, "Normal", true}, new Object[] {7, "Old", false});

    FakeRedmine(Clock clock) throws IOException {
        this.clock = clock;
        this.server = new LoopbackServer(this::handle);
    }

    String url() {
        return server.url();
    }

    List<Request> requests() {
        return server.requests();
    }

    Issue issue(long id) {
        return issues.get(id);
    }

    List<Issue> issues() {
        return List.copyOf(issues.values());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    // ---------------------------------------------------------------- the agents' side

    /** An issue an agent creates on the desk. */
    synchronized Issue create(String subject, String description) {
        Issue issue = new Issue(ids.incrementAndGet(), subject, description, now());
        issues.put(issue.id, issue);
        return issue;
    }

    /** A note an agent writes, with optional files; returns the journal id. */
    synchronized String addNote(long issueId, long userId, String notes, boolean privateNotes, Attachment... files) {
        Issue issue = issues.get(issueId);
        List<Attachment> added = new ArrayList<>();
        for (Attachment f : files) {
            Attachment a = new Attachment(ids.incrementAndGet(), f.fileName(), f.contentType(), f.content());
            issue.attachments.add(a);
            added.add(a);
        }
        Journal j = new Journal(
                ids.incrementAndGet(),
                userId,
                userId == CONNECTOR ? "Connector" : "Agent",
                notes,
                privateNotes,
                now(),
                added,
                null,
                null);
        issue.journals.add(j);
        issue.updatedOn = now();
        return Long.toString(j.id());
    }

    /** An agent's status change, a journal without notes. */
    synchronized void setStatus(long issueId, int statusId) {
        Issue issue = issues.get(issueId);
        issue.journals.add(new Journal(
                ids.incrementAndGet(),
                AGENT,
                "Agent",
                "",
                false,
                now(),
                List.of(),
                Integer.toString(issue.statusId),
                Integer.toString(statusId)));
        issue.statusId = statusId;
        issue.updatedOn = now();
    }

    // ---------------------------------------------------------------- the API

    private synchronized Answer handle(Request r) throws IOException {
        if (!KEY.equals(r.header("X-Redmine-API-Key"))) {
            return Answer.json(401, "{}");
        }
        String full = r.path();
        int q = full.indexOf('?');
        String path = q < 0 ? full : full.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : full.substring(q + 1));
        String method = r.method();
        if (method.equals("GET") && path.equals("/users/current.json")) {
            return ok("{\"user\":{\"id\":" + CONNECTOR + ",\"login\":\"connector\"}}");
        }
        if (method.equals("GET") && path.equals("/projects/p.json")) {
            ObjectNode project = json.createObjectNode();
            ObjectNode p = project.putObject("project").put("id", 1).put("identifier", "p");
            ArrayNode t = p.putArray("trackers");
            trackers.forEach((id, name) -> t.addObject().put("id", id).put("name", name));
            return ok(project);
        }
        if (method.equals("GET") && path.equals("/enumerations/issue_priorities.json")) {
            ObjectNode answer = json.createObjectNode();
            ArrayNode list = answer.putArray("issue_priorities");
            priorities.forEach(p -> list.addObject()
                    .put("id", (Integer) p[0])
                    .put("name", (String) p[1])
                    .put("active", (Boolean) p[2]));
            return ok(answer);
        }
        if (method.equals("GET") && path.equals("/issue_statuses.json")) {
            ObjectNode answer = json.createObjectNode();
            ArrayNode list = answer.putArray("issue_statuses");
            STATUSES.forEach((id, name) -> list.addObject().put("id", id).put("name", name));
            return ok(answer);
        }
        if (method.equals("POST") && path.equals("/uploads.json")) {
            String token = "t" + ids.incrementAndGet();
            uploads.put(token, new Attachment(0, query.get("filename"), "", r.body()));
            return Answer.json(201, "{\"upload\":{\"id\":1,\"token\":\"" + token + "\"}}");
        }
        if (method.equals("GET") && path.equals("/issues.json")) {
            return ok(list(query));
        }
        if (method.equals("POST") && path.equals("/issues.json")) {
            JsonNode fields = json.readTree(r.body()).path("issue");
            Issue issue = create(
                    fields.path("subject").asText(), fields.path("description").asText());
            for (JsonNode u : fields.path("uploads")) {
                issue.attachments.add(attachment(u));
            }
            return Answer.json(
                    201, json.writeValueAsString(json.createObjectNode().set("issue", issueJson(issue, ""))));
        }
        if (path.startsWith("/attachments/download/")) {
            long id = Long.parseLong(path.split("/")[3]);
            return issues.values().stream()
                    .filter(i -> !i.deleted && !i.hidden)
                    .flatMap(i -> i.attachments.stream())
                    .filter(a -> a.id() == id)
                    .findFirst()
                    .map(a -> new Answer(200, Map.of("Content-Type", a.contentType()), a.content()))
                    .orElse(Answer.json(404, "{}"));
        }
        if (path.startsWith("/issues/") && path.endsWith(".json")) {
            long id = Long.parseLong(path.substring("/issues/".length(), path.length() - ".json".length()));
            Issue issue = issues.get(id);
            if (issue == null || issue.deleted) {
                return Answer.json(404, "{}");
            }
            if (issue.hidden) {
                return Answer.json(403, "{}");
            }
            if (method.equals("GET")) {
                return ok(json.createObjectNode().set("issue", issueJson(issue, query.getOrDefault("include", ""))));
            }
            if (method.equals("PUT")) {
                return update(issue, json.readTree(r.body()).path("issue"));
            }
        }
        return Answer.json(404, "{}");
    }

    private Answer update(Issue issue, JsonNode fields) {
        Integer status = fields.has("status_id") ? fields.path("status_id").asInt() : null;
        if (status != null && refused.contains(status)) {
            return Answer.json(422, "{\"errors\":[\"Status is invalid\"]}");
        }
        List<Attachment> files = new ArrayList<>();
        for (JsonNode u : fields.path("uploads")) {
            Attachment a = attachment(u);
            issue.attachments.add(a);
            files.add(a);
        }
        String from = null;
        String to = null;
        if (status != null && status != issue.statusId && !workflowKeeps.contains(status)) {
            from = Integer.toString(issue.statusId);
            to = Integer.toString(status);
            issue.statusId = status;
        }
        String notes = fields.path("notes").asText("");
        if (!notes.isEmpty() || !files.isEmpty() || to != null) {
            issue.journals.add(new Journal(
                    ids.incrementAndGet(),
                    CONNECTOR,
                    "Connector",
                    notes,
                    fields.path("private_notes").asBoolean(false),
                    now(),
                    files,
                    from,
                    to));
            issue.updatedOn = now();
        }
        return new Answer(204, Map.of(), new byte[0]);
    }

    private Attachment attachment(JsonNode upload) {
        Attachment uploaded = uploads.remove(upload.path("token").asText());
        return new Attachment(
                ids.incrementAndGet(),
                upload.path("filename").asText(uploaded.fileName()),
                upload.path("content_type").asText(""),
                uploaded.content());
    }

    private ObjectNode list(Map<String, String> query) {
        List<Issue> found = issues.values().stream()
                .filter(i -> !i.deleted && !i.hidden)
                .collect(Collectors.toCollection(ArrayList::new));
        if (query.containsKey("issue_id")) {
            Set<Long> wanted = Arrays.stream(query.get("issue_id").split(","))
                    .map(Long::parseLong)
                    .collect(Collectors.toCollection(HashSet::new));
            found.removeIf(i -> !wanted.contains(i.id));
        }
        String subject = query.get("subject");
        if (subject != null && subject.startsWith("~")) {
            found.removeIf(i -> !i.subject.contains(subject.substring(1)));
        }
        String updated = query.get("updated_on");
        if (updated != null && updated.startsWith(">=")) {
            Instant from = Instant.parse(updated.substring(2));
            found.removeIf(i -> i.updatedOn.isBefore(from));
        }
        if ("updated_on:desc,id:desc".equals(query.get("sort"))) {
            found.sort(Comparator.comparing((Issue i) -> i.updatedOn)
                    .thenComparing(i -> i.id)
                    .reversed());
        } else {
            found.sort(Comparator.comparing(i -> i.id));
        }
        int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "25"));
        ObjectNode answer = json.createObjectNode();
        ArrayNode list = answer.putArray("issues");
        found.stream().skip(offset).limit(limit).forEach(i -> list.add(issueJson(i, "")));
        answer.put("total_count", found.size()).put("offset", offset).put("limit", limit);
        return answer;
    }

    private ObjectNode issueJson(Issue issue, String include) {
        ObjectNode i = json.createObjectNode();
        i.put("id", issue.id);
        i.putObject("project").put("id", 1).put("name", "P");
        i.putObject("status").put("id", issue.statusId).put("name", STATUSES.get(issue.statusId));
        i.put("subject", issue.subject);
        i.put("description", issue.description);
        i.put("updated_on", issue.updatedOn.toString());
        if (include.contains("attachments")) {
            ArrayNode list = i.putArray("attachments");
            for (Attachment a : issue.attachments) {
                list.addObject()
                        .put("id", a.id())
                        .put("filename", a.fileName())
                        .put("filesize", a.content().length)
                        .put("content_type", a.contentType())
                        .put(
                                "content_url",
                                url() + "/attachments/download/" + a.id() + "/"
                                        + java.net.URLEncoder.encode(a.fileName(), StandardCharsets.UTF_8)
                                                .replace("+", "%20"));
            }
        }
        if (include.contains("journals")) {
            ArrayNode list = i.putArray("journals");
            for (Journal j : issue.journals) {
                ObjectNode o = list.addObject();
                o.put("id", j.id());
                o.putObject("user").put("id", j.userId()).put("name", j.userName());
                o.put("notes", j.notes());
                o.put("created_on", j.createdOn().toString());
                o.put("private_notes", j.privateNotes());
                ArrayNode details = o.putArray("details");
                for (Attachment a : j.files()) {
                    details.addObject()
                            .put("property", "attachment")
                            .put("name", Long.toString(a.id()))
                            .putNull("old_value")
                            .put("new_value", a.fileName());
                }
                if (j.statusTo() != null) {
                    details.addObject()
                            .put("property", "attr")
                            .put("name", "status_id")
                            .put("old_value", j.statusFrom())
                            .put("new_value", j.statusTo());
                }
            }
        }
        return i;
    }

    private Answer ok(Object body) throws IOException {
        return Answer.json(200, body instanceof String s ? s : json.writeValueAsString(body));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
