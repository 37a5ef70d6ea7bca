package dev.leadbase.leads.edge;

import dev.leadbase.leads.app.LeadBody;
import dev.leadbase.leads.domain.LeadForm;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.shared.http.BodyReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads lead bodies (a create, a PATCH, a batch's items) into what the use cases take. */
public final class LeadBodies {
    private LeadBodies() {
    }

    /** The body of a create or PATCH. */
    public static LeadBody of(BodyReader body) {
        LeadForm form = LeadFormReader.read(body);
        return new LeadBody(form, body.problems());
    }

    /** The items of a batch body, each read on its own; an item that is not an object carries only that problem. */
    public static List<LeadBody> batch(BodyReader body) {
        Optional<JsonNode> items = body.node("leads");
        if (items.isEmpty() || !items.get().isArray() || items.get().isEmpty() || items.get().size() > LeadBody.MAX_BATCH) {
            body.invalid("leads", "Must be an array of 1 to " + LeadBody.MAX_BATCH + " leads");
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
