package org.entsupport.http.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One route of the API: a method and a path template relative to the base path, such as
 * {@code GET /tickets/{id}}. The route table is the one source for dispatch and for the OpenAPI check.
 *
 * @param method   the HTTP method
 * @param template the path template; {@code {name}} matches one non-empty segment
 * @param handler  what answers it
 */
public record Route(String method, String template, Handler handler) {

    /** Answers a matched request. */
    @FunctionalInterface
    public interface Handler {
        /** Answers. */
        org.entsupport.http.ApiResponse handle(Call call) throws java.io.IOException;
    }

    /** The path variables if {@code path} (relative to the base) matches the template, else {@code null}. */
    public @Nullable Map<String, String> match(String path) {
        List<String> want = segments(template);
        List<String> have = segments(path);
        if (want.size() != have.size()) {
            return null;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            String h = have.get(i);
            if (w.startsWith("{") && w.endsWith("}")) {
                if (h.isEmpty()) {
                    return null;
                }
                vars.put(w.substring(1, w.length() - 1), h);
            } else if (!w.equals(h)) {
                return null;
            }
        }
        return vars;
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            out.add(s);
        }
        if (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        return out;
    }
}
