package dev.leadbase.leads.edge;

import dev.leadbase.leads.domain.LeadForm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.shared.http.BodyReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lead body as read at the edge: the fields that were valid, and every problem of the body by field name
 * (unknown fields included). The use case adds the problems only it can see (an unknown companyId, a
 * missing identifier) and reports them all in one 400.
 */
public record LeadBody(LeadForm form, Map<String, Object> problems) {
    public static final int MAX_BATCH = 100;

    public LeadBody {
        problems = new LinkedHashMap<>(problems);
    }

    /** The body of a create or PATCH. */
    public static LeadBody of(BodyReader body) {
        LeadForm form = LeadFormReader.read(body);
        return new LeadBody(form, body.problems());
    }

    /** The items of a batch body, each read on its own; an item that is not an object carries only that problem. */
    public static List<LeadBody> batch(BodyReader body) {
        Optional<JsonNode> items = body.node("leads");
        if (items.isEmpty() || !items.get().isArray() || items.get().isEmpty() || items.get().size() > MAX_BATCH) {
            body.invalid("leads", "Must be an array of 1 to " + MAX_BATCH + " leads");
        }
        body.done();
        List<LeadBody> bodies = new ArrayList<>();
        int index = 0;
        for (JsonNode node : items.get()) {
            bodies.add(node.isObject() ? of(BodyReader.of(node, "leads[" + index + "]"))
                    : new LeadBody(null, Map.of("lead", "Must be a JSON object")));
            index++;
        }
        return bodies;
    }
}
