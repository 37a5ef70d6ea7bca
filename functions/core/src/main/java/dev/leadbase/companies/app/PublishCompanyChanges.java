package dev.leadbase.companies.app;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeSink;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.changes.domain.SourceRecord;
import dev.leadbase.companies.domain.Company;
import dev.leadbase.companies.domain.CompanyImages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Publishes the change events of the Companies stream: {@code company.created}, and {@code company.updated} with the
 * fields that changed and their previous values. Each company is shown by {@code view}, the wire shape of
 * {@code GET /api/v2/companies/{id}}. A company's events concern no lead: they carry no lead and no owner.
 *
 * @param <I> the form a change's images arrive in (a stream record's)
 */
public final class PublishCompanyChanges<I> {
    private final CompanyImages<I> images;
    private final Function<Company, Map<String, Object>> view;
    private final ChangeSink sink;

    public PublishCompanyChanges(CompanyImages<I> images, Function<Company, Map<String, Object>> view, ChangeSink sink) {
        this.images = images;
        this.view = view;
        this.sink = sink;
    }

    /** Publishes the event of one change; answers it, or null when the change makes none (a removal, no visible change). */
    public ChangeEvent follow(SourceRecord record, I before, I after) {
        Company was = images.company(before);
        Company now = images.company(after);
        ChangeEvent event = null;
        if (now != null && was == null) {
            event = event(record, ChangeType.COMPANY_CREATED, now, Map.of("company", view.apply(now)));
        } else if (now != null) {
            Map<String, Object> old = view.apply(was);
            Map<String, Object> current = view.apply(now);
            List<String> changed = new ArrayList<>();
            Map<String, Object> previous = new LinkedHashMap<>();
            current.forEach((field, value) -> {
                if (!field.equals("updatedAt") && !Objects.equals(value, old.get(field))) {
                    changed.add(field);
                    previous.put(field, old.get(field));
                }
            });
            if (!changed.isEmpty()) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("company", current);
                data.put("changedFields", changed);
                data.put("previous", previous);
                event = event(record, ChangeType.COMPANY_UPDATED, now, data);
            }
        }
        if (event != null) {
            sink.publish(List.of(event));
        }
        return event;
    }

    private static ChangeEvent event(SourceRecord record, ChangeType type, Company company, Map<String, Object> data) {
        Instant at = company.updatedAt() == null ? record.at() : company.updatedAt();
        return new ChangeEvent(company.tenantId(), record.eventId(type.wire()), type, at, company.id(), null, null, 0,
                data);
    }
}
