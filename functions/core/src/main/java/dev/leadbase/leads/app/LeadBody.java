package dev.leadbase.leads.app;

import dev.leadbase.leads.domain.LeadForm;
import java.util.LinkedHashMap;
import java.util.Map;

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
}
